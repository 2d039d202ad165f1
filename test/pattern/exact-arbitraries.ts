/** Pattern trees the exact judge decides: CloudTrail-shaped selectors and values, for its properties. */
import fc from 'fast-check';
import type { PatternNode, PatternValue, Selector } from '../../src/pattern';

/** Selectors the exact judge models: CloudTrail's pinned fields, nested keys, parents of both, array indices. */
export const SELECTORS: readonly Selector[] = [
  [{ kind: 'key', name: 'eventName' }],
  [{ kind: 'key', name: 'eventSource' }],
  [{ kind: 'key', name: 'errorCode' }],
  [{ kind: 'key', name: 'userIdentity' }],
  [
    { kind: 'key', name: 'userIdentity' },
    { kind: 'key', name: 'type' },
  ],
  [
    { kind: 'key', name: 'userIdentity' },
    { kind: 'key', name: 'arn' },
  ],
  [{ kind: 'key', name: 'a' }],
  [
    { kind: 'key', name: 'a' },
    { kind: 'index', index: 0 },
  ],
  [
    { kind: 'key', name: 'a' },
    { kind: 'index', index: 1 },
  ],
];

/** Texts shared by values and records: listed event names (one shared by two services), sources, short texts. */
export const WORDS = [
  'CreatePolicy',
  'DeletePolicy',
  'CreateSecurityGroup',
  'ConsoleLogin',
  'Unlisted',
  'iam.amazonaws.com',
  'organizations.amazonaws.com',
  'ec2.amazonaws.com',
  'Root',
  'a',
  'ab',
  '1',
  '10',
  '',
] as const;
export const NUMBERS = [-1, 0, 1, 10, 1.5] as const;
const REGEXES = ['^Create', 'Policy$', 'a|1', '^[0-9]+$', '^.{2}$'] as const;

const selector = fc.constantFrom(...SELECTORS);
export const value: fc.Arbitrary<PatternValue> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('string' as const),
      text: fc.constantFrom(...WORDS),
      match: fc.constant('exact' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('string' as const),
      text: fc.constantFrom(...WORDS.filter((w) => w !== '')),
      match: fc.constantFrom('startsWith' as const, 'endsWith' as const, 'contains' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'string', text: '', match: 'any' } as const) },
  { weight: 1, arbitrary: fc.constantFrom(...NUMBERS).map((n) => ({ kind: 'number', value: n }) as const) },
  { weight: 1, arbitrary: fc.constantFrom(...REGEXES).map((source) => ({ kind: 'regex', source }) as const) },
);

export const leaf: fc.Arbitrary<PatternNode> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('comparison' as const),
      selector,
      op: fc.constantFrom('=' as const, '!=' as const),
      value,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('comparison' as const),
      selector,
      op: fc.constantFrom('<' as const, '>=' as const),
      value: fc.constantFrom(...NUMBERS).map((n) => ({ kind: 'number', value: n }) as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('is' as const),
      selector,
      value: fc.constantFrom('TRUE' as const, 'NULL' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('notExists' as const), selector }) },
);

/** Trees over the given leaves, up to three levels of `&&`/`||`. */
function treesOf(leaves: fc.Arbitrary<PatternNode>, weight: number): fc.Arbitrary<PatternNode> {
  return fc.letrec<{ node: PatternNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight, arbitrary: leaves },
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        terms: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
      }),
    ),
  })).node;
}

/** Trees over every selector and value above. */
export const cloudTrailTree = treesOf(leaf, 3);

const near = fc.constantFrom<Selector>(
  SELECTORS[2] as Selector,
  SELECTORS[3] as Selector,
  SELECTORS[4] as Selector,
);
const few = fc.constantFrom<PatternValue>(
  { kind: 'string', text: 'a', match: 'exact' },
  { kind: 'string', text: 'a', match: 'startsWith' },
  { kind: 'string', text: '', match: 'any' },
  { kind: 'string', text: '1', match: 'exact' },
  { kind: 'regex', source: 'a|1' },
);

/**
 * Trees over three selectors (a parent, its child, an independent one) and a handful of values:
 * random pairs are often equivalent, or nearly.
 */
export const narrowTree = treesOf(
  fc.oneof(
    fc.record({
      kind: fc.constant('comparison' as const),
      selector: near,
      op: fc.constantFrom('=' as const, '!=' as const),
      value: few,
    }),
    fc.record({
      kind: fc.constant('is' as const),
      selector: near,
      value: fc.constantFrom('TRUE' as const, 'NULL' as const),
    }),
    fc.record({ kind: fc.constant('notExists' as const), selector: near }),
  ),
  2,
);
