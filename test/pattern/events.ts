import fc from 'fast-check';
import type { PatternNode, Selector } from '../../src/pattern';
import { KEYS, TEXTS } from './arbitraries';

/** Scalars over the shared texts, including number-like strings and numbers. */
/** Scalars over the shared texts, including number-like strings and numbers. */
const scalar = fc.oneof(
  fc.constantFrom(...TEXTS, '400', '-2.25', '1e21', '2.5e1'),
  fc.constantFrom(0, 1, 10, -2.25, 1.5, 400, 1e21, 0.1),
  fc.integer({ min: -2, max: 3 }),
  fc.boolean(),
  fc.constant(null),
);

/** JSON values over the shared keys and texts. */
export const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 2, arbitrary: scalar },
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Log events: JSON objects mostly, sometimes anything JSON can hold. */
export const event: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 9, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), json, { minKeys: 2, maxKeys: 4 }) },
  { weight: 1, arbitrary: json },
);

/** Events in which most of the tree's selectors reach a scalar, often one its test accepts, so `&&` often holds. */
export function eventFor(node: PatternNode): fc.Arbitrary<unknown> {
  const leaves = leavesOf(node);
  const plants = leaves.map((leaf) =>
    fc.option(fc.oneof(scalar, fc.constantFrom(...witnesses(leaf))), { freq: 5 }),
  );
  return fc.tuple(event, fc.tuple(...plants)).map(([base, values]) => {
    if (typeof base !== 'object' || base === null || Array.isArray(base)) return base;
    let planted: unknown = base;
    values.forEach((value, i) => {
      if (value !== null) planted = plant(planted, leaves[i]?.selector ?? [], value);
    });
    return planted;
  });
}

type Leaf = Exclude<PatternNode, { kind: 'or' } | { kind: 'and' }>;

function leavesOf(node: PatternNode): Leaf[] {
  return node.kind === 'or' || node.kind === 'and' ? node.terms.flatMap(leavesOf) : [node];
}

/** Scalars that a leaf's test is likely to accept. */
function witnesses(leaf: Leaf): unknown[] {
  if (leaf.kind === 'notExists') return ['a'];
  if (leaf.kind === 'is') return [true, false, null];
  const { value } = leaf;
  if (value.kind === 'number') return [value.value, String(value.value), value.value + 1, value.value - 1];
  if (value.kind === 'regex') return ['a1', 'ab', '12', '1.5', 'b'];
  return [value.text, `z${value.text}`, `${value.text}z`, `z${value.text}z`];
}

/** A copy of `into` where the selector's path exists and ends in `value` (wildcards take key 'b' / index 1). */
function plant(into: unknown, path: Selector, value: unknown): unknown {
  const [first, ...rest] = path;
  if (first === undefined) return value;
  if (first.kind === 'key' || first.kind === 'anyKey') {
    const object = typeof into === 'object' && into !== null && !Array.isArray(into) ? { ...into } : {};
    const key = first.kind === 'key' ? first.name : 'b';
    return Object.assign(object, { [key]: plant((object as Record<string, unknown>)[key], rest, value) });
  }
  const array: unknown[] = Array.isArray(into) ? [...into] : [];
  const index = first.kind === 'index' ? first.index : 1;
  while (array.length <= index) array.push('a');
  array[index] = plant(array[index], rest, value);
  return array;
}
