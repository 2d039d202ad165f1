import { CONTROL_SPECS, type ControlSpec } from '../catalog/specs';
import type { Report, ReportChange } from '../report';
import type { Actor } from '../triggers/events';

export { maskUrls } from '../telemetry/redact';

/** The control entry a report names, when it is one this build knows. */
export function controlOf(report: Report): ControlSpec | undefined {
  return CONTROL_SPECS.find((c) => c.id === report.control);
}

/**
 * The control as people write it: `CIS-4.10` → `CIS 4.10`; with several, how many of them the run
 * changed or found wrong: `CIS 2 of 15 controls` (`CIS 15 controls` when every one holds).
 */
export function controlLabel(report: Report): string {
  const parts = report.controls ?? [];
  if (parts.length < 2) return report.control.replace(/-/g, ' ');
  const touched = parts.filter((p) => p.status !== 'COMPLIANT').length;
  return touched === 0 ? `CIS ${parts.length} controls` : `CIS ${touched} of ${parts.length} controls`;
}

/** The short name of whoever made a call: the session or user name, `root`, or the invoking service. */
export function actorName(actor: Actor): string {
  if (actor.type === 'Root' || /:root$/.test(actor.arn)) return 'root';
  if (actor.type === 'AWSService') return actor.arn;
  const last = actor.arn.split('/').pop() ?? '';
  return last && last !== actor.arn ? last : actor.arn;
}

const LABELS: Readonly<Record<ReportChange['resource'], string>> = {
  trail: 'trail logging',
  topic: 'SNS topic',
  'topic-policy': 'topic policy',
  subscription: 'subscription',
  'metric-filter': 'metric filter',
  alarm: 'alarm',
};

/** What a change touches, in words. */
export function resourceLabel(resource: ReportChange['resource']): string {
  return LABELS[resource];
}

/** The distinct resources of some changes, in words, in the order they appear. */
export function resourcesOf(changes: readonly ReportChange[]): string {
  return [...new Set(changes.map((c) => resourceLabel(c.resource)))].join(', ');
}

/** Reads one string field of a change's before/after value, if it is there. */
export function fieldOf(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** The name of the resource a change writes (alarm, filter or topic name, masked endpoint). */
export function changeTarget(change: ReportChange): string | undefined {
  if (typeof change.after === 'string') return change.after;
  return (
    fieldOf(change.after, 'AlarmName') ?? fieldOf(change.after, 'filterName') ?? fieldOf(change.after, 'name')
  );
}

const CALLS: Readonly<Record<ReportChange['resource'], string>> = {
  trail: 'StartLogging',
  topic: 'CreateTopic',
  'topic-policy': 'SetTopicAttributes',
  subscription: 'Subscribe',
  'metric-filter': 'PutMetricFilter',
  alarm: 'PutMetricAlarm',
};

/** One line saying what a change did (or would do): resource, name, verb and the API call. */
export function changeLine(change: ReportChange): string {
  const target = changeTarget(change);
  const verb = change.action === 'create' ? 'created' : 'updated';
  const what = target ? `${resourceLabel(change.resource)} ${target}` : resourceLabel(change.resource);
  return `${what} ${verb} (${CALLS[change.resource]})`;
}

/** At most `max` items, and a last line saying how many more there were. */
export function capped(items: readonly string[], max = 25): string[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, max), `… and ${items.length - max} more`];
}
