import type { Trail } from '@aws-sdk/client-cloudtrail';

/** Parsed `arn:aws:logs:region:account:log-group:name[:*]`. */
export interface LogGroupArn {
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
}

/** Splits a CloudWatch Logs group ARN; undefined when it is not one. */
export function parseLogGroupArn(arn: string): LogGroupArn | undefined {
  const match = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(arn);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { region: match[1], accountId: match[2], name: match[3] };
}

/** Why a trail cannot serve this region's enforcer, from DescribeTrails fields alone; undefined when it can. */
export function staticProblem(
  trail: Trail,
  where: { region: string; accountId: string; logGroupName?: string },
): string | undefined {
  const name = trail.Name ?? trail.TrailARN ?? '(unnamed)';
  if (!trail.IsMultiRegionTrail) return `trail ${name} is not multi-region`;
  const arn = trail.CloudWatchLogsLogGroupArn;
  if (!arn) return `trail ${name} does not deliver to a CloudWatch Logs group`;
  const group = parseLogGroupArn(arn);
  if (!group) return `trail ${name} names an unreadable log group ARN ${arn}`;
  if (group.accountId !== where.accountId) {
    return `trail ${name} delivers to log group ${group.name} in account ${group.accountId}, not this account ${where.accountId}${trail.IsOrganizationTrail ? ' (organization trail: enforce in that account)' : ''}`;
  }
  if (group.region !== where.region) {
    return `trail ${name} delivers to log group ${group.name} in region ${group.region}, not ${where.region}: deploy the enforcer in ${group.region}`;
  }
  if (where.logGroupName && group.name !== where.logGroupName) {
    return `trail ${name} delivers to log group ${group.name}, not the configured LOG_GROUP_NAME ${where.logGroupName}`;
  }
  return undefined;
}
