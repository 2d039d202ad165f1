/** Views and names for the verdict tests: our chain, and a second chain as Terraform would build it. */
import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import type { AlarmView, FilterView } from '../../src/model';
import type { OwnNames } from '../../src/verdict/chains';
import type { MetricRef, SatisfiedBy } from '../../src/verdict/types';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const HOME = { region: REGION, accountId: ACCOUNT };
export const { cis, securityhub } = SECURITY_GROUP_CHANGES.profiles;
export const SIX = cis.eventNames;

const topic = (name: string, account = ACCOUNT, region = REGION) =>
  `arn:aws:sns:${region}:${account}:${name}`;
export const OUR_TOPIC = topic('cis-monitoring-alarms');
export const TF_TOPIC = topic('security-alerts');
export const OTHER_ACCOUNT_TOPIC = topic('org-alerts', '210987654321');
export const OTHER_REGION_TOPIC = topic('security-alerts', ACCOUNT, 'eu-west-1');

export const OURS: OwnNames = {
  filterName: 'CIS-4.10-SecurityGroupChanges',
  alarmName: 'CIS-4.10-SecurityGroupChanges',
  topicArn: OUR_TOPIC,
};
export const OUR_METRIC: MetricRef = { namespace: 'CISBenchmark', name: 'SecurityGroupEventCount' };
export const TF_METRIC: MetricRef = { namespace: 'CloudTrailMetrics', name: 'SecurityGroupEventCount' };

/** The six event names in Terraform's usual layout: unparenthesised, quoted, other order. */
export const TF_PATTERN = `{ ${[...SIX]
  .reverse()
  .map((n) => `$.eventName = "${n}"`)
  .join(' || ')} }`;
/** A weakened pattern: DeleteSecurityGroup dropped. */
export const WEAK_PATTERN = `{ ${SIX.slice(0, 5)
  .map((n) => `($.eventName = ${n})`)
  .join(' || ')} }`;

/** A metric filter view with one transformation. */
export function filterView(
  name: string,
  pattern: string,
  metric: MetricRef,
  hasDimensions = false,
): FilterView {
  const t = { metricNamespace: metric.namespace, metricName: metric.name, metricValue: '1', hasDimensions };
  return { name, pattern, transformations: [t] };
}

/** A sound alarm on the metric notifying the topics; override any field. */
export function alarmView(
  name: string,
  metric: MetricRef,
  topics: readonly string[],
  overrides: Partial<AlarmView> = {},
): AlarmView {
  return {
    name,
    namespace: metric.namespace,
    metricName: metric.name,
    hasDimensions: false,
    usesMetricMath: false,
    statistic: 'Sum',
    period: 300,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    actionsEnabled: true,
    alarmActions: topics,
    okActions: [],
    insufficientDataActions: [],
    ...overrides,
  };
}

export const ourFilter = (pattern: string = cis.canonical) =>
  filterView(OURS.filterName, pattern, OUR_METRIC);
export const ourAlarm = (overrides: Partial<AlarmView> = {}) =>
  alarmView(OURS.alarmName, OUR_METRIC, [OUR_TOPIC], overrides);
export const tfFilter = (pattern: string = TF_PATTERN) => filterView('sg-changes', pattern, TF_METRIC);
export const tfAlarm = (topics: readonly string[] = [TF_TOPIC], overrides: Partial<AlarmView> = {}) =>
  alarmView('security-group-changes', TF_METRIC, topics, overrides);

/** Our chain in the report's `controlSatisfiedBy` form. */
export const OUR_LINK = (confirmedSubscribers = 1): SatisfiedBy => ({
  filter: OURS.filterName,
  metric: OUR_METRIC,
  alarm: OURS.alarmName,
  topic: OUR_TOPIC,
  confirmedSubscribers,
  ours: true,
});

/** The Terraform chain in the report's `controlSatisfiedBy` form. */
export const TF_LINK = (confirmedSubscribers = 2): SatisfiedBy => ({
  filter: 'sg-changes',
  metric: TF_METRIC,
  alarm: 'security-group-changes',
  topic: TF_TOPIC,
  confirmedSubscribers,
  ours: false,
});
