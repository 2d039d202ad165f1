import type { PatternProfile } from '../catalog/specs';
import type { DesiredState, FilterView, MetricTransformationView } from '../model';
import { judgePattern } from '../pattern';
import { legibilityDrift } from './legible';
import type { Change, FilterWrite } from './types';

/** The PutMetricFilter input for the desired filter, with the profile's canonical pattern. */
export function filterWrite(desired: DesiredState): FilterWrite {
  const f = desired.filter;
  return {
    logGroupName: desired.logGroupName,
    filterName: f.name,
    filterPattern: f.profile.canonical,
    metricTransformations: [
      { metricNamespace: f.metricNamespace, metricName: f.metricName, metricValue: f.metricValue },
    ],
  };
}

/** Why the observed filter differs in meaning from the desired one; empty when it holds. */
export function filterDrift(desired: DesiredState, actual: FilterView): string[] {
  const want = desired.filter;
  const reasons = [...judgePattern(actual.pattern, want.profile).reasons];
  if (reasons.length === 0) reasons.push(...textDrift(actual.pattern, want.profile));
  if (actual.transformations.length !== 1) {
    reasons.push(`filter has ${actual.transformations.length} metric transformations, expected 1`);
  }
  const t = actual.transformations[0];
  if (!t) return reasons;
  if (t.metricNamespace !== want.metricNamespace || t.metricName !== want.metricName) {
    reasons.push(
      `metric is ${t.metricNamespace}/${t.metricName}, expected ${want.metricNamespace}/${want.metricName}`,
    );
  }
  if (t.metricValue !== want.metricValue)
    reasons.push(`metric value is ${t.metricValue}, expected ${want.metricValue}`);
  if (t.hasDimensions) reasons.push('metric has dimensions, so the alarm on the plain metric sees no data');
  return [...reasons, ...transformationDrift(t), ...settingsDrift(actual)];
}

/** Why our equivalent pattern is not the text checkers read (DESIGN rule 9): byte-exact for `exactText` profiles. */
function textDrift(text: string, profile: PatternProfile): string[] {
  if (!profile.exactText) return legibilityDrift(text, profile.canonical);
  return text === profile.canonical
    ? []
    : [`pattern is equivalent, but profile ${profile.id} requires its documented text`];
}

/** What the default value does to the alarm, for the reason that names it. */
function defaultEffect(value: number): string {
  if (value > 0)
    return ': every other log event counts, so the alarm stays in ALARM and never notifies again';
  if (value < 0) return ': every other log event takes from the count, so the alarm never fires';
  return '';
}

/** The transformation settings the enforcer never writes: any value is drift. */
function transformationDrift(t: MetricTransformationView): string[] {
  const reasons: string[] = [];
  if (t.defaultValue !== undefined) {
    reasons.push(`metric default value is ${t.defaultValue}, expected none${defaultEffect(t.defaultValue)}`);
  }
  if (t.unit !== undefined && t.unit !== 'None') reasons.push(`metric unit is ${t.unit}, expected none`);
  return reasons;
}

/** The filter-level settings the enforcer never writes (PutMetricFilter replaces them all). */
function settingsDrift(f: FilterView): string[] {
  const reasons: string[] = [];
  if (f.emitSystemFieldDimensions?.length) {
    const fields = f.emitSystemFieldDimensions.join(', ');
    reasons.push(
      `filter emits system field dimensions (${fields}), so the alarm on the plain metric sees no data`,
    );
  }
  if (f.fieldSelectionCriteria) {
    reasons.push(`filter only sees log events matching ${f.fieldSelectionCriteria}, expected every event`);
  }
  if (f.applyOnTransformedLogs) {
    reasons.push(
      "filter applies to transformed logs: its pattern runs on what the log group's transformer rewrote",
    );
  }
  return reasons;
}

/** Plans the metric filter: create when missing, update when it drifted in meaning. */
export function planFilter(desired: DesiredState, actual: FilterView | undefined): Change[] {
  const after = filterWrite(desired);
  if (!actual) {
    return [
      {
        resource: 'metric-filter',
        action: 'create',
        reasons: ['metric filter does not exist'],
        before: null,
        after,
      },
    ];
  }
  const reasons = filterDrift(desired, actual);
  return reasons.length
    ? [{ resource: 'metric-filter', action: 'update', reasons, before: actual, after }]
    : [];
}
