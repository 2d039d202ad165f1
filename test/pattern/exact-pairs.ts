/** Pairs of trees and CloudTrail-shaped records for the exact judge's properties. */
import fc from 'fast-check';
import { eventSourcesOf, type PatternNode } from '../../src/pattern';
import { cloudTrailTree, leaf, NUMBERS, SELECTORS, value, WORDS } from './exact-arbitraries';

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
