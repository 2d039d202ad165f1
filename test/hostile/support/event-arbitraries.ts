/**
 * Invocation payloads for fuzzing: arbitrary JSON, EventBridge-shaped records with arbitrary fields,
 * and every events/*.json sample with random edits (delete, replace, add, retype) anywhere in it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

type Json = fc.JsonValue;
type Container = Record<string, unknown> | unknown[];

const EVENTS = join(__dirname, '..', '..', '..', 'events');

/**
 * Every sample event, by file name, but the fire drill's: a drill writes alarm states on purpose (its own
 * tests: test/unit/drill.test.ts, test/integration/drill.test.ts), so it is no payload that must stay quiet.
 */
export const DRILL_SAMPLE = 'manual-drill.json';
export const SAMPLES: readonly (readonly [string, Json])[] = readdirSync(EVENTS)
  .filter((file) => file.endsWith('.json') && file !== DRILL_SAMPLE)
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(join(EVENTS, file), 'utf8')) as Json] as const);

/** Values the classifier looks at, so edits often land on a meaningful one. */
const INTERESTING: readonly Json[] = [
  'AWS API Call via CloudTrail',
  'Scheduled Event',
  'aws.events',
  'aws.monitoring',
  'PutMetricAlarm',
  'DeleteAlarms',
  'AccessDenied',
  'Role',
  'AssumedRole',
  'cis-monitoring-enforcer-prod-us-east-1',
  'arn:aws:sts::123456789012:assumed-role/cis-monitoring-enforcer-prod-us-east-1/x',
  'Create',
  'https://example.com/response',
  '',
  '__proto__',
  'constructor',
  null,
  true,
  false,
  0,
  -1,
  1e308,
  [],
  {},
];

const value: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom(...INTERESTING), fc.jsonValue({ maxDepth: 3 }));
const key = fc.oneof(
  fc.constantFrom(
    'dryRun',
    'detail',
    'detail-type',
    'source',
    'errorCode',
    'userIdentity',
    'RequestType',
    'ResponseURL',
  ),
  fc.string({ maxLength: 12 }),
);

interface Edit {
  readonly at: number;
  readonly op: 'delete' | 'replace' | 'add' | 'retype';
  readonly key: string;
  readonly value: Json;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add', 'retype'),
  key,
  value,
});

/** Every container in a document (the root first), to pick edit sites from. */
function containers(doc: unknown, found: Container[] = []): Container[] {
  if (doc === null || typeof doc !== 'object') return found;
  found.push(doc as Container);
  for (const child of Object.values(doc)) containers(child, found);
  return found;
}

/** Applies one edit to a container, in place. */
function applyEdit(target: Container, e: Edit): void {
  const keys = Object.keys(target);
  const existing = keys[e.at % Math.max(keys.length, 1)];
  const slot = e.op === 'add' || existing === undefined ? e.key : existing;
  const record = target as Record<string, unknown>;
  if (e.op === 'delete' && existing !== undefined) {
    if (Array.isArray(target)) target.splice(Number(existing), 1);
    else delete record[existing];
  } else if (e.op === 'retype') {
    const old = record[slot];
    record[slot] =
      typeof old === 'string' ? [old] : typeof old === 'object' ? JSON.stringify(old) : String(old);
  } else {
    record[slot] = structuredClone(e.value);
  }
}

/** A sample with 1–6 random edits; the sample file name travels along for readable counterexamples. */
export const mutatedSample: fc.Arbitrary<{ sample: string; event: Json }> = fc
  .tuple(fc.constantFrom(...SAMPLES), fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([[sample, original], edits]) => {
    const event = structuredClone(original);
    for (const e of edits) {
      const sites = containers(event);
      const site = sites[e.at % sites.length];
      if (site) applyEdit(site, e);
    }
    return { sample, event };
  });

/** EventBridge-shaped records: the keys the classifier reads, each present or not, with any value. */
export const eventShaped: fc.Arbitrary<Json> = fc.record(
  {
    'detail-type': value,
    source: value,
    time: value,
    dryRun: value,
    RequestType: value,
    ResponseURL: value,
    detail: fc.oneof(
      value,
      fc.record(
        { eventName: value, errorCode: value, userIdentity: fc.oneof(value, fc.dictionary(key, value)) },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

/** Any JSON value at all (the handler may be invoked with anything). */
export const anyJson: fc.Arbitrary<Json> = fc.jsonValue();
