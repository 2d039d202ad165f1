/**
 * No duplicate chains (DESIGN rule 10): with EXISTING_CHAINS=adopt, a control that another chain holds
 * — a filter on the trail's log group satisfying the profile by meaning, an alarm on its metric that
 * fires on the first event, an SNS action with a confirmed subscriber in this account and region — gets
 * nothing of the enforcer's: its filter and alarm are not built. Pure: the run decides with these.
 */
import type { AlarmView, DesiredState, FilterView } from '../model';
import type { Assessment, Chain, SatisfiedBy } from '../verdict';
import type { Change, Finding, Plan } from './index';

/** What `EXISTING_CHAINS` says to do with someone else's chain that holds a control. */
export type ExistingChains = 'adopt' | 'ignore';

const OWN: ReadonlySet<Change['resource']> = new Set(['metric-filter', 'alarm']);

/** True when the run would build the control's own chain from nothing: neither its filter nor its alarm exists. */
export function wouldBuild(
  plan: Plan,
  actual: { readonly filter?: FilterView; readonly alarm?: AlarmView },
): boolean {
  return (
    actual.filter === undefined && actual.alarm === undefined && plan.changes.some((c) => OWN.has(c.resource))
  );
}

/**
 * The chains of others that hold the control, as the verdict found them: another filter's. (The
 * enforcer's filter and alarm notifying a topic someone added to its alarm are not another chain.)
 */
export function heldByOthers(
  judged: Assessment | undefined,
  ours: Pick<DesiredState, 'filter'>,
): SatisfiedBy[] {
  return (judged?.controlSatisfiedBy ?? []).filter(
    (chain) => !chain.ours && chain.filter !== ours.filter.name,
  );
}

/**
 * The plan of an adopted control: nothing to write and none of its own findings (its metric, filter,
 * alarm and topic are not needed); the blocking findings about the trail stay.
 */
export function adoptedPlan(trailFindings: readonly Finding[]): Plan {
  return { changes: [], findings: trailFindings };
}

/** `filter → alarm → topic`, for sentences. */
export const chainLabel = (c: Pick<Chain, 'filter' | 'alarm' | 'topic'>): string =>
  [c.filter, c.alarm ?? '(no alarm)', c.topic ?? '(no topic)'].join(' → ');

/**
 * News of a takeover: the control is built by the enforcer while other chains for it exist and do not
 * hold (deleted alarm, weakened pattern, silenced, unsubscribed): which, and how each broke.
 */
export function takeoverNews(
  id: string,
  judged: Assessment | undefined,
  ours: Pick<DesiredState, 'filter'>,
): string[] {
  const broken = (judged?.verdict.chains ?? []).filter(
    (c) => !c.ours && c.filter !== ours.filter.name && c.state !== 'holds',
  );
  if (broken.length === 0) return [];
  const told = broken.map((c) => `${chainLabel(c)} (${c.gaps.join('; ') || c.state})`).join(', ');
  return [`${id}: no other chain holds it — ${told}; the enforcer built its own`];
}

/**
 * When the enforcer's chain and someone else's both hold the control, every event alerts twice: say so,
 * with the exact commands that remove the enforcer's (it never deletes anything itself).
 */
export function bothHoldFinding(
  desired: Pick<DesiredState, 'logGroupName' | 'filter' | 'alarm' | 'region'>,
  judged: Assessment,
  mode: ExistingChains,
): string[] {
  const held = judged.controlSatisfiedBy.some((c) => c.ours);
  const others = heldByOthers(judged, desired);
  if (!held || others.length === 0) return [];
  const region = `--region ${desired.region}`;
  const commands =
    `aws logs delete-metric-filter ${region} --log-group-name ${desired.logGroupName} --filter-name ${desired.filter.name}; ` +
    `aws cloudwatch delete-alarms ${region} --alarm-names ${desired.alarm.name}`;
  const after =
    mode === 'adopt'
      ? 'the enforcer will then keep watching theirs and rebuild its own only if theirs breaks'
      : 'with EXISTING_CHAINS=ignore the enforcer rebuilds its own: set EXISTING_CHAINS=adopt first';
  return [
    `the control is held both by the enforcer's chain and by ${others.map(chainLabel).join(', ')}: each event alerts twice. ` +
      `The enforcer's chain can be removed by hand: ${commands} (${after})`,
  ];
}
