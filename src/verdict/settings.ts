import type { AlarmView, FilterView, MetricTransformationView } from '../model';
import type { Gap } from './links';

/**
 * What a filter's values do to its count. Accepted: a positive literal metric value, and no default
 * value or 0 (a 0 emitted for each other event leaves a Sum alarm's count as it was).
 */
function valueGaps(t: MetricTransformationView): Gap[] {
  const gaps: Gap[] = [];
  const value = Number(t.metricValue);
  if (t.metricValue.trim() === '' || !Number.isFinite(value)) {
    const text = `metric value ${t.metricValue} is taken from each log event: whether a change counts is not judged`;
    gaps.push({ text, certain: false });
  } else if (value <= 0) {
    gaps.push({
      text: `metric value is ${t.metricValue}: a matching event never raises the count`,
      certain: true,
    });
  }
  const d = t.defaultValue;
  if (d !== undefined && d > 0) {
    const text = `filter default value ${d} counts every other log event: the alarm stays in ALARM and never notifies again`;
    gaps.push({ text, certain: true });
  }
  if (d !== undefined && d < 0) {
    gaps.push({
      text: `filter default value ${d} takes from every count: the alarm never fires`,
      certain: true,
    });
  }
  return gaps;
}

/** Filter settings that narrow or move what the pattern was judged on: they leave the chain unknown. */
function scopeGaps(f: FilterView): Gap[] {
  const gaps: Gap[] = [];
  if (f.fieldSelectionCriteria) {
    const text = `filter only sees log events matching ${f.fieldSelectionCriteria}: what that leaves out is not judged`;
    gaps.push({ text, certain: false });
  }
  if (f.applyOnTransformedLogs) {
    const text =
      "filter runs on transformed logs: its pattern was judged on CloudTrail's records, not on what the log group's transformer makes of them";
    gaps.push({ text, certain: false });
  }
  return gaps;
}

/** Why the filter's settings (not its pattern) may keep its chain from holding. */
export function settingGaps(f: FilterView, t: MetricTransformationView): Gap[] {
  return [...valueGaps(t), ...scopeGaps(f)];
}

/** True when the filter's metric carries dimensions (its own or system fields): alarms cannot be looked up. */
export function hasAnyDimensions(f: FilterView, t: MetricTransformationView): boolean {
  return t.hasDimensions || (f.emitSystemFieldDimensions?.length ?? 0) > 0;
}

/** The control's own window: an alarm on a longer period tells of an event that much later. */
const CONTROL_PERIOD_S = 300;

/**
 * Whether an alarm on a filter's metric fires on the control's first matching event, within the
 * control's five minutes, and tells of it. Accepted: the control's settings or stricter ones — a
 * statistic and threshold that one event reaches (Sum/Maximum/Minimum/Average of the event's value, or
 * SampleCount 1, compared with ≥ or >), one datapoint to alarm, a period of at most 300 s, missing data
 * not treated as breaching. Anything else lets an event pass untold: a certain gap. Metric math,
 * percentiles and anomaly bands are not judged: the chain is unknown.
 */
export function alarmGaps(alarm: AlarmView, t: MetricTransformationView | undefined): Gap[] {
  if (alarm.usesMetricMath)
    return [{ text: 'alarm uses metric math: whether one event fires it is not judged', certain: false }];
  if (alarm.extendedStatistic) {
    return [
      {
        text: `alarm statistic ${alarm.extendedStatistic}: whether one event fires it is not judged`,
        certain: false,
      },
    ];
  }
  const gaps: Gap[] = [];
  const value = Number(t?.metricValue);
  const one = alarm.statistic === 'SampleCount' ? 1 : value;
  const threshold = alarm.threshold ?? Number.NaN;
  const op = alarm.comparisonOperator ?? '';
  if (Number.isFinite(one) && Number.isFinite(threshold)) {
    if (op === 'GreaterThanOrEqualToThreshold' || op === 'GreaterThanThreshold') {
      const fires = op === 'GreaterThanThreshold' ? one > threshold : one >= threshold;
      if (!fires) {
        const sign = op === 'GreaterThanThreshold' ? '>' : '≥';
        gaps.push({
          text: `alarm fires at ${alarm.statistic ?? 'its statistic'} ${sign} ${threshold}: one event (${one}) does not fire it (the control's alarm fires on the first)`,
          certain: true,
        });
      }
    } else if (op.startsWith('LessThan') && !op.includes('Upper')) {
      gaps.push({ text: `alarm compares ${op}: events never fire it`, certain: true });
    } else {
      gaps.push({
        text: `alarm compares ${op || 'with no operator'}: whether one event fires it is not judged`,
        certain: false,
      });
    }
  }
  const datapoints = alarm.datapointsToAlarm ?? alarm.evaluationPeriods ?? 1;
  if (datapoints > 1) {
    gaps.push({
      text: `alarm needs ${datapoints} breaching datapoints: one event does not fire it`,
      certain: true,
    });
  }
  if ((alarm.period ?? 0) > CONTROL_PERIOD_S) {
    gaps.push({
      text: `alarm period is ${alarm.period} s: an event is told up to that late (the control's is ${CONTROL_PERIOD_S} s)`,
      certain: true,
    });
  }
  if (alarm.treatMissingData === 'breaching') {
    gaps.push({
      text: 'alarm treats missing data as breaching: it stays in ALARM and never notifies of an event',
      certain: true,
    });
  }
  return gaps;
}
