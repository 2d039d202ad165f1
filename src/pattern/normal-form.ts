import type { PatternNode } from './ast';
import { printPattern } from './print';

/**
 * A tree's text up to the order and repetition of `&&`/`||` terms (both are commutative and
 * idempotent): two trees with the same normal form match the same events, whatever they test.
 */
export function normalForm(node: PatternNode): string {
  return printPattern(normalise(node));
}

function normalise(node: PatternNode): PatternNode {
  if (node.kind !== 'and' && node.kind !== 'or') return node;
  const terms = node.terms.map(normalise).flatMap((term) => (term.kind === node.kind ? term.terms : [term]));
  const unique = new Map(terms.map((term) => [printPattern(term), term] as const));
  const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  const [only] = sorted;
  return sorted.length === 1 && only !== undefined ? only : { kind: node.kind, terms: sorted };
}
