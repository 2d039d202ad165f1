import fc from 'fast-check';
import { compareExhaustively, comparePatterns, parsePattern } from '../../src/pattern';
import { cloudTrailTree, narrowTree } from './exact-arbitraries';
import { agreesWithEvaluator, kindOf, rewrite } from './exact-oracle';
import { cloudTrailRecord, coverPair, equivalentPair, parsableTree } from './exact-pairs';

describe('exact judge properties', () => {
  it('is reflexive: a tree is equivalent to itself, by the search as well as by its normal form', () => {
    fc.assert(
      fc.property(cloudTrailTree, (node) => {
        expect(kindOf(comparePatterns(node, node))).toBe('equivalent');
        expect(['equivalent', 'undecided']).toContain(kindOf(compareExhaustively(node, node)));
      }),
      { numRuns: 400 },
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(cloudTrailTree, cloudTrailTree, (a, b) => {
        expect(kindOf(compareExhaustively(a, b))).toBe(kindOf(compareExhaustively(b, a)));
      }),
      { numRuns: 400 },
    );
  });

  it('finds a pattern and its reordered, respaced text equivalent', () => {
    const blanks = fc.array(fc.constantFrom('', ' ', '  ', '\n', '\t'), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        parsableTree,
        fc.array(fc.nat(3), { minLength: 1, maxLength: 6 }),
        blanks,
        (node, order, gaps) => {
          const text = rewrite(node, order, gaps);
          expect(['equivalent', 'undecided']).toContain(
            kindOf(compareExhaustively(node, parsePattern(text))),
          );
          expect(kindOf(comparePatterns(parsePattern(text), node))).toBe('equivalent');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with brute-force evaluation on random CloudTrail records, for random pairs', () => {
    fc.assert(
      fc.property(
        cloudTrailTree,
        cloudTrailTree,
        fc.array(cloudTrailRecord, { minLength: 30, maxLength: 30 }),
        (a, b, records) => agreesWithEvaluator(a, b, records),
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with brute-force evaluation for pairs of narrow trees (often equivalent), and decides them', () => {
    fc.assert(
      fc.property(
        narrowTree,
        narrowTree,
        fc.array(cloudTrailRecord, { minLength: 40, maxLength: 40 }),
        (a, b, records) => {
          expect(kindOf(compareExhaustively(a, b))).not.toBe('undecided');
          agreesWithEvaluator(a, b, records);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agrees with brute-force evaluation when a clause covers (or nearly covers) every value of one field', () => {
    fc.assert(
      fc.property(
        coverPair,
        fc.array(cloudTrailRecord, { minLength: 40, maxLength: 40 }),
        ([a, b], records) => agreesWithEvaluator(a, b, records),
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees with brute-force evaluation for pairs equal by the laws of && and ||, and decides them equivalent', () => {
    fc.assert(
      fc.property(
        equivalentPair,
        fc.array(cloudTrailRecord, { minLength: 30, maxLength: 30 }),
        ([a, b], records) => {
          agreesWithEvaluator(a, b, records);
          expect(['equivalent', 'undecided']).toContain(kindOf(compareExhaustively(a, b)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
