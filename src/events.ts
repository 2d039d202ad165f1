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

function classifyCloudTrail(event: Json, ownRoleName: string | undefined): Classified {
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
  if (ownRoleName && isOwnSession(identity, ownRoleName)) {
    return {
      run: false,
      status: 'IGNORED_OWN_CHANGE',
      reason: `caused by the enforcer's own role ${ownRoleName}`,
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

/** True when the call was made by a session of the enforcer's own role. */
export function isOwnSession(identity: Json, ownRoleName: string): boolean {
  const context = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(context.sessionIssuer) ? context.sessionIssuer : {};
  if (str(issuer.type) === 'Role' && str(issuer.userName) === ownRoleName) return true;
  return (str(identity.arn) ?? '').includes(`:assumed-role/${ownRoleName}/`);
}

function classifyManual(event: Json): Classified {
  const unknown = Object.keys(event).filter((key) => key !== 'dryRun');
  if (unknown.length > 0) {
    return ignore(
      `unrecognised event (keys: ${unknown.slice(0, 5).join(', ')}); invoke with {} or {"dryRun": true}`,
    );
  }
  if (event.dryRun !== undefined && typeof event.dryRun !== 'boolean') {
    return ignore('dryRun must be true or false; nothing was done');
  }
  return { run: true, trigger: { kind: 'manual', dryRun: event.dryRun === true } };
}

/** Sorts any invocation payload into a run or a reasoned skip; never throws. */
export function classify(event: unknown, ownRoleName?: string): Classified {
  if (event === undefined || event === null) return { run: true, trigger: { kind: 'manual', dryRun: false } };
  if (!isObject(event))
    return ignore(`unrecognised event of type ${Array.isArray(event) ? 'array' : typeof event}`);
  const detailType = event['detail-type'];
  if (detailType === 'AWS API Call via CloudTrail') return classifyCloudTrail(event, ownRoleName);
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
