import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';

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

/** True when classic selectors record management write events (EC2 included). */
function classicRecordsWrites(selectors: readonly EventSelector[]): boolean {
  return selectors.some(
    (s) => s.IncludeManagementEvents !== false && (s.ReadWriteType ?? 'All') !== 'ReadOnly',
  );
}

/** True when one advanced selector records management write events from EC2. */
function advancedRecordsWrites(selectors: readonly AdvancedEventSelector[]): boolean {
  return selectors.some((selector) => {
    const fields = selector.FieldSelectors ?? [];
    const field = (name: string) => fields.find((f) => f.Field === name);
    const category = field('eventCategory');
    if (!category?.Equals?.includes('Management')) return false;
    if (field('readOnly')?.Equals?.includes('true')) return false;
    const source = field('eventSource');
    if (source?.Equals && !source.Equals.includes('ec2.amazonaws.com')) return false;
    return !source?.NotEquals?.includes('ec2.amazonaws.com');
  });
}

/** True when the trail records the management write events the control watches. */
export function recordsManagementWrites(
  selectors:
    | { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] }
    | undefined,
): boolean {
  if (!selectors) return true;
  if (selectors.AdvancedEventSelectors?.length)
    return advancedRecordsWrites(selectors.AdvancedEventSelectors);
  if (selectors.EventSelectors?.length) return classicRecordsWrites(selectors.EventSelectors);
  return false;
}
