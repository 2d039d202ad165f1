import type { TrailView } from '../model';
import type { Finding } from '../plan';
import type { Report } from '../report';
import type { Discovery } from './index';

/** Where the control lived on the last run of this warm container. */
interface Place {
  readonly trailArn: string;
  readonly trailName: string;
  readonly logGroup: string;
}

/** By the cold start's configuration object: one memory per container (and per test deps). */
const lastPlace = new WeakMap<object, Place>();

/** The trail ARN this container's last run kept the control on (`placeNews` remembers it). */
export function previousTrail(memory: object): string | undefined {
  return lastPlace.get(memory)?.trailArn;
}

/**
 * Findings the chosen trail carries: selectors the enforcer cannot judge, more than one home, a
 * CloudWatch Logs delivery error (blocking when current).
 */
export function trailFindings(discovery: Discovery, trail: TrailView): Finding[] {
  const doubt: Finding[] = trail.selectorDoubt
    ? [{ code: 'trail-selectors-unknown', message: trail.selectorDoubt, blocking: true }]
    : [];
  const homes = (discovery.findings ?? []).map(
    (message): Finding => ({ code: 'log-group-ambiguous', message, blocking: true }),
  );
  const delivery: Finding[] = trail.delivery ? [{ code: 'trail-delivery-failing', ...trail.delivery }] : [];
  return [...doubt, ...homes, ...delivery];
}

/**
 * One sentence when the control changed trail or log group, with both names: the enforcer's filter
 * is on another trail's log group (survives cold starts: the enforcer never deletes it), or this
 * container's last run used another trail or group. Remembers this run's place under `memory`.
 */
export function placeNews(memory: object, discovery: Discovery, trail: TrailView): string[] {
  const previous = lastPlace.get(memory);
  lastPlace.set(memory, { trailArn: trail.arn, trailName: trail.name, logGroup: trail.logGroupName });
  const now = `log group ${trail.logGroupName} (trail ${trail.name})`;
  const { moved } = discovery;
  if (moved) {
    return [
      `the control moved from log group ${moved.fromLogGroup} (trail ${moved.fromTrail}) to ${now}: ${moved.why}; the enforcer's filter on ${moved.fromLogGroup} was left in place`,
    ];
  }
  if (!previous || (previous.trailArn === trail.arn && previous.logGroup === trail.logGroupName)) return [];
  return [
    `the control moved from log group ${previous.logGroup} (trail ${previous.trailName}) to ${now} since the last run`,
  ];
}

/** The report fields with `extra` appended to their news (none added when `extra` is empty). */
export function withNews<T extends Pick<Report, 'news'>>(fields: T, extra: readonly string[]): T {
  if (extra.length === 0) return fields;
  return { ...fields, news: [...(fields.news ?? []), ...extra] };
}
