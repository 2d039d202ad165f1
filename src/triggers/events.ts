import type { OwnRole } from '../config';

/** Who made a CloudTrail-recorded call, as the report and alerts name them. */
export interface Actor {
  readonly arn: string;
  readonly type: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
}

/** What started a run. */
export type Trigger =
  | { readonly kind: 'schedule'; readonly time?: string }
  | { readonly kind: 'manual'; readonly dryRun: boolean }
  /** A fire drill (`{"drill": true}`, or the optional drill schedule's `{"drill": "schedule"}`). */
  | { readonly kind: 'drill'; readonly by: 'manual' | 'schedule' }
  | { readonly kind: 'deploy'; readonly requestType: string }
  | {
      readonly kind: 'cloudtrail';
      readonly eventName: string;
      readonly eventSource: string;
      readonly eventTime: string;
      readonly eventId: string;
      readonly region: string;
      readonly account: string;
      readonly actor: Actor;
    };

/** A run to do, or an event to skip with the reason. */
export type Classified =
  | { readonly run: true; readonly trigger: Trigger }
  | {
      readonly run: false;
      readonly status: 'IGNORED' | 'IGNORED_OWN_CHANGE';
      readonly reason: string;
      readonly trigger?: Trigger;
    };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A short printable form of any JSON value (objects without a prototype included). */
function shown(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 80);
  try {
    return (JSON.stringify(value) ?? typeof value).slice(0, 80);
  } catch {
    return typeof value;
  }
}

const ignore = (reason: string): Classified => ({ run: false, status: 'IGNORED', reason });

/**
 * The CloudTrail-recorded calls that can break a link of the chain, by EventBridge source: the
 * deployed rule (serverless.yml) forwards exactly these (test/deploy/event-rule.test.ts).
 */
export const WATCHED_CALLS: Readonly<Record<string, readonly string[]>> = {
  'aws.logs': [
    'DeleteMetricFilter',
    'PutMetricFilter',
    'DeleteLogGroup',
    'PutTransformer',
    'DeleteTransformer',
  ],
  'aws.monitoring': [
    'DeleteAlarms',
    'PutMetricAlarm',
    'DisableAlarmActions',
    'PutCompositeAlarm',
    'SetAlarmState',
  ],
  'aws.sns': [
    'DeleteTopic',
    'SetTopicAttributes',
    'RemovePermission',
    'Unsubscribe',
    'Subscribe',
    'SetSubscriptionAttributes',
  ],
  'aws.cloudtrail': ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
  // Any key: the run reads the topic's key and judges whether the call touched it.
  'aws.kms': ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy'],
  // Any role (the trail's CloudWatch Logs role among them). IAM is global: EventBridge gets these in
  // us-east-1 only, so an enforcer deployed in another region sees them on its daily sweep.
  'aws.iam': [
    'DeleteRole',
    'DeleteRolePolicy',
    'PutRolePolicy',
    'DetachRolePolicy',
    'UpdateAssumeRolePolicy',
  ],
};

function classifyCloudTrail(event: Json, ownRole: OwnRole | undefined): Classified {
  const detail = event.detail;
  if (!isObject(detail) || !str(detail.eventName)) return ignore('CloudTrail event without detail.eventName');
  const identity = isObject(detail.userIdentity) ? detail.userIdentity : {};
  const trigger: Trigger = {
    kind: 'cloudtrail',
    eventName: str(detail.eventName) ?? '',
    eventSource: str(detail.eventSource) ?? str(event.source) ?? '',
    eventTime: str(detail.eventTime) ?? str(event.time) ?? '',
    eventId: str(detail.eventID) ?? str(event.id) ?? '',
    region: str(detail.awsRegion) ?? str(event.region) ?? '',
    account: str(detail.recipientAccountId) ?? str(event.account) ?? '',
    actor: actorOf(identity, detail),
  };
  if (detail.errorCode !== undefined) {
    return {
      run: false,
      status: 'IGNORED',
      reason: `the call failed (${shown(detail.errorCode)}): nothing changed`,
      trigger,
    };
  }
  if (ownRole && isOwnSession(identity, ownRole)) {
    return {
      run: false,
      status: 'IGNORED_OWN_CHANGE',
      reason: `caused by the enforcer's own role ${ownRole.arn}`,
      trigger,
    };
  }
  return { run: true, trigger };
}

