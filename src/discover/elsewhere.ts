import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { DeployInstead } from '../report';
import { parseLogGroupArn } from './rules';

/**
 * Where a trail serves the controls, when that is not here: a multi-region trail (it records this
 * region's calls) delivering to a CloudWatch Logs group in another region of this account, or an
 * organization trail delivering to a group in another account (the management account). Undefined for
 * a trail that serves nowhere (single-region, no or an unreadable log group) or serves here.
 */
export function servesElsewhere(
  trail: Trail,
  where: { readonly accountId: string; readonly region: string },
): DeployInstead | undefined {
  if (trail.IsMultiRegionTrail !== true) return undefined;
  const group = parseLogGroupArn(trail.CloudWatchLogsLogGroupArn ?? '');
  if (!group) return undefined;
  const otherAccount = group.accountId !== where.accountId;
  // Only an organization trail delivers this account's events to another account's log group.
  if (otherAccount && trail.IsOrganizationTrail !== true) return undefined;
  if (!otherAccount && group.region === where.region) return undefined;
  return {
    accountId: group.accountId,
    region: group.region,
    trail: trail.Name ?? trail.TrailARN ?? '(unnamed)',
    logGroup: group.name,
    organization: otherAccount,
  };
}

/** Every place a trail of `trails` serves the controls other than here, each once, sorted. */
export function placesElsewhere(
  trails: readonly Trail[],
  where: { readonly accountId: string; readonly region: string },
): DeployInstead[] {
  const found = new Map<string, DeployInstead>();
  for (const trail of trails) {
    const place = servesElsewhere(trail, where);
    if (place) found.set(`${place.accountId} ${place.region} ${place.trail}`, place);
  }
  return [...found.values()].sort((a, b) =>
    `${a.accountId} ${a.region} ${a.trail}` < `${b.accountId} ${b.region} ${b.trail}` ? -1 : 1,
  );
}

/** One sentence per place: where the enforcer belongs and why. */
export function deployInsteadReason(places: readonly DeployInstead[]): string {
  return places
    .map((p) =>
      p.organization
        ? `this account's CloudTrail is the organization trail ${p.trail} of account ${p.accountId}, home region ${p.region} (log group ${p.logGroup}): the enforcer belongs there`
        : `trail ${p.trail}'s log group ${p.logGroup} is in ${p.region}: deploy the enforcer in ${p.region}`,
    )
    .join('; ');
}
