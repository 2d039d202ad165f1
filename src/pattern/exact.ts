import type { PatternNode } from './ast';
import { matches } from './evaluate';
import { normalForm } from './normal-form';
import { Search } from './search';
import { Space } from './space';
import type { Witness } from './witnesses';

/** A field the search fixed to tell the patterns apart, and the value it took. */
export interface DecidingField {
  /** The selector as a report prints it: `userIdentity.arn`. */
  readonly path: string;
  readonly witness: Witness;
}

/** A record CloudTrail can write on which exactly one of the two patterns matches. */
export interface Counterexample {
  readonly record: Readonly<Record<string, unknown>>;
  /** The fields that decide it, in the order the search fixed them (eventName first when tested). */
  readonly deciding: readonly DecidingField[];
  readonly candidateMatches: boolean;
  /** The pattern that does not match never matches any record with this eventName. */
  readonly unconditional: boolean;
}

/** How a candidate pattern stands to a reference pattern. */
export type PatternComparison =
  | { readonly verdict: 'equivalent'; readonly how: 'same normal form' | 'every record' }
  | { readonly verdict: 'different'; readonly counterexamples: readonly Counterexample[] }
  | { readonly verdict: 'undecided'; readonly reason: string };

/** The most partial records one comparison may examine before it fails closed. */
export const MAX_NODES = 20_000;

/**
 * Decides whether two parsed patterns match the same records CloudTrail can write, exactly: over
 * every combination of the witnesses of every field either tests. One counterexample per class of
 * eventName; `undecided` (never `equivalent`) when the patterns use what the judge cannot model.
 */
export function comparePatterns(candidate: PatternNode, reference: PatternNode): PatternComparison {
  if (normalForm(candidate) === normalForm(reference))
    return { verdict: 'equivalent', how: 'same normal form' };
  return compareExhaustively(candidate, reference);
}

/** `comparePatterns` without its same-normal-form shortcut: always the search. */
export function compareExhaustively(candidate: PatternNode, reference: PatternNode): PatternComparison {
  const space = Space.of([candidate, reference]);
  if ('undecided' in space) return { verdict: 'undecided', reason: space.undecided };
  const search = new Search(space, { left: MAX_NODES });
  // Phrasing only ("does not match X" or "… when …"): its own budget, so it never turns a verdict.
  const phrasing = new Search(space, { left: MAX_NODES });
  const trees = [candidate, reference] as const;
  const name = space.eventName;
  const tops = name === undefined ? [undefined] : space.allowed(name, []).map((w) => [name, w] as const);
  const found: Counterexample[] = [];
  for (const fixed of tops) {
    const outcome = search.find(trees, ([c, r]) => c !== r, fixed);
    if (outcome === 'budget')
      return { verdict: 'undecided', reason: `more than ${MAX_NODES} partial records to examine` };
    if (outcome === 'none') continue;
    const counterexample = confirmed(search, trees);
    if (counterexample === undefined) {
      return { verdict: 'undecided', reason: 'internal: the evaluator does not confirm a counterexample' };
    }
    const other = counterexample.candidateMatches ? reference : candidate;
    const unconditional =
      fixed !== undefined && phrasing.find([other], ([hit]) => hit === true, fixed) === 'none';
    found.push({ ...counterexample, unconditional });
  }
  return found.length === 0
    ? { verdict: 'equivalent', how: 'every record' }
    : { verdict: 'different', counterexamples: found };
}

/** The record the search found, if the evaluator agrees that exactly the expected pattern matches it. */
function confirmed(search: Search, trees: readonly [PatternNode, PatternNode]) {
  const [candidateMatches = false, referenceMatches = false] = search.results(trees);
  const record = search.record();
  if (matches(trees[0], record) !== candidateMatches || matches(trees[1], record) !== referenceMatches) {
    return undefined;
  }
  const deciding = search.deciding().map(({ field, witness }) => ({ path: field.path, witness }));
  return { record, deciding, candidateMatches };
}
