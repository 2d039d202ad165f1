import type { PatternNode } from '../pattern';

/** Every event name a tree compares `$.eventName` with (`=` or `!=`, wildcards stripped), in order, once each. */
export function eventNameLiterals(node: PatternNode): string[] {
  return [...new Set(eventNameTests(node).map((test) => test.name))];
}

/** The event names a pattern counts: its exact `$.eventName = Name` terms, in order, once each. */
export function countedEventNames(node: PatternNode): string[] {
  const counted = eventNameTests(node).filter((test) => test.op === '=' && test.exact);
  return [...new Set(counted.map((test) => test.name))];
}

interface EventNameTest {
  readonly name: string;
  readonly op: string;
  readonly exact: boolean;
}

function eventNameTests(node: PatternNode): EventNameTest[] {
  if (node.kind === 'or' || node.kind === 'and') return node.terms.flatMap(eventNameTests);
  if (node.kind !== 'comparison' || node.value.kind !== 'string') return [];
  const [first, ...rest] = node.selector;
  if (rest.length > 0 || first?.kind !== 'key' || first.name !== 'eventName') return [];
  return [{ name: node.value.text, op: node.op, exact: node.value.match === 'exact' }];
}
