import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config';
import type { NotifiedReport } from '../notify';
import type { ReportChange } from '../report';
import { SERVICE_NAME } from './logger';

/** The enforcer's CloudWatch metrics (embedded metric format, Powertools), in the configured namespace. */
export function createMetrics(config: Pick<Config, 'metricsNamespace'>): Metrics {
  return new Metrics({ namespace: config.metricsNamespace, serviceName: SERVICE_NAME });
}

/** One value to emit; `resource` adds a Resource dimension (alarm, metric-filter, topic, …). */
export interface MetricPoint {
  readonly name: string;
  readonly unit: 'Count' | 'Milliseconds';
  readonly value: number;
  readonly resource?: ReportChange['resource'];
}

function countBy(changes: readonly ReportChange[]): Map<ReportChange['resource'], number> {
  const counts = new Map<ReportChange['resource'], number>();
  for (const c of changes) counts.set(c.resource, (counts.get(c.resource) ?? 0) + 1);
  return counts;
}

/** Drifted resources per kind: what was changed (or would be) or still differs after apply. */
function driftBy(report: NotifiedReport): Map<ReportChange['resource'], number> {
  const drift = countBy(report.changes);
  for (const [kind, n] of countBy(report.remaining ?? [])) drift.set(kind, Math.max(n, drift.get(kind) ?? 0));
  return drift;
}

const sum = (counts: Map<unknown, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);

/** The metrics a run emits; none for ignored events, where no reconcile ran. */
export function runMetrics(report: NotifiedReport): MetricPoint[] {
  if (report.status === 'IGNORED' || report.status === 'IGNORED_OWN_CHANGE') return [];
  const drift = driftBy(report);
  const repairs =
    report.mode === 'enforce' ? countBy(report.changes) : new Map<ReportChange['resource'], number>();
  const alertFailed = report.notification && !report.notification.sent && 'error' in report.notification;
  const count = (name: string, value: number): MetricPoint => ({ name, unit: 'Count', value });
  const perKind = (name: string, counts: Map<ReportChange['resource'], number>): MetricPoint[] =>
    [...counts].map(([resource, value]) => ({ name, unit: 'Count', value, resource }));
  return [
    count('DriftDetected', sum(drift)),
    count('RepairsApplied', sum(repairs)),
    count('ReconcileErrors', report.errors.length),
    count('NonCompliant', report.status === 'NON_COMPLIANT' ? 1 : 0),
    // A deployment with nothing to keep here (the trail's log group is in another account or region):
    // counted apart, so an alarm on NonCompliant never fires for it and a dashboard can still see it.
    count('NotApplicable', report.status === 'NOT_APPLICABLE' ? 1 : 0),
    count('AlertsFailed', alertFailed ? 1 : 0),
    { name: 'ReconcileDuration', unit: 'Milliseconds', value: report.durationMs },
    ...perKind('DriftDetected', drift),
    ...perKind('RepairsApplied', repairs),
  ];
}

/** Emits a run's metrics and flushes them: run-wide ones in one EMF line, per-resource ones one line each. */
export function recordMetrics(metrics: Metrics, report: NotifiedReport): void {
  for (const point of runMetrics(report)) {
    const unit = point.unit === 'Count' ? MetricUnit.Count : MetricUnit.Milliseconds;
    if (point.resource === undefined) metrics.addMetric(point.name, unit, point.value);
    else
      metrics
        .singleMetric()
        .addDimension('Resource', point.resource)
        .addMetric(point.name, unit, point.value);
  }
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
