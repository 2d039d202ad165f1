import fc from 'fast-check';
import type { PatternNode, PatternValue, Segment, Selector, StringMatch } from '../../src/pattern';

/** Keys shared by generated selectors and events, so selectors often hit. */
export const KEYS = ['a', 'b', 'c-d', 'a.b'] as const;
/** Texts shared by string values and event strings: plain, number-like, quoted-only, unicode. */
export const TEXTS = ['a', 'b', 'ab', 'A', '1', '10', '1.5', 'a b', 'q"t', 'x\\y', 'x*y', 'é', ''] as const;

/** Regexes of the documented subset, each with an independent reference predicate. */
export const REGEXES: Readonly<Record<string, (text: string) => boolean>> = {
  a: (t) => t.includes('a'),
  '^a': (t) => t.startsWith('a'),
  b$: (t) => t.endsWith('b'),
  '^[0-9]+$': (t) => t.length > 0 && [...t].every((ch) => ch >= '0' && ch <= '9'),
  'a|1': (t) => t.includes('a') || t.includes('1'),
  '\\d\\.\\d': (t) => [...t].some((_, i) => isDigit(t[i]) && t[i + 1] === '.' && isDigit(t[i + 2])),
  '^.{2}$': (t) => t.length === 2,
};

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

const segment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYS).map((name) => ({ kind: 'key', name }) as const) },
  { weight: 2, arbitrary: fc.nat(2).map((index) => ({ kind: 'index', index }) as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'anyKey' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'anyIndex' } as const) },
);

const isWildcard = (s: Segment): boolean => s.kind === 'anyKey' || s.kind === 'anyIndex';

/** Selectors as the grammar allows them: a property first, at most one wildcard. */
export const selector: fc.Arbitrary<Selector> = fc
  .oneof(
    { weight: 3, arbitrary: fc.array(segment, { minLength: 1, maxLength: 2 }) },
    fc.array(segment, { minLength: 3, maxLength: 3 }),
  )
  .filter((s) => s[0]?.kind === 'key' || s[0]?.kind === 'anyKey')
  .filter((s) => s.filter(isWildcard).length <= 1);

const stringValue = fc.oneof(
  fc.constant({ kind: 'string', text: '', match: 'any' } as const),
  fc.record({
    kind: fc.constant('string' as const),
    text: fc.constantFrom(...TEXTS),
    match: fc.constant('exact' as const),
  }),
  fc.record({
    kind: fc.constant('string' as const),
    text: fc.constantFrom(...TEXTS.filter((t) => t !== '')),
    match: fc.constantFrom<StringMatch>('startsWith', 'endsWith', 'contains'),
  }),
);

export const numberValue = fc
  .oneof(fc.integer({ min: -5, max: 20 }), fc.constantFrom(1.5, -2.25, 0.1, 1e21, 1e-7, 400))
  .map((value) => ({ kind: 'number', value: value === 0 ? 0 : value }) as const);

const regexValue = fc
  .constantFrom(...Object.keys(REGEXES))
  .map((source) => ({ kind: 'regex', source }) as const);

const value: fc.Arbitrary<PatternValue> = fc.oneof(
  { weight: 4, arbitrary: stringValue },
  { weight: 2, arbitrary: numberValue },
  { weight: 1, arbitrary: regexValue },
);

const leaf: fc.Arbitrary<PatternNode> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('comparison' as const),
      selector,
      op: fc.constantFrom('=', '!=' as const),
      value,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('comparison' as const),
      selector,
      op: fc.constantFrom('<', '>', '<=', '>=' as const),
      value: numberValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('is' as const),
      selector,
      value: fc.constantFrom('TRUE', 'FALSE', 'NULL' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('notExists' as const), selector }) },
);

/** Normalised trees: `or` never directly inside `or`, nor `and` inside `and`; within the documented quotas. */
export const tree: fc.Arbitrary<PatternNode> = fc
  .letrec<{ node: PatternNode; or: PatternNode; and: PatternNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('or'), tie('and')),
    or: fc
      .array(fc.oneof({ depthSize: 'small' }, leaf, tie('and')), { minLength: 2, maxLength: 3 })
      .map((terms) => ({ kind: 'or', terms }) as const),
    and: fc
      .array(fc.oneof({ depthSize: 'small' }, leaf, tie('or')), { minLength: 2, maxLength: 3 })
      .map((terms) => ({ kind: 'and', terms }) as const),
  }))
  .node.filter((node) => count(node, 'regex') <= 2 && count(node, 'wildcard') <= 3);

function count(node: PatternNode, what: 'regex' | 'wildcard'): number {
  if (node.kind === 'or' || node.kind === 'and')
    return node.terms.reduce((sum, term) => sum + count(term, what), 0);
  if (what === 'wildcard') return node.selector.filter(isWildcard).length;
  return node.kind === 'comparison' && node.value.kind === 'regex' ? 1 : 0;
}
