import type { Config } from './config';
import type { StepError } from './errors';
import type { Trigger } from './events';
import type { Touch } from './notify/touched';
import type { Change, Finding } from './plan';
import { describeEndpoint } from './plan/topic';
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
  readonly reason?: string;
  readonly region: string;
  readonly accountId?: string;
  readonly trail?: string;
  readonly logGroup?: string;
  readonly regionHint?: string;
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
  readonly durationMs: number;
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

/** The fields every report starts from. */
export function baseReport(config: Config, trigger: Report['trigger'], dryRun: boolean) {
  return {
    control: config.control.id,
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
