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

/** The correction: remembers trails with custom selectors and answers as AWS would. */
export function eventSelectors(): Correction {
  const custom = new Set<string>();
  const flag = (trail: unknown): unknown => {
    if (typeof trail !== 'object' || trail === null) return trail;
    const arn = String((trail as Json).TrailARN ?? '');
    return { ...trail, HasCustomEventSelectors: custom.has(arn) };
  };
  const forget = (nameOrArn: string) => {
    for (const arn of [...custom]) if (sameTrail(arn, nameOrArn)) custom.delete(arn);
  };
  const handlers: Record<string, Handler> = {
    PutEventSelectors: (r, next) =>
      rewrite(r, next, (body) => {
        custom.add(String(body.TrailARN ?? ''));
        return body;
      }),
    DescribeTrails: (r, next) =>
      rewrite(r, next, (body) => ({ ...body, trailList: ((body.trailList as unknown[]) ?? []).map(flag) })),
    GetTrail: (r, next) => rewrite(r, next, (body) => ({ ...body, Trail: flag(body.Trail) })),
    GetEventSelectors: (r, next) => rewrite(r, next, (body) => selectorsAnswer(body, custom)),
    CreateTrail: (r, next) =>
      rewrite(r, next, (body) => {
        forget(String(body.TrailARN ?? ''));
        return body;
      }),
    DeleteTrail: async (r, next) => {
      const out = await next(r);
      if (succeeded(out)) forget(String(readJson(r.body).Name ?? readQuery(r).get('Name') ?? ''));
      return out;
    },
  };
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
