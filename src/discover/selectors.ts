import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import { countedEventNames } from '../catalog/event-names';
import type { PatternProfile } from '../catalog/specs';
import { eventSourcesOf, parsePattern } from '../pattern';

/**
 * Whether a trail's event selectors record the management events a control counts: yes, no (with what
 * they leave out), or cannot tell (a selector uses a field or operator the enforcer does not model).
 */
export type SelectorVerdict =
  | { readonly records: true }
  | { readonly records: false; readonly missing: string }
  | { readonly records: 'unknown'; readonly selector: string; readonly why: string };

const YES: SelectorVerdict = { records: true };

/**
 * The management events a control's pattern counts: write events of each of its event names from
 * one of the services that write that name (`any`: from every service), and read events too when the
 * pattern names no event (4.1 counts denied reads, 4.3 every call the root user makes).
 */
export interface EventNeed {
  /** Per event name, the services that write it (the name is recorded when one of them is). */
  readonly sources: readonly (readonly string[])[] | 'any';
  readonly reads: boolean;
}

/** What the security group control needs: EC2's management write events. */
export const EC2_WRITES: EventNeed = { sources: [['ec2.amazonaws.com']], reads: false };

/** The events a pattern counts, from the services that write its event names (event-sources.ts). */
export function needOf(profile: Pick<PatternProfile, 'canonical'>): EventNeed {
  const names = countedEventNames(parsePattern(profile.canonical));
  if (names.length === 0) return { sources: 'any', reads: true };
  const groups = new Map<string, readonly string[]>();
  for (const name of names) {
    const sources = [...(eventSourcesOf(name) ?? [])].sort();
    if (sources.length === 0) return { sources: 'any', reads: false };
    groups.set(sources.join(' '), sources);
  }
  return { sources: [...groups.values()], reads: false };
}

/** One class of events a need covers: reads or writes from one of some services (or from every service). */
interface EventClass {
  readonly sources: readonly string[] | 'any';
  readonly readOnly: boolean;
}

function classesOf(need: EventNeed): EventClass[] {
  const groups: (readonly string[] | 'any')[] = need.sources === 'any' ? ['any'] : [...need.sources];
  const kinds = need.reads ? [false, true] : [false];
  return groups.flatMap((sources) => kinds.map((readOnly) => ({ sources, readOnly })));
}

function describeClass(c: EventClass): string {
  const kind = `management ${c.readOnly ? 'read' : 'write'} events`;
  if (c.sources === 'any') return `${kind} of every service`;
  return c.sources.length === 1
    ? `${kind} from ${c.sources[0]}`
    : `${kind} from any of ${c.sources.join(', ')}`;
}

/** The operators the enforcer understands, per field; any other field or operator is not modelled. */
const MODELLED: Readonly<Record<string, readonly ('Equals' | 'NotEquals')[]>> = {
  eventCategory: ['Equals'],
  readOnly: ['Equals'],
  eventSource: ['Equals', 'NotEquals'],
};
const OPERATORS = ['Equals', 'NotEquals', 'StartsWith', 'NotStartsWith', 'EndsWith', 'NotEndsWith'] as const;

/** What in one field selector the enforcer does not model; undefined when it models all of it. */
function unmodelled(field: AdvancedFieldSelector, repeated: boolean): string | undefined {
  const name = field.Field ?? '(no field)';
  const allowed: readonly string[] | undefined = Object.hasOwn(MODELLED, name) ? MODELLED[name] : undefined;
  if (!allowed) return `uses field ${name}`;
  const used = OPERATORS.filter((op) => field[op] !== undefined);
  const other = used.filter((op) => !allowed.includes(op));
  if (other.length > 0) return `uses ${name} ${other.join(', ')}`;
  if (used.length !== 1) return `uses ${name} with ${used.length === 0 ? 'no operator' : used.join(' and ')}`;
  return repeated ? `repeats field ${name}` : undefined;
}

/** True when a field selector with one modelled operator keeps the events of one service (or every service) out. */
function excludesSource(field: AdvancedFieldSelector, source: string | 'any', readOnly: boolean): boolean {
  const { Equals, NotEquals } = field;
  switch (field.Field) {
    case 'eventCategory':
      return Equals !== undefined && !Equals.includes('Management');
    case 'readOnly':
      return Equals !== undefined && !Equals.includes(String(readOnly));
    case 'eventSource':
      if (source === 'any') return Equals !== undefined || (NotEquals?.length ?? 0) > 0;
      return (Equals !== undefined && !Equals.includes(source)) || !!NotEquals?.includes(source);
    default:
      return false;
  }
}

/** True when a field selector keeps out the class: the events of every service the class may come from. */
function excludes(field: AdvancedFieldSelector, c: EventClass): boolean {
  const sources: readonly (string | 'any')[] = c.sources === 'any' ? ['any'] : c.sources;
  return sources.every((source) => excludesSource(field, source, c.readOnly));
}

type Recorded = true | false | { readonly selector: string; readonly why: string };

/**
 * Whether one advanced selector (its field selectors all hold at once) records a class of events: no
 * when a modelled field keeps it out, whatever the others say; cannot tell when another field or
 * operator is not modelled; else yes when it selects management events.
 */
function advancedRecords(selector: AdvancedEventSelector, index: number, c: EventClass): Recorded {
  const fields = selector.FieldSelectors ?? [];
  if (fields.some((f) => unmodelled(f, false) === undefined && excludes(f, c))) return false;
  const count = (name: string | undefined) => fields.filter((f) => f.Field === name).length;
  const why = fields.map((f) => unmodelled(f, count(f.Field) > 1)).find((p) => p !== undefined);
  if (why) return { selector: selector.Name ?? `#${index + 1}`, why };
  return fields.some((f) => f.Field === 'eventCategory');
}

/** True when classic selectors record a class of events (ExcludeManagementEventSources included). */
function classicRecords(selectors: readonly EventSelector[], c: EventClass): boolean {
  return selectors.some((s) => {
    if (s.IncludeManagementEvents === false) return false;
    const rw = s.ReadWriteType ?? 'All';
    if (rw !== 'All' && rw !== (c.readOnly ? 'ReadOnly' : 'WriteOnly')) return false;
    const excluded = s.ExcludeManagementEventSources ?? [];
    return c.sources === 'any'
      ? excluded.length === 0
      : c.sources.some((source) => !excluded.includes(source));
  });
}

/**
 * Judges a trail's selectors (GetEventSelectors output) against what a control needs (EC2's writes
 * by default); undefined: no custom selectors, every management event is recorded. Advanced
 * selectors are alternatives: each class of events needs one that records it; else one we cannot judge.
 */
export function judgeSelectors(
  selectors:
    | { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] }
    | undefined,
  need: EventNeed = EC2_WRITES,
): SelectorVerdict {
  if (!selectors) return YES;
  const classes = classesOf(need);
  const advanced = selectors.AdvancedEventSelectors ?? [];
  const classic = selectors.EventSelectors ?? [];
  let doubt: SelectorVerdict | undefined;
  for (const c of classes) {
    if (advanced.length > 0) {
      const verdicts = advanced.map((selector, i) => advancedRecords(selector, i, c));
      if (verdicts.includes(true)) continue;
      const unknown = verdicts.find((v): v is Exclude<Recorded, boolean> => typeof v === 'object');
      if (unknown) {
        doubt ??= { records: 'unknown', ...unknown };
        continue;
      }
      return { records: false, missing: describeClass(c) };
    }
    if (classic.length === 0 || !classicRecords(classic, c))
      return { records: false, missing: describeClass(c) };
  }
  return doubt ?? YES;
}
