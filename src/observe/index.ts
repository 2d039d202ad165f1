import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { paginateDescribeMetricFilters, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import type { Clients } from '../aws/clients';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import type { ActualState, AlarmView, DesiredState, FilterView, ObservedKind } from '../model';
import { toFilterView } from './filters';
import { KEY_GRANTS } from './key';
import { SUBSCRIPTION_GRANTS } from './subscriptions';
import { readTopic } from './topic';

/** IAM actions observation calls. */
export const OBSERVE_GRANTS = [
  ...grants('logGroup', 'logs:DescribeMetricFilters'),
  ...grants('alarm', 'cloudwatch:DescribeAlarms'),
  ...grants('topic', 'sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'),
  ...SUBSCRIPTION_GRANTS,
  ...KEY_GRANTS,
];

/** The observed resources (all filters on the log group too); failed reads are in `errors` and `unobserved`. */
export interface Observation extends Omit<ActualState, 'trail'> {
  readonly filters: readonly FilterView[];
  readonly errors: readonly StepError[];
}

type Part<T> = { ok: true; value: T } | { ok: false; error: StepError };

/** Reads the metric filters of the log group, our alarm and our topic, concurrently and independently. */
export async function observe(clients: Clients, desired: DesiredState): Promise<Observation> {
  const settle = <T>(step: string, promise: Promise<T>): Promise<Part<T>> =>
    promise.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: toStepError(step, error) }),
    );
  const [filters, alarm, topic] = await Promise.all([
    settle('observe metric filter', readFilters(clients, desired.logGroupName)),
    settle('observe alarm', readAlarm(clients, desired.alarm.name)),
    settle('observe topic', readTopic(clients, desired.topic.arn, desired.accountId)),
  ]);
  const unobserved: ObservedKind[] = [];
  const errors: StepError[] = [];
  const value = <T>(kind: ObservedKind, part: Part<T>): T | undefined => {
    if (part.ok) return part.value;
    unobserved.push(kind);
    errors.push(part.error);
    return undefined;
  };
  const all = value('filter', filters);
  // The topic was read, but not all of what decides whether it delivers (key, subscribers' attributes).
  if (topic.ok) errors.push(...(topic.value?.readErrors ?? []));
  return {
    logGroupExists: all !== null,
    filters: all ?? [],
    filter: newest(all ?? [], desired.filter.name),
    alarm: value('alarm', alarm),
    topic: value('topic', topic),
    unobserved,
    errors,
  };
}

/**
 * The filter with our name. AWS keeps one filter per name (PutMetricFilter replaces it); an emulator
 * may list a rewrite as a second entry after the first, so the last one listed is the one in force.
 */
function newest(filters: readonly FilterView[], name: string): FilterView | undefined {
  return filters.filter((f) => f.name === name).at(-1);
}

/** All metric filters on the log group; null when the log group does not exist. */
async function readFilters(clients: Clients, logGroupName: string): Promise<FilterView[] | null> {
  const found: FilterView[] = [];
  try {
    for await (const page of paginateDescribeMetricFilters({ client: clients.logs }, { logGroupName })) {
      found.push(...(page.metricFilters ?? []).map(toFilterView));
    }
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    return attempt('observe metric filter', 'logs:DescribeMetricFilters', logGroupName, () =>
      Promise.reject(error),
    );
  }
  return found;
}

async function readAlarm(clients: Clients, name: string): Promise<AlarmView | undefined> {
  const out = await attempt('observe alarm', 'cloudwatch:DescribeAlarms', name, () =>
    clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm'] })),
  );
  const alarm = (out.MetricAlarms ?? []).find((a) => a.AlarmName === name);
  return alarm ? toAlarmView(alarm) : undefined;
}

/** Maps the SDK shape to the plan's view of an alarm. */
export function toAlarmView(a: MetricAlarm): AlarmView {
  return {
    name: a.AlarmName ?? '',
    arn: a.AlarmArn,
    namespace: a.Namespace,
    metricName: a.MetricName,
    hasDimensions: (a.Dimensions ?? []).length > 0,
    usesMetricMath: (a.Metrics ?? []).length > 0,
    statistic: a.Statistic,
    extendedStatistic: a.ExtendedStatistic,
    period: a.Period,
    threshold: a.Threshold,
    comparisonOperator: a.ComparisonOperator,
    evaluationPeriods: a.EvaluationPeriods,
    datapointsToAlarm: a.DatapointsToAlarm,
    treatMissingData: a.TreatMissingData,
    actionsEnabled: a.ActionsEnabled !== false,
    alarmActions: a.AlarmActions ?? [],
    okActions: a.OKActions ?? [],
    insufficientDataActions: a.InsufficientDataActions ?? [],
    description: a.AlarmDescription,
    unit: a.Unit,
  };
}
