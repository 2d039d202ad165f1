import { DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { NotFoundException } from '@aws-sdk/client-sns';
import type { Clients } from '../aws/clients';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import type { TopicRead } from '../verdict/chains';
import type { FeedersSeen } from '../verdict/feeders';
import { type AlarmsRead, metricKey, metricLabel } from '../verdict/links';
import type { MetricRef } from '../verdict/types';
import { readMetricFeeders } from './filters';
import { toAlarmView } from './index';
import { readTopic } from './topic';

/** IAM actions the account-wide verdict reads with (the first two only work on `*`). */
export const CHAIN_GRANTS = [
  ...grants('any', 'cloudwatch:DescribeAlarmsForMetric', 'logs:TestMetricFilter'),
  ...grants('anyTopic', 'sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'),
];

const STEP = 'observe chains';

/** `action on resource: code`, for the verdict's list of reads that failed. */
export const failedRead = (e: StepError): string => `${e.action} on ${e.resource}: ${e.code}`;

async function alarmsFor(clients: Clients, metric: MetricRef): Promise<AlarmsRead> {
  try {
    const input = { Namespace: metric.namespace, MetricName: metric.name };
    const out = await attempt(STEP, 'cloudwatch:DescribeAlarmsForMetric', metricLabel(metric), () =>
      clients.cloudwatch.send(new DescribeAlarmsForMetricCommand(input)),
    );
    return { alarms: (out.MetricAlarms ?? []).map(toAlarmView) };
  } catch (error) {
    return { error: failedRead(toStepError(STEP, error)) };
  }
}

/** One read per metric not already in `known` (by `metricKey`), concurrently; each read never rejects. */
async function perMetric<T>(
  metrics: readonly MetricRef[],
  known: ReadonlyMap<string, T>,
  read: (metric: MetricRef) => Promise<T>,
  missing: T,
): Promise<Map<string, T>> {
  const reads = await Promise.all(metrics.map((metric) => known.get(metricKey(metric)) ?? read(metric)));
  return new Map(metrics.map((metric, i) => [metricKey(metric), reads[i] ?? missing]));
}

/**
 * The alarms on each metric: one DescribeAlarmsForMetric per metric not already in `known` (by
 * `metricKey`), concurrently; failures are kept per metric; never rejects.
 */
export function readAlarmsForMetrics(
  clients: Clients,
  metrics: readonly MetricRef[],
  known: ReadonlyMap<string, AlarmsRead> = new Map(),
): Promise<Map<string, AlarmsRead>> {
  return perMetric(metrics, known, (metric) => alarmsFor(clients, metric), { error: 'not read' });
}

async function feedersOf(clients: Clients, metric: MetricRef): Promise<FeedersSeen> {
  try {
    return { filters: await readMetricFeeders(clients, metric) };
  } catch (error) {
    return { error: failedRead(toStepError(STEP, error)) };
  }
}

/**
 * The filters writing to each metric, on any log group of the region: one DescribeMetricFilters by
 * metric per metric not already in `known`, concurrently; failures are kept per metric; never rejects.
 */
export function readFeedersForMetrics(
  clients: Clients,
  metrics: readonly MetricRef[],
  known: ReadonlyMap<string, FeedersSeen> = new Map(),
): Promise<Map<string, FeedersSeen>> {
  return perMetric(metrics, known, (metric) => feedersOf(clients, metric), { error: 'not read' });
}

/** Another chain's topic read whole (policy, key, subscribers and their filter policies), as ours is. */
async function subscribersOf(clients: Clients, arn: string, accountId: string): Promise<TopicRead> {
  try {
    const view = await readTopic(clients, arn, accountId);
    if (!view) return { missing: true };
    return { confirmed: view.subscriptions.filter((s) => s.confirmed).length, view };
  } catch (error) {
    if (error instanceof Error && error.cause instanceof NotFoundException) return { missing: true };
    return { unknown: `subscribers could not be read: ${failedRead(toStepError(STEP, error))}` };
  }
}

/** Each topic read whole, concurrently; a missing topic or a failed read is kept per topic. */
export async function readTopicSubscribers(
  clients: Clients,
  arns: readonly string[],
  accountId: string,
): Promise<Map<string, TopicRead>> {
  const reads = await Promise.all(arns.map((arn) => subscribersOf(clients, arn, accountId)));
  return new Map(arns.map((arn, i) => [arn, reads[i] ?? { unknown: 'not read' }]));
}

/** The messages `logs:TestMetricFilter` says the pattern matches; throws an AwsCallError on failure. */
export async function testMetricFilter(
  clients: Clients,
  pattern: string,
  messages: readonly string[],
): Promise<Set<string>> {
  const input = { filterPattern: pattern, logEventMessages: [...messages] };
  const out = await attempt(STEP, 'logs:TestMetricFilter', '*', () =>
    clients.logs.send(new TestMetricFilterCommand(input)),
  );
  return new Set((out.matches ?? []).flatMap((m) => (m.eventMessage === undefined ? [] : [m.eventMessage])));
}
