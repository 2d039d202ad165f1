import type { DesiredState, FilterView } from '../model';
import type { Finding } from './types';

/** The filters of a listing one per log group and name: the last listed is the one in force. */
export function inForce(filters: readonly FilterView[]): FilterView[] {
  const byKey = new Map<string, FilterView>();
  for (const f of filters) byKey.set(JSON.stringify([f.logGroupName ?? '', f.name]), f);
  return [...byKey.values()];
}

/** The filters writing to our metric that are not our filter on our log group. */
export function foreignFeeders(desired: DesiredState, feeders: readonly FilterView[]): FilterView[] {
  const ours = (f: FilterView) => f.logGroupName === desired.logGroupName && f.name === desired.filter.name;
  return inForce(feeders).filter((f) => !ours(f));
}

/** `metricValue V, defaultValue D` of the filter's transformation writing to the metric. */
export function feederValues(filter: FilterView, namespace: string, name: string): string {
  const t =
    filter.transformations.find((x) => x.metricNamespace === namespace && x.metricName === name) ??
    filter.transformations[0];
  if (!t) return 'no metric transformation';
  return `metricValue ${t.metricValue}${t.defaultValue === undefined ? '' : `, defaultValue ${t.defaultValue}`}`;
}

/** What another writer does to the control's count, from its values. */
function effect(filter: FilterView, namespace: string, name: string): string {
  const t = filter.transformations.find((x) => x.metricNamespace === namespace && x.metricName === name);
  const value = Number(t?.metricValue);
  const fallback = t?.defaultValue ?? 0;
  if (value < 0 || fallback < 0)
    return "its negative values cancel the control's counts, so the alarm may never fire";
  if (fallback > 0) {
    return 'its default value counts every other event of its log group, so the alarm sits in ALARM and never notifies again';
  }
  return "it adds counts the control's filter does not make: the alarm fires on other events, or sits in ALARM and stops notifying";
}

/** One blocking finding per foreign filter writing to our metric; the enforcer never deletes it. */
export function planFeeders(desired: DesiredState, feeders: readonly FilterView[]): Finding[] {
  const { metricNamespace: namespace, metricName: name } = desired.filter;
  return foreignFeeders(desired, feeders).map((f) => {
    const group = f.logGroupName ?? '(unknown log group)';
    const message =
      `metric filter ${f.name} on log group ${group} also writes to ${namespace}/${name} ` +
      `(${feederValues(f, namespace, name)}): ${effect(f, namespace, name)}. The enforcer never deletes ` +
      `someone else's filter: delete it (aws logs delete-metric-filter --log-group-name ${group} ` +
      `--filter-name ${f.name}) or point it at another metric`;
    return { code: 'metric-fed-by-other-filter', message, blocking: true };
  });
}
