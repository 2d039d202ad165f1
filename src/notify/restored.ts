import type { SubscriptionProtocol } from '../config';
import type { AlarmView, DesiredState, FilterView, MetricTransformationView } from '../model';
import { alarmDrift } from '../plan/alarm';
import { filterDrift } from '../plan/filter';
import { isConfigured } from '../plan/subscribers';
import { field, numberField, objectsField, textField, textsField } from './request';

type Json = Record<string, unknown>;

const present = <T>(key: string, value: T | undefined): Partial<Record<string, T>> =>
  value === undefined ? {} : { [key]: value };

function transformationOf(t: Json): MetricTransformationView {
  const dimensions = field(t, 'dimensions');
  const named = typeof dimensions === 'object' && dimensions !== null ? Object.keys(dimensions) : [];
  return {
    metricNamespace: textField(t, 'metricNamespace') ?? '',
    metricName: textField(t, 'metricName') ?? '',
    metricValue: textField(t, 'metricValue') ?? '',
    hasDimensions: named.length > 0,
    ...present('defaultValue', numberField(t, 'defaultValue')),
    ...present('unit', textField(t, 'unit')),
  };
}

/** The filter a PutMetricFilter request writes, as the plan reads filters. */
function filterOf(p: Json): FilterView {
  const emitted = textsField(p, 'emitSystemFieldDimensions');
  return {
    name: textField(p, 'filterName') ?? '',
    pattern: textField(p, 'filterPattern') ?? '',
    transformations: objectsField(p, 'metricTransformations').map(transformationOf),
    ...(field(p, 'applyOnTransformedLogs') === true ? { applyOnTransformedLogs: true } : {}),
    ...present('fieldSelectionCriteria', textField(p, 'fieldSelectionCriteria') || undefined),
    ...(emitted.length ? { emitSystemFieldDimensions: emitted } : {}),
  };
}

/** The alarm a PutMetricAlarm request writes, as the plan reads alarms (absent actions mean none). */
function alarmOf(p: Json): AlarmView {
  const listed = (key: string) => objectsField(p, key).length > 0;
  return {
    name: textField(p, 'alarmName') ?? '',
    hasDimensions: listed('dimensions'),
    usesMetricMath: listed('metrics'),
    actionsEnabled: field(p, 'actionsEnabled') !== false,
    alarmActions: textsField(p, 'alarmActions'),
    okActions: textsField(p, 'oKActions'),
    insufficientDataActions: textsField(p, 'insufficientDataActions'),
    ...present('namespace', textField(p, 'namespace')),
    ...present('metricName', textField(p, 'metricName')),
    ...present('statistic', textField(p, 'statistic')),
    ...present('extendedStatistic', textField(p, 'extendedStatistic')),
    ...present('period', numberField(p, 'period')),
    ...present('threshold', numberField(p, 'threshold')),
    ...present('comparisonOperator', textField(p, 'comparisonOperator')),
    ...present('evaluationPeriods', numberField(p, 'evaluationPeriods')),
    ...present('datapointsToAlarm', numberField(p, 'datapointsToAlarm')),
    ...present('treatMissingData', textField(p, 'treatMissingData')),
    ...present('unit', textField(p, 'unit')),
  };
}

const RESTORING: Readonly<Record<string, (p: Json, desired: DesiredState) => boolean>> = {
  PutMetricFilter: (p, d) => filterDrift(d, filterOf(p)).length === 0,
  PutMetricAlarm: (p, d) => alarmDrift(d, alarmOf(p)).length === 0,
  EnableAlarmActions: () => true,
  StartLogging: () => true,
  Subscribe: (p, d) => {
    const protocol = (textField(p, 'protocol') ?? '') as SubscriptionProtocol;
    return isConfigured(d, { protocol, endpoint: textField(p, 'endpoint') ?? '' });
  },
};

/**
 * True when the call itself wrote what the enforcer keeps (its write would be no drift): the caller
 * restored the resource. Every other call on one of its resources is a touch.
 */
export function restores(eventName: string, params: Json, desired: DesiredState): boolean {
  const restoring = Object.hasOwn(RESTORING, eventName) ? RESTORING[eventName] : undefined;
  return restoring?.(params, desired) ?? false;
}
