import {
  type Comparison,
  NUMBER_LITERAL,
  type PatternNode,
  type Segment,
  type Selector,
  type StringValue,
} from './ast';
import { parseRegex } from './regex';
import { type RegexProgram, runRegex } from './regex-program';

/**
 * Semantics, after the CloudWatch Logs docs ("Using filter patterns to match terms in JSON log events"):
 * - a JSON filter pattern only applies to a JSON object event; anything else never matches;
 * - a selector picks value nodes (strings, numbers); a comparison on a missing field, null, a boolean,
 *   an array or an object is false for `=` AND `!=` (the docs say so for arrays/objects; they are silent on
 *   missing fields, so we treat them alike: `{ $.errorCode != "X" }` does not match a record without
 *   errorCode — write `$.errorCode NOT EXISTS || …` for that);
 * - a wildcard selector (`.*`, `[*]`) matches when any selected node satisfies the test; NOT EXISTS when none exists;
 * - strings compare case-sensitively; a number field compares as its decimal text against string values;
 * - a number value compares numerically, also with a string field holding a number literal
 *   (another string is simply unequal: `!=` is true, ordering operators false);
 * - `%regex%` searches the value's text (anchors `^`/`$` pin it).
 */
const regexes = new Map<string, RegexProgram>();

/** Whether a parsed pattern matches one log event (a parsed JSON value). */
export function matches(node: PatternNode, event: unknown): boolean {
  return isObject(event) && evaluate(node, event);
}

function evaluate(node: PatternNode, root: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'or':
      return node.terms.some((term) => evaluate(term, root));
    case 'and':
      return node.terms.every((term) => evaluate(term, root));
    case 'notExists':
      return select(root, node.selector).length === 0;
    case 'is': {
      const wanted = node.value === 'NULL' ? null : node.value === 'TRUE';
      return select(root, node.selector).some((found) => found === wanted);
    }
    case 'comparison':
      return select(root, node.selector).some((found) => compare(node, found));
  }
}

/** Every node the selector reaches from the root (several only through a wildcard). */
function select(root: Record<string, unknown>, selector: Selector): unknown[] {
  let nodes: unknown[] = [root];
  for (const segment of selector) {
    const next: unknown[] = [];
    for (const node of nodes) collect(node, segment, next);
    if (next.length === 0) return next;
    nodes = next;
  }
  return nodes;
}

function collect(node: unknown, segment: Segment, into: unknown[]): void {
  if (segment.kind === 'key' || segment.kind === 'anyKey') {
    if (!isObject(node)) return;
    if (segment.kind === 'anyKey') for (const value of Object.values(node)) into.push(value);
    else if (Object.hasOwn(node, segment.name)) into.push(node[segment.name]);
  } else if (Array.isArray(node)) {
    if (segment.kind === 'anyIndex') for (const element of node) into.push(element);
    else if (segment.index < node.length) into.push(node[segment.index]);
  }
}

function compare(node: Comparison, found: unknown): boolean {
  if (typeof found !== 'string' && (typeof found !== 'number' || !Number.isFinite(found))) return false;
  if (node.value.kind === 'number') return compareNumbers(node.op, toNumber(found), node.value.value);
  const text = String(found);
  const equal =
    node.value.kind === 'regex' ? runRegex(regexFor(node.value.source), text) : fits(node.value, text);
  return node.op === '=' ? equal : !equal;
}

function compareNumbers(op: Comparison['op'], found: number | undefined, wanted: number): boolean {
  if (found === undefined) return op === '!=';
  switch (op) {
    case '=':
      return found === wanted;
    case '!=':
      return found !== wanted;
    case '<':
      return found < wanted;
    case '>':
      return found > wanted;
    case '<=':
      return found <= wanted;
    case '>=':
      return found >= wanted;
  }
}

function toNumber(found: string | number): number | undefined {
  if (typeof found === 'number') return found;
  return NUMBER_LITERAL.test(found) ? Number(found) : undefined;
}

function fits(value: StringValue, text: string): boolean {
  switch (value.match) {
    case 'exact':
      return text === value.text;
    case 'startsWith':
      return text.startsWith(value.text);
    case 'endsWith':
      return text.endsWith(value.text);
    case 'contains':
      return text.includes(value.text);
    case 'any':
      return true;
  }
}

function regexFor(source: string): RegexProgram {
  let regex = regexes.get(source);
  if (regex === undefined) {
    regex = parseRegex(source, 0);
    regexes.set(source, regex);
  }
  return regex;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
