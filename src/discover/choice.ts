import type { TrailView } from '../model';
import type { Candidate, Place } from './candidates';

/** Whether a log group holds the enforcer's filter (by name), or why it could not be read. */
export type Holding = boolean | { readonly failure: unknown };
/** By log group name; a group not listed holds nothing. */
export type Holdings = ReadonlyMap<string, Holding>;
type Holds = (logGroupName: string) => boolean | undefined;
const holdsIn =
  (holdings: Holdings): Holds =>
  (group) => {
    const h = holdings.get(group) ?? false;
    return typeof h === 'boolean' ? h : undefined;
  };

/** A candidate after its status and selectors were read: its view, why it does not qualify, or the failure. */
export interface Checked {
  readonly candidate: Candidate;
  readonly view?: TrailView;
  readonly problem?: string;
  readonly failure?: unknown;
}

/** The control's previous home, when the chosen trail's log group is not where the enforcer's filter is. */
export interface Moved {
  readonly fromTrail: string;
  readonly fromLogGroup: string;
  readonly why: string;
}

/** Which trail the control lives on, and what the choice itself tells. */
export interface Choice {
  readonly trail?: TrailView;
  /** Blocking findings about the choice: more than one qualifying log group holds the enforcer's filter. */
  readonly findings: readonly string[];
  readonly moved?: Moved;
}

type Rank = readonly [number, number, number, number, number];

/**
 * Preference, lower first: the log group holding our filter, then the trail of this container's last
 * run (`previous`), then logging, then delivering to its log group (no current delivery error: a trail
 * that cannot deliver is chosen only when nothing better qualifies, and its finding blocks), then
 * selectors the enforcer can judge. The control never moves away from our filter for a delivery error:
 * the finding tells the operator what to fix where the control is.
 */
const rankOf = (view: TrailView, holds: Holds, previous?: string): Rank => [
  holds(view.logGroupName) === true ? 0 : 1,
  view.arn === previous ? 0 : 1,
  view.isLogging ? 0 : 1,
  view.delivery?.blocking ? 1 : 0,
  view.selectorDoubt ? 1 : 0,
];
const before = (a: readonly number[], b: readonly number[]): boolean => {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i >= 0 && (a[i] ?? 0) < (b[i] ?? 0);
};
const byRankThenArn = (holds: Holds, previous?: string) => (a: TrailView, b: TrailView) => {
  if (before(rankOf(a, holds, previous), rankOf(b, holds, previous))) return -1;
  if (before(rankOf(b, holds, previous), rankOf(a, holds, previous))) return 1;
  return a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
};

/**
 * Picks the trail: the best ranked qualifying one, ties broken by trail ARN (AWS lists trails in no
 * promised order). A candidate that could not be read, and could have ranked better (it might hold our
 * filter or be logging), ends the choice with its failure rather than moving the control elsewhere.
 */
export function pickTrail(
  checked: readonly Checked[],
  holdings: Holdings,
  places: readonly Place[],
  previous?: string,
): Choice {
  const holds = holdsIn(holdings);
  const views = checked.flatMap((c) => (c.view ? [c.view] : [])).sort(byRankThenArn(holds, previous));
  const chosen = views[0];
  for (const c of checked) {
    if (c.failure === undefined) continue;
    const arn = c.candidate.trail.TrailARN;
    const best = [holds(c.candidate.logGroupName) === false ? 1 : 0, arn === previous ? 0 : 1, 0];
    if (!chosen || before(best, rankOf(chosen, holds, previous).slice(0, 3))) throw c.failure;
  }
  if (!chosen) return { findings: [] };
  if (holds(chosen.logGroupName) === false) {
    // Another qualifying group could not be read: it may hold the control, so nothing is chosen.
    const unread = views.find((v) => holds(v.logGroupName) === undefined);
    const holding = unread && holdings.get(unread.logGroupName);
    if (holding && typeof holding === 'object') throw holding.failure;
  }
  return { trail: chosen, findings: ambiguity(views, holds), ...movedFrom(chosen, holds, places, checked) };
}

/** More than one qualifying log group holding our filter: the enforcer cannot tell which one is meant. */
function ambiguity(views: readonly TrailView[], holds: Holds): string[] {
  const groups = [...new Set(views.filter((v) => holds(v.logGroupName) === true).map((v) => v.logGroupName))];
  if (groups.length < 2) return [];
  const named = groups.map((g) => `${g} (trail ${views.find((v) => v.logGroupName === g)?.name})`);
  return [
    `the enforcer's metric filter exists on ${named.length} log groups of qualifying trails: ${named.join(', ')}; it keeps the control on ${named[0]}: set LOG_GROUP_NAME to the one the control belongs to, or delete the other filter`,
  ];
}

/** Where the control lived before, when our filter is on another trail's log group but not the chosen one. */
function movedFrom(
  chosen: TrailView,
  holds: Holds,
  places: readonly Place[],
  checked: readonly Checked[],
): { moved?: Moved } {
  if (holds(chosen.logGroupName) !== false) return {};
  const old = [...places]
    .filter((p) => p.logGroupName !== chosen.logGroupName && holds(p.logGroupName) === true)
    .sort((a, b) => (a.trailArn < b.trailArn ? -1 : 1))[0];
  if (!old) return {};
  const why =
    old.problem ??
    checked.find((c) => c.candidate.trail.TrailARN === old.trailArn)?.problem ??
    `trail ${old.trailName} no longer qualifies`;
  return { moved: { fromTrail: old.trailName, fromLogGroup: old.logGroupName, why } };
}
