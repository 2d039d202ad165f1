import type { PolicyDocument, PolicyStatement } from '../model';

export const STATEMENT_SID = 'CisMonitoringEnforcerAllowCloudWatchAlarms';
const SERVICE = 'cloudwatch.amazonaws.com';

const list = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((v) => typeof v === 'string')
      : [];

const namesCloudWatch = (s: PolicyStatement): boolean => {
  const principal = s.Principal as { Service?: unknown } | string | undefined;
  return typeof principal === 'object' && principal !== null && list(principal.Service).includes(SERVICE);
};

/** IAM wildcard matching: `*` any run, `?` one character; action names are case-insensitive, ARNs are not. */
const globMatches = (pattern: string, value: string, flags: '' | 'i'): boolean => {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags).test(value);
};

const coversPublish = (s: PolicyStatement, topicArn: string): boolean =>
  list(s.Action).some((a) => globMatches(a, 'sns:Publish', 'i')) &&
  list(s.Resource).some((r) => globMatches(r, topicArn, ''));

/** The statement the enforcer adds: CloudWatch alarms of this account may publish to the topic. */
export function cloudWatchStatement(topicArn: string, accountId: string): PolicyStatement {
  return {
    Sid: STATEMENT_SID,
    Effect: 'Allow',
    Principal: { Service: SERVICE },
    Action: 'sns:Publish',
    Resource: topicArn,
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}

/** True when some statement lets CloudWatch publish to the topic. */
export function allowsCloudWatch(policy: PolicyDocument | undefined, topicArn: string): boolean {
  return (policy?.Statement ?? []).some(
    (s) => s.Effect === 'Allow' && namesCloudWatch(s) && coversPublish(s, topicArn),
  );
}

/** True when a statement denies CloudWatch publishing: merging cannot fix that, a person must. */
export function deniesCloudWatch(policy: PolicyDocument | undefined, topicArn: string): boolean {
  return (policy?.Statement ?? []).some(
    (s) => s.Effect === 'Deny' && namesCloudWatch(s) && coversPublish(s, topicArn),
  );
}

const sorted = (value: unknown, lower: boolean): string[] =>
  list(value)
    .map((v) => (lower ? v.toLowerCase() : v))
    .sort();

/** A statement in a form two spellings of the same statement share (lists of one, action case, key case). */
function normalized(s: PolicyStatement): string {
  const principal = s.Principal as { Service?: unknown } | undefined;
  const condition = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>)
    .map(([op, block]) => [
      op.toLowerCase(),
      Object.entries(block ?? {})
        .map(([k, v]) => [k.toLowerCase(), sorted(v, false)])
        .sort(),
    ])
    .sort();
  const rest = Object.keys(s).filter(
    (k) => !['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition'].includes(k),
  );
  return JSON.stringify([
    s.Effect,
    sorted(principal?.Service, true),
    Object.keys(principal ?? {}).sort(),
    sorted(s.Action, true),
    sorted(s.Resource, false),
    condition,
    rest.sort(),
  ]);
}

/** True when the policy holds the enforcer's statement (by Sid) and it differs from what the enforcer writes. */
export function ownStatementDiffers(
  policy: PolicyDocument | undefined,
  topicArn: string,
  accountId: string,
): boolean {
  const want = normalized(cloudWatchStatement(topicArn, accountId));
  return (policy?.Statement ?? []).some((s) => s.Sid === STATEMENT_SID && normalized(s) !== want);
}

/** Adds (or restores, by Sid) the enforcer's statement; every other statement stays as it was. */
export function mergePolicy(
  policy: PolicyDocument | undefined,
  topicArn: string,
  accountId: string,
): PolicyDocument {
  const others = (policy?.Statement ?? []).filter((s) => s.Sid !== STATEMENT_SID);
  return {
    ...(policy ?? {}),
    Version: policy?.Version ?? '2012-10-17',
    Statement: [...others, cloudWatchStatement(topicArn, accountId)],
  };
}

/** The policy of a topic the enforcer creates: SNS's default owner statement plus ours. */
export function newTopicPolicy(topicArn: string, accountId: string): PolicyDocument {
  const owner: PolicyStatement = {
    Sid: '__default_statement_ID',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: [
      'SNS:GetTopicAttributes',
      'SNS:SetTopicAttributes',
      'SNS:AddPermission',
      'SNS:RemovePermission',
      'SNS:DeleteTopic',
      'SNS:Subscribe',
      'SNS:ListSubscriptionsByTopic',
      'SNS:Publish',
    ],
    Resource: topicArn,
    Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
  };
  return mergePolicy({ Version: '2008-10-17', Statement: [owner] }, topicArn, accountId);
}
