/**
 * CloudTrail event selectors. AWS answers `HasCustomEventSelectors: true` in DescribeTrails and
 * GetTrail once selectors were put on the trail, and GetEventSelectors of a trail without any shows
 * the default selector (all management events, read and write); moto 5.2.5 always answers `false`
 * and an empty selector list. Here the trails that got PutEventSelectors are remembered.
 */
import type { Correction } from './correction';
import {
  readJson,
  readQuery,
  type Send,
  succeeded,
  type WireAnswer,
  type WireRequest,
  withBody,
} from './wire';

/** What a trail created without selectors records, as GetEventSelectors shows it on AWS. */
export const DEFAULT_EVENT_SELECTORS = [
  {
    ReadWriteType: 'All',
    IncludeManagementEvents: true,
    DataResources: [],
    ExcludeManagementEventSources: [],
  },
];

type Json = Record<string, unknown>;
type Handler = (r: WireRequest, next: Send) => Promise<WireAnswer>;

/** Rewrites a JSON answer's body (left alone when the call failed). */
async function rewrite(r: WireRequest, next: Send, change: (body: Json) => Json): Promise<WireAnswer> {
  const out = await next(r);
  if (!succeeded(out)) return out;
  return withBody(out, JSON.stringify(change(readJson(out.body))));
}

/** A trail's name or ARN as the ARN the emulator answers with (names end the ARN after `trail/`). */
const sameTrail = (arn: string, nameOrArn: string) =>
  arn === nameOrArn || arn.endsWith(`:trail/${nameOrArn}`);

/** The trails with custom selectors, by ARN. */
type Custom = Set<string>;

/** A trail as DescribeTrails/GetTrail list it, with AWS's HasCustomEventSelectors. */
function flagged(custom: Custom, trail: unknown): unknown {
  if (typeof trail !== 'object' || trail === null) return trail;
  const arn = String((trail as Json).TrailARN ?? '');
  return { ...trail, HasCustomEventSelectors: custom.has(arn) };
}

/** Forgets a trail (deleted, or created anew under a name that had selectors). */
function forget(custom: Custom, nameOrArn: string): void {
  for (const arn of [...custom]) if (sameTrail(arn, nameOrArn)) custom.delete(arn);
}

function handlersOf(custom: Custom): Record<string, Handler> {
  const keep = (body: Json, effect: () => unknown) => {
    effect();
    return body;
  };
  return {
    PutEventSelectors: (r, next) =>
      rewrite(r, next, (b) => keep(b, () => custom.add(String(b.TrailARN ?? '')))),
    DescribeTrails: (r, next) =>
      rewrite(r, next, (b) => ({
        ...b,
        trailList: ((b.trailList as unknown[]) ?? []).map((t) => flagged(custom, t)),
      })),
    GetTrail: (r, next) => rewrite(r, next, (b) => ({ ...b, Trail: flagged(custom, b.Trail) })),
    GetEventSelectors: (r, next) => rewrite(r, next, (b) => selectorsAnswer(b, custom)),
    CreateTrail: (r, next) =>
      rewrite(r, next, (b) => keep(b, () => forget(custom, String(b.TrailARN ?? '')))),
    DeleteTrail: async (r, next) => {
      const out = await next(r);
      if (succeeded(out)) forget(custom, String(readJson(r.body).Name ?? readQuery(r).get('Name') ?? ''));
      return out;
    },
  };
}

/** The correction: remembers trails with custom selectors and answers as AWS would. */
export function eventSelectors(): Correction {
  const custom: Custom = new Set();
  const handlers = handlersOf(custom);
  return {
    operations: Object.keys(handlers).map((op) => `cloudtrail:${op}`),
    handle: (r, next) => {
      const handler = handlers[r.operation];
      return handler ? handler(r, next) : next(r);
    },
    reset: () => custom.clear(),
  };
}

/** GetEventSelectors as AWS answers: the default selector when none was put, else only the kind in use. */
function selectorsAnswer(body: Json, custom: ReadonlySet<string>): Json {
  const { EventSelectors, AdvancedEventSelectors, ...rest } = body;
  if (!custom.has(String(body.TrailARN ?? ''))) return { ...rest, EventSelectors: DEFAULT_EVENT_SELECTORS };
  const advanced = Array.isArray(AdvancedEventSelectors) && AdvancedEventSelectors.length > 0;
  return advanced ? { ...rest, AdvancedEventSelectors } : { ...rest, EventSelectors: EventSelectors ?? [] };
}
