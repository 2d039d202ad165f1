import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import { SECURITY_GROUP_CHANGES } from '../../../src/catalog/specs';
import {
  ACCOUNT,
  type AccountState,
  compliant,
  LOG_GROUP,
  ourAlarm,
  ourFilter,
  type SentCall,
  TOPIC_ARN,
} from '../../support/builders';

/** The exact write calls the enforcer makes in the default test configuration, and scenario edits. */
/** Someone else's alarm action. */
export const OPS = `arn:aws:sns:us-east-1:${ACCOUNT}:ops-pager`;
/** The description the enforcer gives an alarm it creates. */
export const DESIRED_DESCRIPTION =
  'CIS-4.10 (Security Hub CloudWatch.10): Log metric filter and alarm for security group changes. Managed by cis-monitoring-enforcer.';

/** PutMetricFilter of the canonical cis pattern on the trail's log group. */
export const FILTER_WRITE: SentCall = {
  command: 'PutMetricFilterCommand',
  input: {
    logGroupName: LOG_GROUP,
    filterName: 'CIS-4.10-SecurityGroupChanges',
    filterPattern: SECURITY_GROUP_CHANGES.profiles.cis.canonical,
    metricTransformations: [
      { metricNamespace: 'CISBenchmark', metricName: 'SecurityGroupEventCount', metricValue: '1' },
    ],
  },
};
/** Every PutMetricAlarm field the enforcer sets, except the description and tags. */
export const ALARM_FIELDS = {
  AlarmName: 'CIS-4.10-SecurityGroupChanges',
  Namespace: 'CISBenchmark',
  MetricName: 'SecurityGroupEventCount',
  Statistic: 'Sum',
  Period: 300,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  EvaluationPeriods: 1,
  DatapointsToAlarm: 1,
  TreatMissingData: 'notBreaching',
  ActionsEnabled: true,
  AlarmActions: [TOPIC_ARN],
  OKActions: [],
  InsufficientDataActions: [],
};
/** An update keeps the description someone gave the alarm. */
export const alarmUpdate = (patch: Record<string, unknown> = {}): SentCall => ({
  command: 'PutMetricAlarmCommand',
  input: { ...ALARM_FIELDS, AlarmDescription: 'Security group changes (CIS 4.10)', ...patch },
});
/** The statement the enforcer merges into the topic policy. */
export const OUR_STATEMENT = {
  Sid: 'CisMonitoringEnforcerAllowCloudWatchAlarms',
  Effect: 'Allow',
  Principal: { Service: 'cloudwatch.amazonaws.com' },
  Action: 'sns:Publish',
  Resource: TOPIC_ARN,
  Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
};
/** Subscribe of one endpoint to our topic. */
export const subscribe = (Protocol: string, Endpoint: string): SentCall => ({
  command: 'SubscribeCommand',
  input: { TopicArn: TOPIC_ARN, Protocol, Endpoint, ReturnSubscriptionArn: true },
});
/** CreateTopic with the default owner statement plus ours, tagged. */
export const CREATE_TOPIC: SentCall = {
  command: 'CreateTopicCommand',
  input: {
    Name: 'cis-monitoring-alarms',
    Attributes: {
      Policy: {
        Version: '2008-10-17',
        Statement: [
          expect.objectContaining({ Sid: '__default_statement_ID', Principal: { AWS: '*' } }),
          OUR_STATEMENT,
        ],
      },
    },
    Tags: [{ Key: 'managed-by', Value: 'cis-monitoring-enforcer' }],
  },
};

/** The compliant account changed by `edit`. */
export const drifted =
  (edit: (s: AccountState) => void, base: () => AccountState = compliant) =>
  (): AccountState => {
    const state = base();
    edit(state);
    return state;
  };
export const alarm = (patch: Partial<MetricAlarm>) => drifted((s) => Object.assign(ourAlarm(s), patch));
/** A pattern matching two of the six events only. */
export const twoEvents = '{ ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }';
export const SQS = 'sqs:arn:aws:sqs:us-east-1:123456789012:alarms';

/** The compliant account with our filter's metric transformation changed. */
export const metric = (patch: Partial<MetricTransformation>) =>
  drifted((s) => {
    const [first] = ourFilter(s).metricTransformations ?? [];
    if (!first) throw new Error('our filter has no metric transformation');
    Object.assign(first, patch);
  });
