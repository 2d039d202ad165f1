import type { PatternNode, PatternValue, Selector } from '../../src/pattern';
import { REGEXES } from './arbitraries';

/**
 * A brute-force evaluator written independently of src/pattern/evaluate.ts: it lists every
 * (path, value) pair of the event, keeps those the selector describes, and decides the boolean
 * structure by expanding it into disjunctive normal form.
 */
type Step = { key: string } | { index: number };
type Leaf = Exclude<PatternNode, { kind: 'or' } | { kind: 'and' }>;

/** The reference verdict for `node` on `event`. */
export function referenceMatches(node: PatternNode, event: unknown): boolean {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const nodes = flatten(event, []);
  return disjuncts(node).some((conjunct) => conjunct.every((leaf) => holds(leaf, nodes)));
}

function flatten(value: unknown, path: Step[]): { path: Step[]; value: unknown }[] {
  const here = path.length > 0 ? [{ path, value }] : [];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, index) => flatten(item, [...path, { index }]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => flatten(item, [...path, { key }]))];
  }
  return here;
}

function disjuncts(node: PatternNode): Leaf[][] {
  if (node.kind === 'or') return node.terms.flatMap(disjuncts);
  if (node.kind === 'and') {
    return node.terms.reduce<Leaf[][]>(
      (acc, term) => acc.flatMap((left) => disjuncts(term).map((right) => [...left, ...right])),
      [[]],
    );
  }
  return [[node]];
}

function describes(selector: Selector, path: Step[]): boolean {
  if (selector.length !== path.length) return false;
  return selector.every((segment, i) => {
    const step = path[i] as Step;
    if (segment.kind === 'key') return 'key' in step && step.key === segment.name;
    if (segment.kind === 'index') return 'index' in step && step.index === segment.index;
    return segment.kind === 'anyKey' ? 'key' in step : 'index' in step;
  });
}

function holds(leaf: Leaf, nodes: { path: Step[]; value: unknown }[]): boolean {
  const values = nodes.filter((n) => describes(leaf.selector, n.path)).map((n) => n.value);
  if (leaf.kind === 'notExists') return values.length === 0;
  if (leaf.kind === 'is') return values.includes({ TRUE: true, FALSE: false, NULL: null }[leaf.value]);
  return values.some(
    (v) => (typeof v === 'string' || typeof v === 'number') && compare(leaf.op, leaf.value, v),
  );
}

function compare(op: string, value: PatternValue, found: string | number): boolean {
  if (value.kind === 'number') {
    const n =
      typeof found === 'number'
        ? found
        : /^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(found)
          ? parseFloat(found)
          : NaN;
    if (Number.isNaN(n)) return op === '!=';
    return (
      {
        '=': n === value.value,
        '!=': n !== value.value,
        '<': n < value.value,
        '>': n > value.value,
        '<=': n <= value.value,
        '>=': n >= value.value,
      }[op] === true
    );
  }
  const text = typeof found === 'number' ? found.toString() : found;
  const hit =
    value.kind === 'regex'
      ? (REGEXES[value.source] as (t: string) => boolean)(text)
      : wildcard(value.match, value.text).test(text);
  return op === '=' ? hit : !hit;
}

function wildcard(match: string, text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = {
    exact: `^${escaped}$`,
    startsWith: `^${escaped}`,
    endsWith: `${escaped}$`,
    contains: escaped,
    any: '',
  }[match];
  return new RegExp(body ?? '[^\\s\\S]', 'u');
}
