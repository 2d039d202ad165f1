/** aws-sdk-client-mock answers for the verdict's reads: our chain plus a Terraform chain notifying two topics. */
import {
  CloudWatchClient,
  DescribeAlarmsForMetricCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeMetricFiltersCommand,
  type MetricFilter,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { loadConfig } from '../../src/config';
import { desiredState } from '../../src/plan/desired';
import { newTopicPolicy } from '../../src/plan/policy';
import type { Seen } from '../../src/verdict';
import {
  ACCOUNT,
  OTHER_ACCOUNT_TOPIC,
  OUR_METRIC,
  OUR_TOPIC,
  OURS,
  ourFilter,
  REGION,
  TF_METRIC,
  TF_TOPIC,
  tfFilter,
} from './fixtures';

export const cloudwatch = mockClient(CloudWatchClient);
export const sns = mockClient(SNSClient);
export const logs = mockClient(CloudWatchLogsClient);
export const clients = createClients(REGION);
export const trail = {
  name: 'management-events',
  arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/management-events`,
  homeRegion: REGION,
  logGroupName: 'aws-cloudtrail-logs',
  logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:aws-cloudtrail-logs:*`,
  isLogging: true,
};
export const desired = desiredState(loadConfig({ AWS_REGION: REGION }), ACCOUNT, trail);
export const meta = { httpStatusCode: 400, requestId: 'test' };

const sdkAlarm = (name: string, metric: typeof OUR_METRIC, actions: string[]): MetricAlarm => ({
  AlarmName: name,
  Namespace: metric.namespace,
  MetricName: metric.name,
  Statistic: 'Sum',
  ActionsEnabled: true,
  AlarmActions: actions,
  Dimensions: [],
});
const confirmed = (topic: string, n: number) => ({
  TopicArn: topic,
  Protocol: 'email',
  Endpoint: `oncall${n}@example.com`,
  SubscriptionArn: `${topic}:sub-${n}`,
});
const pending = (topic: string) => ({
  TopicArn: topic,
  Protocol: 'email',
  SubscriptionArn: 'PendingConfirmation',
});

/** Our compliant chain plus a Terraform chain whose alarm also notifies a topic in another account. */
export const seen: Seen = {
  trail: { name: trail.name, isLogging: true },
  filters: [ourFilter(), tfFilter()],
  filter: ourFilter(),
  topic: {
    arn: OUR_TOPIC,
    policy: newTopicPolicy(OUR_TOPIC, ACCOUNT),
    subscriptions: [
      { protocol: 'email', endpoint: 'sec@example.com', arn: `${OUR_TOPIC}:1`, confirmed: true },
    ],
  },
  unobserved: [],
};

/** A metric filter in DescribeMetricFilters' shape, on the trail's log group unless told. */
export const sdkFilter = (
  name: string,
  metric: typeof OUR_METRIC,
  patch: Partial<MetricFilter> = {},
): MetricFilter => ({
  filterName: name,
  filterPattern: '{ $.eventName = CreateSecurityGroup }',
  logGroupName: trail.logGroupName,
  metricTransformations: [{ metricNamespace: metric.namespace, metricName: metric.name, metricValue: '1' }],
  ...patch,
});

/**
 * Serves the two chains: alarms per metric, the filters writing to each metric (only the chain's own
 * filter), and the Terraform topic's subscribers over two pages.
 */
export function arrangeChains(): void {
  for (const mock of [cloudwatch, sns, logs]) mock.reset();
  for (const [name, metric] of [
    [OURS.filterName, OUR_METRIC],
    ['sg-changes', TF_METRIC],
  ] as const) {
    logs
      .on(DescribeMetricFiltersCommand, { metricNamespace: metric.namespace, metricName: metric.name })
      .resolves({ metricFilters: [sdkFilter(name, metric)] });
  }
  cloudwatch.on(DescribeAlarmsForMetricCommand, { Namespace: OUR_METRIC.namespace }).resolves({
    MetricAlarms: [sdkAlarm(OURS.alarmName, OUR_METRIC, [OUR_TOPIC])],
  });
  cloudwatch.on(DescribeAlarmsForMetricCommand, { Namespace: TF_METRIC.namespace }).resolves({
    MetricAlarms: [sdkAlarm('security-group-changes', TF_METRIC, [TF_TOPIC, OTHER_ACCOUNT_TOPIC])],
  });
  // The Terraform topic keeps SNS's default policy: the account's own alarms may publish to it.
  sns
    .on(GetTopicAttributesCommand, { TopicArn: TF_TOPIC })
    .resolves({ Attributes: { Policy: JSON.stringify(newTopicPolicy(TF_TOPIC, ACCOUNT)) } });
  sns
    .on(ListSubscriptionsByTopicCommand, { TopicArn: TF_TOPIC })
    .resolvesOnce({ Subscriptions: [pending(TF_TOPIC)], NextToken: 'page-2' })
    .resolves({ Subscriptions: [confirmed(TF_TOPIC, 1), confirmed(TF_TOPIC, 2)] });
}
