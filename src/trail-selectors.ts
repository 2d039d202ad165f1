import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';

/**
 * Whether a trail's event selectors record the management write events from EC2 that the control
 * counts: yes, no, or cannot tell (a selector uses a field or operator the enforcer does not model).
 */
export type SelectorVerdict =
  | { readonly records: true }
  | { readonly records: false }
  | { readonly records: 'unknown'; readonly selector: string; readonly why: string };

const YES: SelectorVerdict = { records: true };
const NO: SelectorVerdict = { records: false };

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

/** True when a field selector with one modelled operator keeps EC2 management writes out. */
function excludes(field: AdvancedFieldSelector): boolean {
  const { Equals, NotEquals } = field;
  switch (field.Field) {
    case 'eventCategory':
      return Equals !== undefined && !Equals.includes('Management');
    case 'readOnly':
      return Equals !== undefined && !Equals.includes('false');
    case 'eventSource':
      return (
        (Equals !== undefined && !Equals.includes('ec2.amazonaws.com')) ||
        !!NotEquals?.includes('ec2.amazonaws.com')
      );
    default:
      return false;
  }
}

/**
 * One advanced selector (its field selectors all hold at once): no when a modelled field keeps EC2
 * management writes out, whatever the others say; cannot tell when another field or operator is not
 * modelled; else yes when it selects management events.
 */
function judgeAdvanced(selector: AdvancedEventSelector, index: number): SelectorVerdict {
  const fields = selector.FieldSelectors ?? [];
  if (fields.some((f) => unmodelled(f, false) === undefined && excludes(f))) return NO;
  const count = (name: string | undefined) => fields.filter((f) => f.Field === name).length;
  const why = fields.map((f) => unmodelled(f, count(f.Field) > 1)).find((p) => p !== undefined);
  if (why) return { records: 'unknown', selector: selector.Name ?? `#${index + 1}`, why };
  return fields.some((f) => f.Field === 'eventCategory') ? YES : NO;
}

/** Advanced selectors are alternatives: one that records writes is enough; else one we cannot judge. */
function judgeAllAdvanced(selectors: readonly AdvancedEventSelector[]): SelectorVerdict {
  const verdicts = selectors.map(judgeAdvanced);
  if (verdicts.some((v) => v.records === true)) return YES;
  return verdicts.find((v) => v.records === 'unknown') ?? NO;
}

/** True when classic selectors record management write events (EC2 included). */
function classicRecordsWrites(selectors: readonly EventSelector[]): boolean {
  return selectors.some(
    (s) => s.IncludeManagementEvents !== false && (s.ReadWriteType ?? 'All') !== 'ReadOnly',
  );
}

/** Judges a trail's selectors (GetEventSelectors output); undefined: no custom selectors, all recorded. */
export function judgeSelectors(
  selectors:
    | { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] }
    | undefined,
): SelectorVerdict {
  if (!selectors) return YES;
  if (selectors.AdvancedEventSelectors?.length) return judgeAllAdvanced(selectors.AdvancedEventSelectors);
  if (selectors.EventSelectors?.length) return classicRecordsWrites(selectors.EventSelectors) ? YES : NO;
  return NO;
}
