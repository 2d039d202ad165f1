import { GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { Clients } from '../aws/clients';
import { attempt } from '../aws/errors';
import { grants } from '../aws/grants';
import type { Config } from '../config';
import type { TrailView } from '../model';
import type { DeployInstead } from '../report';
import { type Candidate, type Candidates, findCandidates, regionHint } from './candidates';
import { type Checked, type Holdings, type Moved, pickTrail } from './choice';
import { deliveryTrouble } from './delivery';
import { placesElsewhere } from './elsewhere';
import { judgeSelectors, needOf } from './selectors';

export { type Candidate, type Candidates, findCandidates, type Place } from './candidates';

/** IAM actions discovery calls (sts:GetCallerIdentity needs no grant). */
export const DISCOVER_GRANTS = [
  ...grants('any', 'cloudtrail:DescribeTrails'),
  ...grants('trail', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'),
];

/** What discovery found: the qualifying trail, or every reason none qualifies. */
export interface Discovery {
  readonly accountId: string;
  readonly trail?: TrailView;
  readonly problems: readonly string[];
  /** The region a correctly deployed enforcer would run in, when discovery points elsewhere. */
  readonly regionHint?: string;
  /** Blocking findings about the choice of trail (see `pickTrail`). */
  readonly findings?: readonly string[];
  /** Set when the enforcer's filter is on another trail's log group than the chosen one. */
  readonly moved?: Moved;
  /**
   * When no trail of this account delivers to a log group here at all, the places its trails do
   * deliver to elsewhere (another region, the organization's management account): candidates for
   * NOT_APPLICABLE (src/discover/applicable.ts decides). Absent when a trail delivers here.
   */
  readonly elsewhere?: readonly DeployInstead[];
}

/** Finds the trail whose log group this region's enforcer must use; creates nothing. */
export async function discover(clients: Clients, config: Config): Promise<Discovery> {
  return chooseTrail(clients, config, await findCandidates(clients, config));
}

/**
 * Second phase: each candidate's status and selectors → the qualifying trail (see `pickTrail`: the one
 * whose log group holds the enforcer's filter first, as `holdings` tells), or every reason none does.
 */
export async function chooseTrail(
  clients: Clients,
  config: Config,
  found: Candidates,
  holdings: Promise<Holdings> = Promise.resolve(new Map()),
  previous?: string,
): Promise<Discovery> {
  const { accountId } = found;
  const [settled, held] = await Promise.all([
    Promise.allSettled(found.candidates.map((c) => checkTrail(clients, config, c))),
    holdings,
  ]);
  const checked = settled.map((s, i): Checked => {
    const candidate = found.candidates[i] as Candidate;
    return s.status === 'fulfilled' ? { candidate, ...s.value } : { candidate, failure: s.reason as unknown };
  });
  const choice = pickTrail(checked, held, found.places, previous);
  if (choice.trail) {
    const extra = {
      ...(choice.findings.length ? { findings: choice.findings } : {}),
      ...(choice.moved ? { moved: choice.moved } : {}),
    };
    return { accountId, trail: choice.trail, problems: [], ...extra };
  }
  const problems = [...found.problems, ...checked.flatMap((c) => (c.problem ? [c.problem] : []))];
  const away = found.places.length ? [] : placesElsewhere(found.trails, { accountId, region: config.region });
  const elsewhere = away.length ? { elsewhere: away } : {};
  return { accountId, problems, ...regionHint(found.trails, accountId, config.region), ...elsewhere };
}

/** The trail `arn` as it is now (after StartLogging); undefined when it no longer qualifies. */
export async function recheckTrail(
  clients: Clients,
  config: Config,
  arn: string,
): Promise<TrailView | undefined> {
  const found = await findCandidates(clients, config);
  const candidate = found.candidates.find((c) => c.trail.TrailARN === arn);
  return candidate && (await checkTrail(clients, config, candidate)).view;
}

/** The one control's calls as the doubt names them: `security group calls` for the security group control. */
function titleCalls(config: Config): string {
  return config.control.key === 'security-group-changes'
    ? 'security group calls'
    : `calls of ${config.control.id}`;
}

/**
 * Reads a candidate's logging status and selectors; a view when it qualifies (it records the events of
 * at least one selected control; those it leaves out are named per control), else the reason.
 */
async function checkTrail(
  clients: Clients,
  config: Config,
  { trail, logGroupName }: Candidate,
): Promise<{ view?: TrailView; problem?: string }> {
  const arn = trail.TrailARN ?? '';
  const [status, selectors] = await Promise.all([
    attempt('discover', 'cloudtrail:GetTrailStatus', arn, () =>
      clients.cloudtrail.send(new GetTrailStatusCommand({ Name: arn })),
    ),
    trail.HasCustomEventSelectors
      ? attempt('discover', 'cloudtrail:GetEventSelectors', arn, () =>
          clients.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: arn })),
        )
      : Promise.resolve(undefined),
  ]);
  const name = trail.Name ?? arn;
  const judged = config.controls.map((c) => ({
    id: c.control.id,
    verdict: judgeSelectors(selectors, needOf(c.control.profiles[config.patternProfile])),
  }));
  const missing = judged.flatMap(({ id, verdict }) =>
    verdict.records === false ? [{ id, what: verdict.missing }] : [],
  );
  if (missing.length === judged.length) {
    const what = [...new Set(missing.map((m) => m.what))].join(', nor ');
    return { problem: `trail ${name} does not record ${what}` };
  }
  const unsure = judged.flatMap(({ id, verdict }) =>
    verdict.records === 'unknown' ? [{ id, verdict }] : [],
  );
  const first = unsure[0]?.verdict;
  const whose =
    unsure.length === 1 && judged.length === 1
      ? titleCalls(config)
      : `calls of ${unsure.map((u) => u.id).join(', ')}`;
  const doubt =
    first?.records === 'unknown'
      ? `trail ${name}: advanced event selector ${JSON.stringify(first.selector)} ${first.why}, which the enforcer does not model: it cannot tell whether the trail records the ${whose}`
      : undefined;
  // Controls whose events this trail leaves out: each is kept from holding, the others are not.
  const unrecorded = Object.fromEntries(
    missing.map((m) => [
      m.id,
      `trail ${name} does not record ${m.what}: ${m.id}'s alarm can never count an event`,
    ]),
  );
  const isLogging = status.IsLogging === true;
  if (!isLogging && !config.healTrailLogging) {
    return { problem: `trail ${name} is not logging (HEAL_TRAIL_LOGGING=false, so it was left stopped)` };
  }
  // From the status already read: a delivery error newer than the last success blocks every control.
  const delivery = deliveryTrouble(status, trail, logGroupName, Date.now());
  const view: TrailView = {
    name,
    arn,
    homeRegion: trail.HomeRegion ?? config.region,
    logGroupName,
    logGroupArn: trail.CloudWatchLogsLogGroupArn ?? '',
    isLogging,
    ...(doubt ? { selectorDoubt: doubt } : {}),
    ...(missing.length ? { unrecorded } : {}),
    ...(delivery ? { delivery } : {}),
  };
  return { view };
}