function actorOf(identity: Json, detail: Json): Actor {
  const type = str(identity.type) ?? 'Unknown';
  const arn =
    str(identity.arn) ?? (type === 'AWSService' ? (str(identity.invokedBy) ?? 'AWSService') : 'unknown');
  const sourceIp = str(detail.sourceIPAddress);
  const userAgent = str(detail.userAgent);
  return { arn, type, ...(sourceIp ? { sourceIp } : {}), ...(userAgent ? { userAgent } : {}) };
}

/**
 * True when the call was made by a session of the enforcer's own role: the session issuer is that role
 * (its ARN names the account and the role), in that account. Without a session issuer (some services
 * record none), the assumed-role ARN must name the same account and role name (unique in an account).
 */
export function isOwnSession(identity: Json, own: OwnRole): boolean {
  const context = isObject(identity.sessionContext) ? identity.sessionContext : undefined;
  const issuer = context && isObject(context.sessionIssuer) ? context.sessionIssuer : undefined;
  const account = str(identity.accountId);
  if (account !== undefined && account !== own.accountId) return false;
  if (issuer) {
    const issuerAccount = str(issuer.accountId);
    if (issuerAccount !== undefined && issuerAccount !== own.accountId) return false;
    return str(issuer.type) === 'Role' && str(issuer.arn) === own.arn;
  }
  const session = `arn:${own.partition}:sts::${own.accountId}:assumed-role/${own.name}/`;
  return str(identity.type) === 'AssumedRole' && (str(identity.arn) ?? '').startsWith(session);
}

function classifyManual(event: Json): Classified {
  const unknown = Object.keys(event).filter((key) => key !== 'dryRun' && key !== 'drill');
  if (unknown.length > 0) {
    return ignore(
      `unrecognised event (keys: ${unknown.slice(0, 5).join(', ')}); invoke with {}, {"dryRun": true} or {"drill": true}`,
    );
  }
  if (event.drill !== undefined && event.drill !== false) return classifyDrill(event);
  if (event.dryRun !== undefined && typeof event.dryRun !== 'boolean') {
    return ignore('dryRun must be true or false; nothing was done');
  }
  return { run: true, trigger: { kind: 'manual', dryRun: event.dryRun === true } };
}

/** `{"drill": true}` (a person) or `{"drill": "schedule"}` (the drill schedule); never with dryRun. */
function classifyDrill(event: Json): Classified {
  if (event.drill !== true && event.drill !== 'schedule') {
    return ignore('drill must be true (or "schedule" from the drill schedule); nothing was done');
  }
  if (event.dryRun !== undefined) {
    return ignore(
      'a drill sets alarm states, so it has no dry run: invoke {"drill": true} alone; nothing was done',
    );
  }
  return { run: true, trigger: { kind: 'drill', by: event.drill === true ? 'manual' : 'schedule' } };
}

/** Sorts any invocation payload into a run or a reasoned skip; never throws. */
export function classify(event: unknown, ownRole?: OwnRole): Classified {
  if (event === undefined || event === null) return { run: true, trigger: { kind: 'manual', dryRun: false } };
  if (!isObject(event))
    return ignore(`unrecognised event of type ${Array.isArray(event) ? 'array' : typeof event}`);
  const detailType = event['detail-type'];
  if (detailType === 'AWS API Call via CloudTrail') return classifyCloudTrail(event, ownRole);
  if (detailType === 'Scheduled Event' && event.source === 'aws.events') {
    const time = str(event.time);
    return { run: true, trigger: { kind: 'schedule', ...(time ? { time } : {}) } };
  }
  if (str(event.RequestType) && str(event.ResponseURL)) {
    return { run: true, trigger: { kind: 'deploy', requestType: str(event.RequestType) ?? '' } };
  }
  if (detailType !== undefined) return ignore(`unrecognised EventBridge event: ${shown(detailType)}`);
  return classifyManual(event);
}
