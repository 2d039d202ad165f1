/**
 * The seeded account as data: the control written out literally (an oracle independent of src/), and
 * the user's own unrelated monitoring resources.
 */
import type { PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import type { PutMetricFilterCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { ACCOUNT_ID, REGION } from './emulator';

const snsArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}`;

/** The six CIS 4.10 security group event names, in the order the canonical pattern lists them. */
export const SECURITY_GROUP_EVENTS = [
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
] as const;

/** The compliant control with the enforcer's default names (profile `cis`). */
export const CONTROL = {
  filterName: 'CIS-4.10-SecurityGroupChanges',
  pattern:
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ' +
    '($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ' +
    '($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  namespace: 'CISBenchmark',
  metricName: 'SecurityGroupEventCount',
  topicName: 'cis-monitoring-alarms',
  topicArn: snsArn('cis-monitoring-alarms'),
  subscriber: 'security@example.com',
  alarm: {
    AlarmName: 'CIS-4.10-SecurityGroupChanges',
    AlarmDescription: 'CIS 4.10: security group changes',
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
  },
} as const;

/** The control's topic policy as a person writes it: SNS's owner statement plus CloudWatch may publish. */
export function controlTopicPolicy() {
  return {
    Version: '2008-10-17',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: CONTROL.topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT_ID } },
      },
      {
        Sid: 'AllowCloudWatchAlarms',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: CONTROL.topicArn,
      },
    ],
  };
}

/** Where the seeded trail lives. */
export const TRAIL = {
  bucket: `aws-cloudtrail-logs-${ACCOUNT_ID}-bucket`,
  name: 'management-events',
  arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT_ID}:trail/management-events`,
  logGroupName: `aws-cloudtrail-logs-${ACCOUNT_ID}-management`,
  logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:aws-cloudtrail-logs-${ACCOUNT_ID}-management:*`,
  roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/CloudTrail_CloudWatchLogs_Role`,
} as const;

const opsTopicArn = snsArn('ops-alerts');

type FilterInput = Omit<PutMetricFilterCommandInput, 'logGroupName'>;

/** The user's own resources; none of them may ever change. */
export const USER = {
  topicName: 'ops-alerts',
  topicArn: opsTopicArn,
  topicTags: [{ Key: 'team', Value: 'platform' }],
  subscriber: 'oncall@example.com',
  /** An action the user added to the control's alarm. */
  extraAlarmAction: opsTopicArn,
  filters: [
    {
      filterName: 'RootAccountUsage',
      filterPattern:
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      metricTransformations: [
        { metricNamespace: 'LogMetrics', metricName: 'RootAccountUsageCount', metricValue: '1' },
      ],
    },
    {
      filterName: 'CIS-4.6-ConsoleSignInFailures',
      filterPattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
      metricTransformations: [
        { metricNamespace: 'CISBenchmark', metricName: 'ConsoleSignInFailureCount', metricValue: '1' },
      ],
    },
  ] satisfies FilterInput[],
  alarms: [
    {
      AlarmName: 'CIS-4.6-ConsoleSignInFailures',
      Namespace: 'CISBenchmark',
      MetricName: 'ConsoleSignInFailureCount',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [opsTopicArn],
    },
    {
      AlarmName: 'RootAccountUsage',
      Namespace: 'LogMetrics',
      MetricName: 'RootAccountUsageCount',
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [opsTopicArn],
    },
    {
      AlarmName: 'api-high-cpu',
      AlarmDescription: 'API fleet CPU above 80% for 15 minutes',
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'api' }],
      Statistic: 'Average',
      Period: 300,
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      AlarmActions: [opsTopicArn],
      OKActions: [opsTopicArn],
    },
  ] satisfies PutMetricAlarmCommandInput[],
} as const;
