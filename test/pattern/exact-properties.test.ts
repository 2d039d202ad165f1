import fc from 'fast-check';
import {
  compareExhaustively,
  comparePatterns,
  eventSourcesOf,
  matches,
  type PatternComparison,
  type PatternNode,
  parsePattern,
  printPattern,
} from '../../src/pattern';
import {
  cloudTrailRecord,
  cloudTrailTree,
  coverPair,
  equivalentPair,
  narrowTree,
  parsableTree,
} from './exact-arbitraries';

/** The one legitimate reason for the judge to stay undecided on these trees. */
const MIXED = /is compared both as a number and with a wildcard or regex$/;

/** A pair's verdict must agree with the evaluator on every record: brute force on random ones, and each counterexample. */
function agreesWithEvaluator(
  a: PatternNode,
  b: PatternNode,
  records: readonly Record<string, unknown>[],
): void {
  const comparison = compareExhaustively(a, b);
  if (comparison.verdict === 'undecided') {
    expect(comparison.reason).toMatch(MIXED);
    return;
  }
  if (comparison.verdict === 'equivalent') {
    for (const record of records) expect([record, matches(a, record)]).toEqual([record, matches(b, record)]);
    return;
  }
  for (const c of comparison.counterexamples) {
    expect(matches(a, c.record)).toBe(c.candidateMatches);
    expect(matches(b, c.record)).toBe(!c.candidateMatches);
    const { eventName, eventSource } = c.record as { eventName: unknown; eventSource: unknown };
    expect([typeof eventName, typeof eventSource]).toEqual(['string', 'string']);
    const sources = eventSourcesOf(eventName as string);
    if (
      sources &&
      c.deciding.some((d) => d.path === 'eventName' && d.witness.kind === 'string' && d.witness.exact)
    ) {
      expect(sources).toContain(eventSource);
    }
  }
}

const kindOf = (comparison: PatternComparison) => comparison.verdict;

/** The tree's text with the terms of each `&&`/`||` rotated and random blanks, as a person might write it. */
function rewrite(node: PatternNode, order: readonly number[], blanks: readonly string[]): string {
  let n = 0;
  const blank = () => blanks[n++ % blanks.length] ?? ' ';
  const print = (term: PatternNode): string => {
    if (term.kind === 'comparison') {
      const [selector, op, ...value] = printPattern(term).slice(2, -2).split(' ');
      return `${selector}${blank()}${op}${blank()}${value.join(' ')}`;
    }
    if (term.kind !== 'and' && term.kind !== 'or') return printPattern(term).slice(2, -2);
    const terms = term.terms.map((t) => `(${print(t)})`);
    const shift = order[n++ % order.length] ?? 0;
    const rotated = terms.map((_, i) => terms[(i + shift) % terms.length]);
    return rotated.join(`${blank()}${term.kind === 'and' ? '&&' : '||'}${blank()}`);
  };
  return `{${blank()}${print(node)}${blank()}}`;
}

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
