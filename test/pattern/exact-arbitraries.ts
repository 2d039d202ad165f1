import fc from 'fast-check';
import { eventSourcesOf, type PatternNode, type PatternValue, type Selector } from '../../src/pattern';

/** Selectors the exact judge models: CloudTrail's pinned fields, nested keys, parents of both, array indices. */
const SELECTORS: readonly Selector[] = [
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
const NUMBERS = [-1, 0, 1, 10, 1.5] as const;
const REGEXES = ['^Create', 'Policy$', 'a|1', '^[0-9]+$', '^.{2}$'] as const;

const selector = fc.constantFrom(...SELECTORS);
const value: fc.Arbitrary<PatternValue> = fc.oneof(
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

const leaf: fc.Arbitrary<PatternNode> = fc.oneof(
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

/** Trees over those leaves, up to three levels of `&&`/`||`. */
export const cloudTrailTree: fc.Arbitrary<PatternNode> = fc.letrec<{ node: PatternNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: leaf },
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      terms: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
    }),
  ),
})).node;

/** Trees over three selectors (a parent, its child, an independent one) and a handful of values: random pairs are often equivalent, or nearly. */
export const narrowTree: fc.Arbitrary<PatternNode> = fc.letrec<{ node: PatternNode }>((tie) => {
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
  const small: fc.Arbitrary<PatternNode> = fc.oneof(
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
  );
  return {
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 2, arbitrary: small },
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        terms: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
      }),
    ),
  };
}).node;

/**
 * `x` and `x && (l1 || l2 || …)` with every `l` on one selector: equivalent exactly when the leaves
 * together hold for every value that field can take, absent, strings, null, objects and all.
 */
export const coverPair: fc.Arbitrary<[PatternNode, PatternNode]> = fc
  .tuple(
    cloudTrailTree,
    fc.constantFrom(...SELECTORS.slice(2)),
    fc.array(fc.tuple(fc.constantFrom('eq', 'ne', 'is', 'null', 'absent'), value), {
      minLength: 2,
      maxLength: 5,
    }),
  )
  .map(([x, selector, tests]): [PatternNode, PatternNode] => {
    const leaves = tests.map(([kind, v]): PatternNode => {
      if (kind === 'absent') return { kind: 'notExists', selector };
      if (kind === 'is' || kind === 'null')
        return { kind: 'is', selector, value: kind === 'is' ? 'TRUE' : 'NULL' };
      return { kind: 'comparison', selector, op: kind === 'eq' ? '=' : '!=', value: v };
    });
    return [x, { kind: 'and', terms: [x, { kind: 'or', terms: leaves }] }];
  });

/** Trees whose printed text the parser accepts: at most 2 regexes (the documented quota). */
export const parsableTree = cloudTrailTree.filter((node) => regexes(node) <= 2);

function regexes(node: PatternNode): number {
  if (node.kind === 'and' || node.kind === 'or') return node.terms.reduce((sum, t) => sum + regexes(t), 0);
  return node.kind === 'comparison' && node.value.kind === 'regex' ? 1 : 0;
}

/** Pairs that mean the same by the laws of `&&`/`||`: distribution, absorption, idempotence. */
export const equivalentPair: fc.Arbitrary<[PatternNode, PatternNode]> = fc
  .tuple(cloudTrailTree, leaf, leaf, fc.constantFrom('distribute', 'absorb', 'repeat'))
  .map(([x, y, z, law]): [PatternNode, PatternNode] => {
    if (law === 'absorb') return [x, { kind: 'or', terms: [x, { kind: 'and', terms: [x, y] }] }];
    if (law === 'repeat') return [x, { kind: 'and', terms: [x, { kind: 'or', terms: [x, x] }] }];
    const left: PatternNode = { kind: 'and', terms: [x, { kind: 'or', terms: [y, z] }] };
    const right: PatternNode = {
      kind: 'or',
      terms: [
        { kind: 'and', terms: [x, y] },
        { kind: 'and', terms: [z, x] },
      ],
    };
    return [left, right];
  });

const scalar = fc.oneof(
  fc.constantFrom<unknown>(...WORDS, 'Zz', 'aZ', 'Za', '+10', '010'),
  fc.constantFrom<unknown>(...NUMBERS, 2, -2),
  fc.constantFrom<unknown>(null, true, false),
);
const json: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  fc.constant({}),
  fc.array(scalar, { maxLength: 3 }),
  fc.record({ type: scalar, arn: scalar, x: scalar }, { requiredKeys: [] }),
);

/** Records CloudTrail can write: eventName and eventSource strings, a listed name from one of its sources. */
export const cloudTrailRecord: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom(...WORDS, 'HeadBucket', 'Zz'),
    fc.nat(),
    fc.constantFrom(...WORDS),
    fc.record({ errorCode: json, userIdentity: json, a: json }, { requiredKeys: [] }),
  )
  .map(([eventName, pick, anySource, rest]) => {
    const sources = eventSourcesOf(eventName);
    const eventSource = sources === undefined ? anySource : (sources[pick % sources.length] as string);
    return { eventName, eventSource, ...rest };
  });
