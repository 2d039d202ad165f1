import type { StepError } from './aws/errors';
import type { Config } from './config';
import type { DrillReport } from './drill/types';
import type { Touch } from './notify/touched';
import type { Change, Finding } from './plan';
import { describeEndpoint } from './plan/topic';
import type { Trigger } from './triggers/events';
import type { SatisfiedBy, Verdict } from './verdict';

export const STATUSES = [
  'COMPLIANT',
  'REPAIRED',
  'DRIFT_DETECTED',
  'NON_COMPLIANT',
  'DRIFT_PERSISTS',
  'ERROR',
  'IGNORED',
  'IGNORED_OWN_CHANGE',
  'NOT_APPLICABLE',
] as const;
export type Status = (typeof STATUSES)[number];

export interface ReportChange {
  readonly resource: Change['resource'];
  readonly action: Change['action'];
  readonly reasons: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

/** Who could receive this run's alert, from the last observation of the enforcer's topic. */
export interface Audience {
  /** Confirmed subscriptions of the topic, configured or not. */
  readonly confirmed: number;
  /** Confirmed subscriptions of configured endpoints; absent without SUBSCRIPTIONS. */
  readonly configuredConfirmed?: number;
  /** The topic's MaximumMessageSize, when it is set: no larger alert is accepted. */
  readonly maxMessageBytes?: number;
}

/** What every run returns and logs as one JSON line. */
export interface Report {
  readonly status: Status;
  readonly control: string;
  readonly mode: 'enforce' | 'detect';
  readonly trigger: Trigger | { readonly kind: 'unknown' };
  /**
   * A run for a batch of queued events (the event queue): every event it covered, in queue order, each
   * skipped one with why. `trigger` is the one whose CloudTrail call the run's news is about.
   */
  readonly batch?: readonly BatchEntry[];
  readonly reason?: string;
  readonly region: string;
  readonly accountId?: string;
  /** The account's IAM alias, set on runs that alert (read once per cold start; absent without one). */
  readonly accountAlias?: string;
  readonly trail?: string;
  readonly logGroup?: string;
  readonly regionHint?: string;
  /**
   * NOT_APPLICABLE (or NON_COMPLIANT when the enforcer's resources are still here): where the trails
   * this account's events go to are, so where the enforcer belongs instead (src/discover/elsewhere.ts).
   */
  readonly deployInstead?: readonly DeployInstead[];
  readonly changes: readonly ReportChange[];
  /** Changes a second observation still found after apply (DRIFT_PERSISTS). */
  readonly remaining?: readonly ReportChange[];
  readonly findings: readonly string[];
  /**
   * Things worth an alert even when the control holds again: a touch of the enforcer's resources by
   * someone else, a change of trail or log group, a subscriber nobody configured. One sentence each.
   */
  readonly news?: readonly string[];
  /** The enforcer's resource the triggering CloudTrail call wrote, when someone else wrote one. */
  readonly touched?: Touch;
  /** Who could receive the alert; absent when the topic was not read (then it is assumed someone can). */
  readonly audience?: Audience;
  readonly errors: readonly StepError[];
  /** Every chain on the log group that satisfies the control, ours or not (after apply in enforce mode). */
  readonly controlSatisfiedBy?: readonly SatisfiedBy[];
  /** The account-wide verdict behind `controlSatisfiedBy`: every chain found, and why the others fail. */
  readonly verdict?: Verdict;
  /**
   * Other people's chains that hold the control, when the enforcer adopted them (EXISTING_CHAINS=adopt):
   * it built nothing of its own for it and keeps watching them.
   */
  readonly heldBy?: readonly SatisfiedBy[];
  /** A fire drill's outcome per alarm (`{"drill": true}`), when this run was one. */
  readonly drill?: DrillReport;
  /** With several controls selected: each control's part (the fields above are the run's, combined). */
  readonly controls?: readonly ControlPart[];
  readonly durationMs: number;
}

/** A place the enforcer belongs instead of here: a trail's log group in another account or region. */
export interface DeployInstead {
  /** The account that owns the trail's log group (the management account for an organization trail). */
  readonly accountId: string;
  /** The log group's region: the trail's home region. */
  readonly region: string;
  readonly trail: string;
  readonly logGroup: string;
  readonly organization: boolean;
}

/** One queued event of a batch run: what it was, and why it was skipped when it was. */
export interface BatchEntry {
  readonly trigger: Trigger | { readonly kind: 'unknown' };
  readonly skipped?: string;
}

/** One control's part of a run that keeps several. */
export interface ControlPart {
  /** `CIS-4.N`. */
  readonly control: string;
  /** The catalog key (`root-usage`). */
  readonly key: string;
  readonly status: Status;
  /** The writes this control needed, shared ones (topic, subscriptions, trail) included. */
  readonly changes: readonly ReportChange[];
  readonly remaining?: readonly ReportChange[];
  readonly findings: readonly string[];
  readonly errors: readonly StepError[];
  readonly controlSatisfiedBy?: readonly SatisfiedBy[];
  /** Others' chains holding it, when the enforcer adopted them and built nothing for it. */
  readonly heldBy?: readonly SatisfiedBy[];
  readonly verdict?: Verdict;
}

/** A change as the report shows it: subscription endpoints masked so webhook secrets never reach logs. */
export function reportChange(change: Change): ReportChange {
  const { resource, action, reasons, before } = change;
  const after = change.resource === 'subscription' ? describeEndpoint(change.after) : change.after;
  return { resource, action, reasons, before, after };
}

/** Picks the run's status; the most urgent condition wins. */
export function statusOf(input: {
  errors: readonly unknown[];
  persisting: readonly unknown[];
  findings: readonly Finding[];
  changes: readonly unknown[];
  dryRun: boolean;
}): Status {
  if (input.errors.length > 0) return 'ERROR';
  if (input.persisting.length > 0) return 'DRIFT_PERSISTS';
  if (input.findings.some((f) => f.blocking)) return 'NON_COMPLIANT';
  if (input.changes.length > 0) return input.dryRun ? 'DRIFT_DETECTED' : 'REPAIRED';
  return 'COMPLIANT';
}

/** Statuses from the least to the most urgent: a run reports the worst of its controls. */
const URGENCY: readonly Status[] = [
  'IGNORED_OWN_CHANGE',
  'IGNORED',
  'COMPLIANT',
  // Not a failure: the controls live in another account or region (see `deployInstead`).
  'NOT_APPLICABLE',
  'DRIFT_DETECTED',
  'REPAIRED',
  'NON_COMPLIANT',
  'DRIFT_PERSISTS',
  'ERROR',
];

/** The most urgent of some statuses (COMPLIANT for none). */
export function worstStatus(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>(
    (worst, s) => (URGENCY.indexOf(s) > URGENCY.indexOf(worst) ? s : worst),
    'COMPLIANT',
  );
}

/** The parts, the most urgent first (stable: catalog order among equals). */
const worstFirst = <T extends { readonly status: Status }>(parts: readonly T[]): T[] =>
  [...parts].sort((a, b) => URGENCY.indexOf(b.status) - URGENCY.indexOf(a.status));

type PartFields = Partial<Report> & Pick<Report, 'status'> & Pick<ControlPart, 'control' | 'key'>;

/** Each item once, in first-seen order (by its JSON: shared changes are equal in every part). */
function once<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The run's report fields from its controls' parts. One control: its part as it is (the report reads as
 * before there were several). Several: the worst status; every change, news line and error once; a
 * finding every control has (about the trail or the topic) once, the others once each, prefixed with the
 * controls that have them (or `every control but …`), the most urgent control's first; the verdict of
 * each control in its part.
 */
export function combineParts(parts: readonly PartFields[]): Partial<Report> & Pick<Report, 'status'> {
  const [only] = parts;
  if (parts.length === 1 && only) {
    const { control: _control, key: _key, ...fields } = only;
    return fields;
  }
  const findingsOf = (p: PartFields) => p.findings ?? [];
  const everywhere = (f: string) => parts.every((p) => findingsOf(p).includes(f));
  // A finding several controls share is told once, naming them (or the few that do not share it).
  const whose = (f: string): string => {
    const having = parts.filter((p) => findingsOf(p).includes(f)).map((p) => p.control);
    if (having.length === 1) return `${having[0]}: ${f}`;
    const lacking = parts.filter((p) => !findingsOf(p).includes(f)).map((p) => p.control);
    return lacking.length < having.length
      ? `every control but ${lacking.join(', ')}: ${f}`
      : `${having.join(', ')}: ${f}`;
  };
  const findings = once([
    ...parts.flatMap((p) => findingsOf(p).filter(everywhere)),
    ...worstFirst(parts).flatMap((p) =>
      findingsOf(p)
        .filter((f) => !everywhere(f))
        .map(whose),
    ),
  ]);
  const remaining = once(parts.flatMap((p) => p.remaining ?? []));
  const news = once(parts.flatMap((p) => p.news ?? []));
  const touched = parts.find((p) => p.touched)?.touched;
  const audience = parts.find((p) => p.audience)?.audience;
  return {
    status: worstStatus(parts.map((p) => p.status)),
    changes: once(parts.flatMap((p) => p.changes ?? [])),
    ...(remaining.length ? { remaining } : {}),
    findings,
    ...(news.length ? { news } : {}),
    ...(touched ? { touched } : {}),
    ...(audience ? { audience } : {}),
    errors: once(parts.flatMap((p) => p.errors ?? [])),
    controls: parts.map(
      (p): ControlPart => ({
        control: p.control,
        key: p.key,
        status: p.status,
        changes: p.changes ?? [],
        ...(p.remaining?.length ? { remaining: p.remaining } : {}),
        findings: findingsOf(p),
        errors: p.errors ?? [],
        ...(p.controlSatisfiedBy ? { controlSatisfiedBy: p.controlSatisfiedBy } : {}),
        ...(p.heldBy ? { heldBy: p.heldBy } : {}),
        ...(p.verdict ? { verdict: p.verdict } : {}),
      }),
    ),
  };
}

/** The run's `control`: the one control's id, or the selected ids joined with `,`. */
export function controlsLabel(config: Config): string {
  return config.controls.map((c) => c.control.id).join(',');
}

/** The fields every report starts from. */
export function baseReport(config: Config, trigger: Report['trigger'], dryRun: boolean) {
  return {
    control: controlsLabel(config),
    mode: dryRun ? ('detect' as const) : ('enforce' as const),
    trigger,
    region: config.region,
    changes: [],
    findings: [],
    errors: [],
  };
}

/** The error a failed asynchronous run throws so Lambda retries it; the message carries the report's errors. */
export function runFailed(report: Report): Error {
  const detail = report.errors.map((e) => `${e.action} on ${e.resource}: ${e.code}`).join('; ');
  return new Error(`reconcile failed: ${detail}`);
}
