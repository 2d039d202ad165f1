import type { PatternNode, Selector } from './ast';
import { printSelector } from './selector';

/** A test on one selector: a comparison, `IS`, or `NOT EXISTS`. */
export type Leaf = Exclude<PatternNode, { kind: 'or' } | { kind: 'and' }>;

/** Fields CloudTrail writes on every record, always as strings. */
export const PINNED = ['eventName', 'eventSource'] as const;

/** A selector some pattern tests, with every leaf on it. */
export interface FieldAtoms {
  readonly key: string;
  readonly selector: Selector;
  /** The selector as a report prints it: `userIdentity.arn`. */
  readonly path: string;
  readonly leaves: readonly Leaf[];
  /** How the selectors of other fields go on below this one: by key, by index, or both. */
  readonly below: ReadonlySet<'key' | 'index'>;
}

/** The leaves of a tree, left to right. */
export function leavesOf(node: PatternNode): Leaf[] {
  return node.kind === 'or' || node.kind === 'and' ? node.terms.flatMap(leavesOf) : [node];
}

/** Map key of a selector: two spellings of one path (`$.a`, `$.['a']`) share it. */
export const selectorKey = (selector: Selector): string => JSON.stringify(selector);

/** The fields of the trees, pinned fields first, then by depth; or the selector the judge cannot model. */
export function fieldsOf(trees: readonly PatternNode[]): { fields: FieldAtoms[] } | { undecided: string } {
  const leaves = trees.flatMap(leavesOf);
  const wild = leaves.find((leaf) => leaf.selector.some((s) => s.kind === 'anyKey' || s.kind === 'anyIndex'));
  if (wild) return { undecided: `wildcard selector ${printSelector(wild.selector)} is not modelled` };
  const byKey = new Map<string, Leaf[]>();
  for (const leaf of leaves) {
    const key = selectorKey(leaf.selector);
    byKey.set(key, [...(byKey.get(key) ?? []), leaf]);
  }
  const selectors = [...byKey.values()].map((group) => (group[0] as Leaf).selector);
  const fields = [...byKey.entries()].map(([key, group]) => {
    const selector = (group[0] as Leaf).selector;
    const path = printSelector(selector).slice(2);
    return { key, selector, path, leaves: group, below: continuations(selector, selectors) };
  });
  return { fields: fields.sort((a, b) => rank(a.selector) - rank(b.selector) || a.key.localeCompare(b.key)) };
}

function continuations(selector: Selector, all: readonly Selector[]): Set<'key' | 'index'> {
  const kinds = new Set<'key' | 'index'>();
  for (const other of all) {
    if (other.length <= selector.length || !isPrefix(selector, other)) continue;
    kinds.add(other[selector.length]?.kind === 'index' ? 'index' : 'key');
  }
  return kinds;
}

/** Whether `prefix` selects an ancestor of (or the same node as) `selector`. */
export function isPrefix(prefix: Selector, selector: Selector): boolean {
  const same = (i: number) => JSON.stringify(prefix[i]) === JSON.stringify(selector[i]);
  return prefix.length <= selector.length && prefix.every((_, i) => same(i));
}

function rank(selector: Selector): number {
  const [first] = selector;
  const pinned = selector.length === 1 && first?.kind === 'key' ? PINNED.indexOf(first.name as never) : -1;
  return pinned >= 0 ? pinned : 2 + selector.length;
}

/** `eventName` or `eventSource` when the selector is one of them. */
export function pinnedName(selector: Selector): (typeof PINNED)[number] | undefined {
  const [first] = selector;
  if (selector.length !== 1 || first?.kind !== 'key') return undefined;
  return PINNED.find((name) => name === first.name);
}

/** True below a pinned field (`$.eventName.x`): CloudTrail writes a string there, so nothing is below. */
export function underPinned(selector: Selector): boolean {
  const [first] = selector;
  return selector.length > 1 && first?.kind === 'key' && PINNED.some((name) => name === first.name);
}
