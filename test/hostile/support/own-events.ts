/**
 * CloudTrail events the enforcer's own writes produce, built from events/cloudtrail-own-change.json
 * (its role session as the actor) with each write's event name and source; and the tamper samples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

const EVENTS = join(__dirname, '..', '..', '..', 'events');

/** A sample event from events/, parsed afresh. */
export function sample(name: string): Json {
  return JSON.parse(readFileSync(join(EVENTS, `${name}.json`), 'utf8')) as Json;
}

/** The person every tamper sample names. */
const ALICE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const actorOf = (name: string) => ((sample(name).detail as Json).userIdentity as Json | undefined)?.arn;

/** Every CloudTrail sample of one person's calls (alice): not the own-change one, not other callers'. */
export const TAMPER_SAMPLES: readonly string[] = readdirSync(EVENTS)
  .filter((f) => f.startsWith('cloudtrail-'))
  .map((f) => f.replace(/\.json$/, ''))
  .filter((name) => actorOf(name) === ALICE)
  .sort();

/** The EventBridge source and CloudTrail event source of each service the enforcer writes to. */
const SERVICES = {
  cloudtrail: ['aws.cloudtrail', 'cloudtrail.amazonaws.com'],
  sns: ['aws.sns', 'sns.amazonaws.com'],
  logs: ['aws.logs', 'logs.amazonaws.com'],
  monitoring: ['aws.monitoring', 'monitoring.amazonaws.com'],
} as const;

/** Every write call the enforcer makes (Publish: the alert the handler sends), by service. */
export const OWN_WRITES: readonly (readonly [string, keyof typeof SERVICES])[] = [
  ['StartLogging', 'cloudtrail'],
  ['CreateTopic', 'sns'],
  ['SetTopicAttributes', 'sns'],
  ['Subscribe', 'sns'],
  ['PutMetricFilter', 'logs'],
  ['PutMetricAlarm', 'monitoring'],
  // A fire drill's write: CloudTrail records the enforcer's SetAlarmState, and the rule forwards it.
  ['SetAlarmState', 'monitoring'],
  ['Publish', 'sns'],
];

/** The event CloudTrail records (and EventBridge forwards) for the enforcer's own `eventName` call. */
export function ownEvent(eventName: string, service: keyof typeof SERVICES): Json {
  const event = sample('cloudtrail-own-change');
  const [source, eventSource] = SERVICES[service];
  const detail = event.detail as Json;
  return { ...event, source, detail: { ...detail, eventName, eventSource, requestParameters: {} } };
}

/** The same event as if the call had failed (CloudTrail then records an errorCode). */
export function failed(event: Json): Json {
  const detail = event.detail as Json;
  return { ...event, detail: { ...detail, errorCode: 'AccessDenied', errorMessage: 'not authorized' } };
}
