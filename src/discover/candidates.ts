import { DescribeTrailsCommand, type Trail } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Clients } from '../aws/clients';
import { attempt } from '../aws/errors';
import type { Config } from '../config';
import { parseLogGroupArn, staticProblem } from './rules';

/** A trail of this account delivering to a log group in this region, qualifying or not. */
export interface Place {
  readonly trailName: string;
  readonly trailArn: string;
  readonly logGroupName: string;
  /** Why the trail cannot serve, from its DescribeTrails fields; undefined for candidates. */
  readonly problem?: string;
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
  /** Every trail's log group in this account and region: where the enforcer's filter may live. */
  readonly places: readonly Place[];
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
    const problems = ['no CloudTrail trail exists in this account'];
    return { accountId, trails, candidates: [], problems, places: [] };
  }
  const where = { region: config.region, accountId, logGroupName: config.logGroupName };
  const problems: string[] = [];
  const candidates: Candidate[] = [];
  const places: Place[] = [];
  for (const trail of trails) {
    const problem = staticProblem(trail, where);
    const group = parseLogGroupArn(trail.CloudWatchLogsLogGroupArn ?? '');
    const logGroupName = group?.name ?? '';
    if (problem) problems.push(problem);
    else candidates.push({ trail, logGroupName });
    if (group && group.accountId === accountId && group.region === config.region) {
      const trailArn = trail.TrailARN ?? '';
      places.push({
        trailName: trail.Name ?? trailArn,
        trailArn,
        logGroupName,
        ...(problem ? { problem } : {}),
      });
    }
  }
  return { accountId, trails, candidates, problems, places };
}

/** Names the region of a multi-region trail's log group in this account, when it is not this one. */
export function regionHint(
  trails: readonly Trail[],
  accountId: string,
  region: string,
): { regionHint?: string } {
  for (const trail of trails) {
    const group = parseLogGroupArn(trail.CloudWatchLogsLogGroupArn ?? '');
    if (trail.IsMultiRegionTrail && group && group.accountId === accountId && group.region !== region) {
      return { regionHint: group.region };
    }
  }
  return {};
}
