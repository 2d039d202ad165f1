import { eventSourcesOf } from './event-sources';
import type { FieldAtoms, Leaf } from './fields';
import { pinnedName, underPinned } from './fields';
import { numberWitnesses } from './numbers';
import { type StringTest, stringClasses } from './string-classes';

/** One value a field takes in a record the judge builds; `exact` when an exact literal pins its class to it. */
export type Witness =
  | { readonly kind: 'absent' }
  | { readonly kind: 'string'; readonly value: string; readonly exact: boolean }
  | { readonly kind: 'json'; readonly value: null | boolean }
  | { readonly kind: 'container'; readonly shape: 'object' | 'array' };

/** A witness for every class of values the field's leaves tell apart, or why they cannot be listed. */
export type Witnesses = { readonly witnesses: readonly Witness[] } | { readonly undecided: string };

export const ABSENT: Witness = { kind: 'absent' };

/**
 * The field's witnesses: strings first (its literals, then the other classes), then absent, then
 * the non-string values its leaves or the fields below it tell apart. A number behaves as its
 * decimal text everywhere in the evaluator, so strings cover numbers. `eventName` and `eventSource`
 * are always strings; below them nothing exists.
 */
export function fieldWitnesses(field: FieldAtoms): Witnesses {
  if (underPinned(field.selector)) return { witnesses: [ABSENT] };
  const strings = stringWitnesses(field);
  if ('undecided' in strings || pinnedName(field.selector)) return strings;
  return { witnesses: [...strings.witnesses, ABSENT, ...otherValues(field)] };
}

function stringWitnesses(field: FieldAtoms): Witnesses {
  const comparisons = field.leaves.flatMap((leaf) => (leaf.kind === 'comparison' ? [leaf] : []));
  const bounds = comparisons.flatMap((c) => (c.value.kind === 'number' ? [c.value.value] : []));
  const tests = comparisons.flatMap((c): StringTest[] => {
    const { value } = c;
    return value.kind === 'regex' || (value.kind === 'string' && value.match !== 'any') ? [value] : [];
  });
  const fresh = freshValue(field, tests);
  if (bounds.length === 0) {
    const classes = stringClasses(tests, fresh);
    if ('undecided' in classes) return { undecided: `${field.path}: ${classes.undecided}` };
    return { witnesses: classes.witnesses.map((w) => ({ kind: 'string', ...w })) };
  }
  if (tests.some((t) => t.kind === 'regex' || t.match !== 'exact')) {
    return { undecided: `${field.path} is compared both as a number and with a wildcard or regex` };
  }
  const texts = new Set(tests.map((t) => (t.kind === 'string' ? t.text : '')));
  const numbers = numberWitnesses(bounds, texts).map((value) => ({ value, exact: false }));
  const all = [
    ...[...texts].map((value) => ({ value, exact: true })),
    ...numbers,
    { value: fresh, exact: false },
  ];
  return { witnesses: all.map((w) => ({ kind: 'string', ...w })) };
}

/** A string equal to none of the literals (and, for eventName, not a listed event: any source may write it). */
function freshValue(field: FieldAtoms, tests: readonly StringTest[]): string {
  const taken = new Set(tests.flatMap((t) => (t.kind === 'string' ? [t.text] : [])));
  const pinned = pinnedName(field.selector);
  const first = tests.find((t) => t.kind === 'string' && t.match === 'exact');
  const base =
    pinned === 'eventName'
      ? `Batch${first?.kind === 'string' ? first.text : 'Unlisted'}`
      : pinned === 'eventSource'
        ? 'example.amazonaws.com'
        : 'other';
  let value = base;
  for (let n = 2; taken.has(value) || (pinned === 'eventName' && eventSourcesOf(value)); n++)
    value = `${base}${n}`;
  return value;
}

/** Non-string values the field's leaves (or the fields below it) tell apart from absent. */
function otherValues(field: FieldAtoms): Witness[] {
  const leaves: readonly Leaf[] = field.leaves;
  const tested = leaves.some((leaf) => leaf.kind === 'notExists' || leaf.kind === 'is');
  const values: Witness[] = [];
  if (tested || field.below.has('key')) values.push({ kind: 'container', shape: 'object' });
  if (field.below.has('index')) values.push({ kind: 'container', shape: 'array' });
  for (const [word, value] of [
    ['NULL', null],
    ['TRUE', true],
    ['FALSE', false],
  ] as const) {
    if (leaves.some((leaf) => leaf.kind === 'is' && leaf.value === word))
      values.push({ kind: 'json', value });
  }
  return values;
}
