import type { FilterView, MetricTransformationView } from '../model';
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
