/** What the exact judge's verdicts are checked against: the evaluator, record by record. */
import {
  compareExhaustively,
  eventSourcesOf,
  matches,
  type PatternComparison,
  type PatternNode,
  printPattern,
} from '../../src/pattern';

/** The one legitimate reason for the judge to stay undecided on these trees. */
export const MIXED = /is compared both as a number and with a wildcard or regex$/;

/** A pair's verdict must agree with the evaluator on every record: brute force on random ones, and each counterexample. */
export function agreesWithEvaluator(
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

export const kindOf = (comparison: PatternComparison) => comparison.verdict;

/** The tree's text with the terms of each `&&`/`||` rotated and random blanks, as a person might write it. */
export function rewrite(node: PatternNode, order: readonly number[], blanks: readonly string[]): string {
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
