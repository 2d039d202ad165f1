import type { PolicyDocument, PolicyStatement } from '../model';
import { type Context, evaluateConditions, globMatches, type Tri } from './policy-conditions';

/** One request by an AWS service principal, as IAM evaluates it against a resource policy. */
export interface ServiceRequest {
  readonly service: string;
  readonly action: string;
  readonly resource: string;
  /** Condition keys (any case) and their values; undefined marks a key known to be absent. */
  readonly context: Readonly<Record<string, string | undefined>>;
}

/**
 * What the policy decides: `allowed` by an Allow that holds, `denied` by an explicit Deny (named), `implicit`
 * (no Allow holds: denied by default), or `unknown` when a statement that could decide it cannot be evaluated.
 */
export type PolicyOutcome =
  | { readonly outcome: 'allowed'; readonly statement: string }
  | { readonly outcome: 'denied'; readonly statement: string }
  | { readonly outcome: 'implicit' }
  | { readonly outcome: 'unknown'; readonly statement: string; readonly reason: string };

const list = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((v) => typeof v === 'string')
      : [];

/** `*`, `{"AWS": "*"}` and `{"Service": …}` naming the service match; other principal kinds never do. */
function principalNames(principal: unknown, service: string): Tri {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return `Principal ${String(principal)}`;
  const p = principal as Record<string, unknown>;
  if (list(p.AWS).includes('*')) return true;
  return list(p.Service).some((s) => s.toLowerCase() === service.toLowerCase());
}

function principalMatches(s: PolicyStatement, service: string): Tri {
  if ('NotPrincipal' in s) {
    const named = principalNames(s.NotPrincipal, service);
    return typeof named === 'string' ? named : !named;
  }
  if (!('Principal' in s)) return 'statement has no Principal';
  return principalNames(s.Principal, service);
}

const anyMatches = (patterns: string[], value: string, ignoreCase: boolean) =>
  patterns.some((p) => globMatches(p, value, ignoreCase));

/** Action/NotAction (case-insensitive) and Resource/NotResource (case-sensitive) cover the request. */
function covers(s: PolicyStatement, request: ServiceRequest): boolean {
  const action =
    'NotAction' in s
      ? !anyMatches(list(s.NotAction), request.action, true)
      : anyMatches(list(s.Action), request.action, true);
  if (!action) return false;
  if ('NotResource' in s) return !anyMatches(list(s.NotResource), request.resource, false);
  return !('Resource' in s) || anyMatches(list(s.Resource), request.resource, false);
}

/** True, false, or why it cannot be told, for one statement applying to the request. */
function applies(s: PolicyStatement, request: ServiceRequest, context: Context): Tri {
  if (!covers(s, request)) return false;
  const principal = principalMatches(s, request.service);
  if (principal !== true) return principal;
  return evaluateConditions(s.Condition, context);
}

const sidOf = (s: PolicyStatement, i: number): string => s.Sid ?? `#${i + 1} (no Sid)`;

/** IAM's evaluation of one resource policy for one request: an explicit Deny wins, then an Allow. */
export function evaluatePolicy(policy: PolicyDocument | undefined, request: ServiceRequest): PolicyOutcome {
  const context: Context = new Map(Object.entries(request.context).map(([k, v]) => [k.toLowerCase(), v]));
  const judged = (policy?.Statement ?? []).map((s, i) => ({
    s,
    sid: sidOf(s, i),
    result: applies(s, request, context),
  }));
  const deny = (s: PolicyStatement) => String(s.Effect).toLowerCase() === 'deny';
  const allow = (s: PolicyStatement) => String(s.Effect).toLowerCase() === 'allow';
  const denied = judged.find((j) => deny(j.s) && j.result === true);
  if (denied) return { outcome: 'denied', statement: denied.sid };
  const maybeDenied = judged.find((j) => deny(j.s) && typeof j.result === 'string');
  if (maybeDenied)
    return { outcome: 'unknown', statement: maybeDenied.sid, reason: String(maybeDenied.result) };
  const allowed = judged.find((j) => allow(j.s) && j.result === true);
  if (allowed) return { outcome: 'allowed', statement: allowed.sid };
  const maybe = judged.find((j) => allow(j.s) && typeof j.result === 'string');
  if (maybe) return { outcome: 'unknown', statement: maybe.sid, reason: String(maybe.result) };
  return { outcome: 'implicit' };
}

/** The request of a CloudWatch alarm publishing to a topic: the context keys IAM sets for it. */
export function alarmPublish(topicArn: string, alarmArn: string, accountId: string): ServiceRequest {
  return {
    service: 'cloudwatch.amazonaws.com',
    action: 'sns:Publish',
    resource: topicArn,
    context: alarmContext(alarmArn, accountId),
  };
}

/**
 * Keys known for a service principal acting for an alarm: its source, the service, TLS (AWS services call
 * over HTTPS); the principal keys of IAM users and roles are absent for a service principal.
 */
export function alarmContext(alarmArn: string, accountId: string): ServiceRequest['context'] {
  return {
    'aws:SourceArn': alarmArn,
    'aws:SourceAccount': accountId,
    'aws:SourceOwner': accountId,
    'aws:PrincipalServiceName': 'cloudwatch.amazonaws.com',
    'aws:PrincipalIsAWSService': 'true',
    'aws:SecureTransport': 'true',
    'aws:PrincipalArn': undefined,
    'aws:PrincipalAccount': undefined,
    'aws:PrincipalOrgID': undefined,
    'aws:PrincipalOrgPaths': undefined,
    'aws:userid': undefined,
    'aws:username': undefined,
  };
}

/** A sentence for a report: what the policy decides for the request, and what to change. */
export function describeOutcome(o: PolicyOutcome, what: string): string {
  switch (o.outcome) {
    case 'allowed':
      return `${what} is allowed by statement ${o.statement}`;
    case 'denied':
      return `${what} is denied by statement ${o.statement}: remove or narrow that Deny`;
    case 'implicit':
      return `no statement allows ${what} (conditions of every Allow exclude it)`;
    case 'unknown':
      return `whether ${what} is allowed cannot be told: statement ${o.statement}: ${o.reason}`;
  }
}
