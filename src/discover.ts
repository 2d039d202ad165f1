import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Clients } from './clients';
import type { Config } from './config';
import { attempt } from './errors';
import type { TrailView } from './model';
import { grants } from './permissions';
import { parseLogGroupArn, recordsManagementWrites, staticProblem } from './trail-rules';

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
}

/** A trail that qualifies on its DescribeTrails fields alone, with the name of the log group it delivers to. */
export interface Candidate {
  readonly trail: Trail;
  readonly logGroupName: string;
}

/** What discovery knows before any per-trail read: the account, the candidates, why the other trails cannot serve. */
export interface Candidates {
  readonly accountId: string;
  readonly trails: readonly Trail[];
  /** In preference order as far as it is known yet (listing order): the first is the best guess. */
  readonly candidates: readonly Candidate[];
  readonly problems: readonly string[];
}

/** Finds the trail whose log group this region's enforcer must use; creates nothing. */
export async function discover(clients: Clients, config: Config): Promise<Discovery> {
  return chooseTrail(clients, config, await findCandidates(clients, config));
}

/** First phase: STS ∥ DescribeTrails → the account and the trails that qualify statically. */
export async function findCandidates(clients: Clients, config: Config): Promise<Candidates> {
  const [identity, described] = await Promise.all([
    attempt('discover', 'sts:GetCallerIdentity', '*', () =>
      clients.sts.send(new GetCallerIdentityCommand({})),
    ),
    attempt('discover', 'cloudtrail:DescribeTrails', '*', () =>
      clients.cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
    ),
  ]);
  const accountId = identity.Account ?? '';
  const trails = described.trailList ?? [];
  if (trails.length === 0) {
    return { accountId, trails, candidates: [], problems: ['no CloudTrail trail exists in this account'] };
  }
  const where = { region: config.region, accountId, logGroupName: config.logGroupName };
  const problems: string[] = [];
  const candidates: Candidate[] = [];
  for (const trail of trails) {
    const problem = staticProblem(trail, where);
    const logGroupName = parseLogGroupArn(trail.CloudWatchLogsLogGroupArn ?? '')?.name ?? '';
    if (problem) problems.push(problem);
    else candidates.push({ trail, logGroupName });
  }
  return { accountId, trails, candidates, problems };
}

/** Second phase: each candidate's status and selectors → the qualifying trail, or every reason none does. */
export async function chooseTrail(clients: Clients, config: Config, found: Candidates): Promise<Discovery> {
  const { accountId } = found;
  const settled = await Promise.allSettled(found.candidates.map((c) => checkTrail(clients, config, c)));
  const checked = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  // A logging trail wins over a stopped one: restart a trail only when no other one already qualifies.
  const logging = checked.find((c) => c.view?.isLogging)?.view;
  if (logging) return { accountId, trail: logging, problems: [] };
  // A candidate that could not be read may be the logging one: rather fail than restart another.
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const trail = checked.find((c) => c.view)?.view;
  if (trail) return { accountId, trail, problems: [] };
  const problems = [...found.problems, ...checked.flatMap((c) => (c.problem ? [c.problem] : []))];
  return { accountId, problems, ...regionHint(found.trails, accountId, config.region) };
}

/** Reads a candidate's logging status and selectors; a view when it qualifies, else the reason. */
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
  if (!recordsManagementWrites(selectors))
    return { problem: `trail ${name} does not record management write events` };
  const isLogging = status.IsLogging === true;
  if (!isLogging && !config.healTrailLogging) {
    return { problem: `trail ${name} is not logging (HEAL_TRAIL_LOGGING=false, so it was left stopped)` };
  }
  const view: TrailView = {
    name,
    arn,
    homeRegion: trail.HomeRegion ?? config.region,
    logGroupName,
    logGroupArn: trail.CloudWatchLogsLogGroupArn ?? '',
    isLogging,
  };
  return { view };
}

/** Names the region of a multi-region trail's log group in this account, when it is not this one. */
function regionHint(trails: readonly Trail[], accountId: string, region: string): { regionHint?: string } {
  for (const trail of trails) {
    const group = parseLogGroupArn(trail.CloudWatchLogsLogGroupArn ?? '');
    if (trail.IsMultiRegionTrail && group && group.accountId === accountId && group.region !== region) {
      return { regionHint: group.region };
    }
  }
  return {};
}
