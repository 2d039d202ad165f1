import type { DesiredState, FilterView } from '../model';
import { judgePattern } from '../pattern';
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
  if (reasons.length === 0 && want.profile.exactText && actual.pattern !== want.profile.canonical) {
    reasons.push(`pattern is equivalent, but profile ${want.profile.id} requires its documented text`);
  }
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
