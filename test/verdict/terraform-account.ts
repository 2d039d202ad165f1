/** The mocked account's second, complete chain as Terraform builds it (SDK shapes), for run-level verdict tests. */
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { type AccountState, LOG_GROUP } from '../support/builders';
import { TF_METRIC, TF_PATTERN, TF_TOPIC } from './fixtures';

/** Adds the Terraform chain to `state`: its own filter, metric, alarm and a topic with two confirmed subscribers. */
export function withTerraformChain(state: AccountState): AccountState {
  state.logGroups[LOG_GROUP]?.push({
    filterName: 'sg-changes',
    filterPattern: TF_PATTERN,
    logGroupName: LOG_GROUP,
    metricTransformations: [
      { metricNamespace: TF_METRIC.namespace, metricName: TF_METRIC.name, metricValue: '1' },
    ],
  });
  state.alarms.push({
    AlarmName: 'security-group-changes',
    Namespace: TF_METRIC.namespace,
    MetricName: TF_METRIC.name,
    Statistic: 'Sum',
    ActionsEnabled: true,
    AlarmActions: [TF_TOPIC],
    Dimensions: [],
  });
  const confirmed = (n: number) => ({
    TopicArn: TF_TOPIC,
    Protocol: 'sqs',
    SubscriptionArn: `${TF_TOPIC}:${n}`,
  });
  state.topics[TF_TOPIC] = {
    attributes: { TopicArn: TF_TOPIC },
    subscriptions: [confirmed(1), confirmed(2)],
  };
  return state;
}

/** The Terraform chain's filter in `state` (throws when absent). */
export function tfFilterIn(state: AccountState): MetricFilter {
  const found = state.logGroups[LOG_GROUP]?.find((f) => f.filterName === 'sg-changes');
  if (!found) throw new Error('the scenario has no Terraform filter');
  return found;
}
