import type { Segment, Selector } from './ast';
import type { Witness } from './witnesses';

/** An array element created only to reach a later index: present, value not chosen yet (null at the end). */
const HOLE = Symbol('hole');

type Node = Record<string, unknown> | unknown[];

/**
 * The JSON record in which each selector reaches its witness (absent: reaches nothing), or undefined
 * when no record can: a value below a string, an index below an object, an absent element before a
 * present one. Selectors must be distinct and free of wildcards.
 */
export function buildRecord(
  entries: readonly (readonly [Selector, Witness])[],
): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  const present = entries.filter(([, w]) => w.kind !== 'absent').sort(([a], [b]) => a.length - b.length);
  for (const [selector, witness] of present) if (!plant(root, selector, witness)) return undefined;
  for (const [selector, witness] of entries) {
    if (witness.kind === 'absent' && reach(root, selector)) return undefined;
  }
  return fill(root) as Record<string, unknown>;
}

function plant(root: Node, selector: Selector, witness: Witness): boolean {
  let node: Node = root;
  for (const [i, segment] of selector.entries()) {
    const last = i === selector.length - 1;
    const child = get(node, segment);
    if (last) {
      if (child !== undefined && child !== HOLE) return false;
      return set(node, segment, jsonOf(witness));
    }
    const next = selector[i + 1] as Segment;
    const fits = next.kind === 'index' ? Array.isArray(child) : isObject(child);
    if (child === undefined || child === HOLE) {
      const created: Node = next.kind === 'index' ? [] : {};
      if (!set(node, segment, created)) return false;
      node = created;
    } else if (fits) {
      node = child as Node;
    } else {
      return false;
    }
  }
  return true;
}

function get(node: Node, segment: Segment): unknown {
  if (segment.kind === 'key')
    return isObject(node) && Object.hasOwn(node, segment.name) ? node[segment.name] : undefined;
  return Array.isArray(node) && segment.kind === 'index' ? node[segment.index] : undefined;
}

function set(node: Node, segment: Segment, value: unknown): boolean {
  if (segment.kind === 'key' && isObject(node)) {
    // defineProperty: a key such as `__proto__` becomes an own property, as JSON.parse makes it.
    Object.defineProperty(node, segment.name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return true;
  }
  if (segment.kind !== 'index' || !Array.isArray(node)) return false;
  while (node.length < segment.index) node.push(HOLE);
  node[segment.index] = value;
  return true;
}

/** Whether the selector reaches a node (a hole counts: that element exists). */
function reach(root: Node, selector: Selector): boolean {
  let node: unknown = root;
  for (const segment of selector) {
    if (!isObject(node) && !Array.isArray(node)) return false;
    node = get(node as Node, segment);
    if (node === undefined) return false;
  }
  return true;
}

function jsonOf(witness: Witness): unknown {
  if (witness.kind === 'container') return witness.shape === 'array' ? [] : {};
  return witness.kind === 'absent' ? undefined : witness.value;
}

function fill(value: unknown): unknown {
  if (value === HOLE) return null;
  if (Array.isArray(value)) return value.map(fill);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
