import { MANAGED_BY_TAG } from '../catalog/specs';
import type { AlarmView, DesiredState } from '../model';
import type { AlarmWrite, Change } from './types';

type Check = (want: DesiredState, have: AlarmView) => string | undefined;

const differs = (label: string, have: unknown, want: unknown): string | undefined =>
  have === want ? undefined : `${label} is ${have ?? 'unset'}, expected ${want}`;

/** Each way an existing alarm can stop watching the filter's metric or stop notifying. */
const CHECKS: readonly Check[] = [
  (w, h) =>
    h.namespace === w.filter.metricNamespace && h.metricName === w.filter.metricName
      ? undefined
      : `alarm watches ${h.namespace ?? '?'}/${h.metricName ?? '?'}, expected ${w.filter.metricNamespace}/${w.filter.metricName}`,
  (_, h) => (h.hasDimensions ? 'alarm metric has dimensions the filter metric does not have' : undefined),
  (_, h) => (h.usesMetricMath ? 'alarm uses metric math instead of the filter metric' : undefined),
  (_, h) => (h.unit ? `alarm unit is ${h.unit}, but the filter metric has no unit` : undefined),
  (w, h) => differs('statistic', h.extendedStatistic ?? h.statistic, w.alarm.statistic),
  (w, h) => differs('period', h.period, w.alarm.period),
  (w, h) => differs('threshold', h.threshold, w.alarm.threshold),
  (w, h) => differs('comparison operator', h.comparisonOperator, w.alarm.comparisonOperator),
  (w, h) => differs('evaluation periods', h.evaluationPeriods, w.alarm.evaluationPeriods),
  (w, h) =>
    differs('datapoints to alarm', h.datapointsToAlarm ?? h.evaluationPeriods, w.alarm.datapointsToAlarm),
  (w, h) => differs('missing-data treatment', h.treatMissingData ?? 'missing', w.alarm.treatMissingData),
  (_, h) => (h.actionsEnabled ? undefined : 'ActionsEnabled was false'),
  (w, h) =>
    h.alarmActions.includes(w.topic.arn) ? undefined : `topic ${w.topic.arn} missing from AlarmActions`,
];

/** The most actions AWS keeps for one alarm state (PutMetricAlarm: AlarmActions has at most 5 members). */
export const MAX_ALARM_ACTIONS = 5;

/**
 * The AlarmActions to write: the existing ones with our topic added. When they already fill AWS's
 * limit, the control wins: the last listed foreign actions are dropped (the first ones, usually the
 * earliest configured, stay in their order), so the result is the same on every run and stable.
 */
export function mergedActions(
  actions: readonly string[],
  topicArn: string,
): {
  readonly actions: readonly string[];
  readonly dropped: readonly string[];
} {
  if (actions.includes(topicArn)) return { actions, dropped: [] };
  const room = MAX_ALARM_ACTIONS - 1;
  return { actions: [...actions.slice(0, room), topicArn], dropped: actions.slice(room) };
}

/** The reason naming the foreign actions a merge had to drop, when it dropped any. */
function droppedReason(desired: DesiredState, actual: AlarmView): string[] {
  const { dropped } = mergedActions(actual.alarmActions, desired.topic.arn);
  if (dropped.length === 0) return [];
  const which = dropped.length === 1 ? '(the last listed)' : '(the last listed ones)';
  return [
    `AlarmActions already held AWS's maximum of ${MAX_ALARM_ACTIONS}: dropped ${dropped.join(', ')} ${which} to restore topic ${desired.topic.arn}`,
  ];
}

/** One sentence per applied alarm change that dropped someone else's action to make room for the topic. */
export function droppedActionNews(changes: readonly Change[]): string[] {
  return changes.flatMap((change) => {
    if (change.resource !== 'alarm' || !change.before) return [];
    const dropped = change.before.alarmActions.filter((a) => !change.after.AlarmActions.includes(a));
    if (dropped.length === 0) return [];
    return [
      `alarm ${change.after.AlarmName} had AWS's maximum of ${MAX_ALARM_ACTIONS} actions without the enforcer's topic: ${dropped.join(', ')} ${dropped.length === 1 ? 'was' : 'were'} dropped to restore it; put it back in place of another action if it is still needed`,
    ];
  });
}

/** Why the observed alarm differs from the desired one; empty when it holds. */
export function alarmDrift(desired: DesiredState, actual: AlarmView): string[] {
  return CHECKS.flatMap((check) => check(desired, actual) ?? []);
}

/** The PutMetricAlarm input: desired settings, keeping actions and description others added. */
export function alarmWrite(desired: DesiredState, actual: AlarmView | undefined): AlarmWrite {
  const a = desired.alarm;
  const { actions } = mergedActions(actual?.alarmActions ?? [], desired.topic.arn);
  return {
    AlarmName: a.name,
    AlarmDescription: actual?.description ?? a.description,
    Namespace: desired.filter.metricNamespace,
    MetricName: desired.filter.metricName,
    Statistic: a.statistic,
    Period: a.period,
    Threshold: a.threshold,
    ComparisonOperator: a.comparisonOperator,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm,
    TreatMissingData: a.treatMissingData,
    ActionsEnabled: true,
    AlarmActions: actions,
    OKActions: actual?.okActions ?? [],
    InsufficientDataActions: actual?.insufficientDataActions ?? [],
    ...(actual ? {} : { Tags: [{ Key: MANAGED_BY_TAG.key, Value: MANAGED_BY_TAG.value }] }),
  };
}

/** Plans the alarm: create when missing, update (merging actions) when it drifted. */
export function planAlarm(desired: DesiredState, actual: AlarmView | undefined): Change[] {
  const after = alarmWrite(desired, actual);
  if (!actual)
    return [{ resource: 'alarm', action: 'create', reasons: ['alarm does not exist'], before: null, after }];
  const reasons = [...alarmDrift(desired, actual), ...droppedReason(desired, actual)];
  return reasons.length ? [{ resource: 'alarm', action: 'update', reasons, before: actual, after }] : [];
}
