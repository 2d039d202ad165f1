import type { DesiredState, TopicView } from '../model';
import { allowsCloudWatch, deniesCloudWatch, mergePolicy, newTopicPolicy } from './policy';
import { subscriberFindings, subscriptionChanges } from './subscribers';
import type { Change, Finding } from './types';

export { describeEndpoint } from './subscribers';

const AWS_MANAGED_KEY = /(^|:)alias\/aws\/sns$/;

function encryptionFindings(topic: TopicView): Finding[] {
  const key = topic.kmsMasterKeyId;
  if (!key) return [];
  if (AWS_MANAGED_KEY.test(key)) {
    const message = `topic is encrypted with the AWS managed key ${key}, which CloudWatch alarms cannot use: use a customer managed key`;
    return [{ code: 'topic-kms-aws-managed-key', message, blocking: true }];
  }
  const message = `topic is encrypted with ${key}: its key policy must allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*`;
  return [{ code: 'topic-kms-customer-key', message, blocking: false }];
}

function existingTopicPlan(
  desired: DesiredState,
  topic: TopicView,
): { changes: Change[]; findings: Finding[] } {
  const { arn } = desired.topic;
  const findings = encryptionFindings(topic);
  const changes: Change[] = [];
  if (deniesCloudWatch(topic.policy, arn)) {
    const message = 'topic policy denies cloudwatch.amazonaws.com sns:Publish; remove that statement';
    findings.push({ code: 'topic-policy-denies-cloudwatch', message, blocking: true });
  } else if (!allowsCloudWatch(topic.policy, arn)) {
    const after = mergePolicy(topic.policy, arn, desired.accountId);
    const reasons = ['topic policy does not let cloudwatch.amazonaws.com publish'];
    changes.push({
      resource: 'topic-policy',
      action: 'update',
      topicArn: arn,
      reasons,
      before: topic.policy ?? null,
      after,
    });
  }
  return { changes, findings };
}

/** Plans the topic, its policy and subscriptions; names what the enforcer cannot fix as findings. */
export function planTopic(
  desired: DesiredState,
  topic: TopicView | undefined,
): { changes: Change[]; findings: Finding[] } {
  const { arn, createName } = desired.topic;
  const subscriptions = subscriptionChanges(desired, topic);
  const subscribers = subscriberFindings(desired, topic, subscriptions.length);
  if (topic) {
    const own = existingTopicPlan(desired, topic);
    return { changes: [...own.changes, ...subscriptions], findings: [...own.findings, ...subscribers] };
  }
  if (!createName) {
    const message = `configured topic ${arn} does not exist and is outside this account or region, so it cannot be created`;
    return { changes: [], findings: [{ code: 'topic-missing', message, blocking: true }] };
  }
  const policy = newTopicPolicy(arn, desired.accountId);
  const create: Change = {
    resource: 'topic',
    action: 'create',
    reasons: ['topic does not exist'],
    before: null,
    after: { name: createName, policy },
  };
  return { changes: [create, ...subscriptions], findings: subscribers };
}
