/**
 * Seeds an emulated account with SDK v3 calls, as a person would set it up: the trail (S3 bucket,
 * CloudWatch Logs group, multi-region trail delivering to it, logging), the user's own unrelated
 * monitoring that must survive every run untouched, and optionally the control as CIS remediation
 * leaves it. Subscriptions are confirmed by `human`, as their owners did (on AWS an email
 * subscription stays pending until then). `snapshotUserResources` reads the user's resources back for
 * byte-for-byte comparison.
 */
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { REGION } from './emulator';
import { CONTROL, controlTopicPolicy, TRAIL, USER } from './seed-data';
import type { Human } from './seed-human';

export { CONTROL, SECURITY_GROUP_EVENTS, TRAIL, USER } from './seed-data';
export { type Human, humanOf, NothingToConfirmError } from './seed-human';
export { snapshotUserResources, type UserSnapshot } from './snapshot';

/** Clients with an explicit endpoint: a person's own session, never the enforcer's. */
export interface AccountClients {
  readonly s3: S3Client;
  readonly logs: CloudWatchLogsClient;
  readonly cloudtrail: CloudTrailClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
}

/** SDK v3 clients for a person working against `endpoint` (the emulator), with dummy credentials. */
export function accountClients(endpoint: string): AccountClients {
  const options = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  return {
    s3: new S3Client({ ...options, forcePathStyle: true }),
    logs: new CloudWatchLogsClient(options),
    cloudtrail: new CloudTrailClient(options),
    cloudwatch: new CloudWatchClient(options),
    sns: new SNSClient(options),
  };
}

/** The trail and its log group, logging: what the enforcer discovers and never creates. */
export async function seedTrail(c: AccountClients): Promise<void> {
  await c.s3.send(new CreateBucketCommand({ Bucket: TRAIL.bucket }));
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: TRAIL.logGroupName }));
  await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: TRAIL.name,
      S3BucketName: TRAIL.bucket,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      CloudWatchLogsLogGroupArn: TRAIL.logGroupArn,
      CloudWatchLogsRoleArn: TRAIL.roleArn,
    }),
  );
  await c.cloudtrail.send(new StartLoggingCommand({ Name: TRAIL.arn }));
}

/** The user's own monitoring: two other filters on the trail's group, three other alarms, another topic. */
export async function seedUserResources(c: AccountClients, human: Human): Promise<void> {
  for (const filter of USER.filters) {
    await c.logs.send(new PutMetricFilterCommand({ logGroupName: TRAIL.logGroupName, ...filter }));
  }
  const topic = await c.sns.send(new CreateTopicCommand({ Name: USER.topicName, Tags: [...USER.topicTags] }));
  await c.sns.send(
    new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'email', Endpoint: USER.subscriber }),
  );
  await human.confirm(USER.topicArn, USER.subscriber);
  for (const alarm of USER.alarms) await c.cloudwatch.send(new PutMetricAlarmCommand(alarm));
}

/** Trail plus the user's resources: a fresh account as far as the control is concerned. */
export async function seedAccount(c: AccountClients, human: Human): Promise<void> {
  await seedTrail(c);
  await seedUserResources(c, human);
}

/**
 * The control as a person following the CIS remediation (and the enforcer) leaves it: the topic with
 * CloudWatch allowed to publish and one confirmed email subscriber, the filter, and the alarm, to
 * which the user has added an action of their own (`USER.extraAlarmAction`).
 */
export async function seedControl(c: AccountClients, human: Human): Promise<void> {
  const Attributes = { Policy: JSON.stringify(controlTopicPolicy()) };
  const Tags = [{ Key: 'managed-by', Value: 'cis-monitoring-enforcer' }];
  await c.sns.send(new CreateTopicCommand({ Name: CONTROL.topicName, Attributes, Tags }));
  await c.sns.send(
    new SubscribeCommand({ TopicArn: CONTROL.topicArn, Protocol: 'email', Endpoint: CONTROL.subscriber }),
  );
  await human.confirm(CONTROL.topicArn, CONTROL.subscriber);
  await c.logs.send(
    new PutMetricFilterCommand({
      logGroupName: TRAIL.logGroupName,
      filterName: CONTROL.filterName,
      filterPattern: CONTROL.pattern,
      metricTransformations: [
        { metricNamespace: CONTROL.namespace, metricName: CONTROL.metricName, metricValue: '1' },
      ],
    }),
  );
  await c.cloudwatch.send(
    new PutMetricAlarmCommand({ ...CONTROL.alarm, AlarmActions: [CONTROL.topicArn, USER.extraAlarmAction] }),
  );
}
