import { Cursor } from './cursor';
import { PatternSyntaxError } from './errors';
import {
  type CharTest,
  type RegexItem,
  type RegexProgram,
  ranges,
  STATE_LIMIT,
  stateCount,
} from './regex-program';

/**
 * The documented regex subset of filter patterns: alphanumerics, the symbols `: _ # = @ / ; , -` and
 * space (used in the docs' own `%^shutting down%` example), the operators `^ $ ? [ ] { } | \ * + .`,
 * `\d \D \s \S \w \W`, `\xhh` and `\` before any symbol or operator. No parentheses, no multi-byte
 * characters, so a quantifier always applies to one character test.
 */
const LITERAL = /[A-Za-z0-9:_#=@/;, -]/;
const ESCAPABLE = /[:_#=@/;,\- ^$?[\]{}|\\*+.]/;
const HEX = /[0-9A-Fa-f]/;
const QUANTIFIER_START = /[*+?{]/;
const CLASS_ESCAPES: Readonly<Record<string, CharTest>> = {
  d: ranges([48, 57]),
  w: ranges([48, 57], [65, 90], [95, 95], [97, 122]),
  s: ranges([9, 13], [32, 32]),
};

/** Parses `source` (found at `offset` in the pattern) into a program, or throws `PatternSyntaxError`. */
export function parseRegex(source: string, offset: number): RegexProgram {
  const cursor = new Cursor(source);
  const branches: RegexItem[][] = [[]];
  while (!cursor.atEnd()) {
    const branch = branches[branches.length - 1] as RegexItem[];
    const last = branch[branch.length - 1];
    if (QUANTIFIER_START.test(cursor.peek())) {
      if (last?.kind !== 'char' || last.quantified) fail(cursor, offset, 'a regex term before a quantifier');
      branch[branch.length - 1] = { ...last, ...readQuantifier(cursor, offset), quantified: true };
    } else if (cursor.accept('|')) {
      branches.push([]);
    } else {
      branch.push(readTerm(cursor, offset));
    }
  }
  if (stateCount(branches) > STATE_LIMIT) throw new PatternSyntaxError(offset, 'smaller repetition counts');
  return branches;
}

function readTerm(cursor: Cursor, offset: number): RegexItem {
  const c = cursor.peek();
  cursor.pos++;
  if (c === '^') return { kind: 'start' };
  if (c === '$') return { kind: 'end' };
  const test = c === '.' ? () => true : c === '[' ? readClass(cursor, offset) : readChar(cursor, offset, c);
  return { kind: 'char', test, min: 1, max: 1, quantified: false };
}

function readChar(cursor: Cursor, offset: number, c: string): CharTest {
  if (c === '\\') {
    const escaped = readEscape(cursor, offset, true);
    return typeof escaped === 'number' ? ranges([escaped, escaped]) : escaped;
  }
  if (!LITERAL.test(c)) fail(cursor, offset, 'a supported regex character', cursor.pos - 1);
  return ranges([c.charCodeAt(0), c.charCodeAt(0)]);
}

/** After a backslash: a class escape's test (when allowed), or the code of `\xhh` or of an escaped symbol. */
function readEscape(cursor: Cursor, offset: number, classesAllowed: boolean): number | CharTest {
  const c = cursor.peek();
  const named = Object.hasOwn(CLASS_ESCAPES, c.toLowerCase()) ? CLASS_ESCAPES[c.toLowerCase()] : undefined;
  if (classesAllowed && named !== undefined) {
    cursor.pos++;
    return c === c.toLowerCase() ? named : (code) => !named(code);
  }
  if (c === 'x' && HEX.test(cursor.peek(1)) && HEX.test(cursor.peek(2))) {
    cursor.pos += 3;
    return Number.parseInt(cursor.text.slice(cursor.pos - 2, cursor.pos), 16);
  }
  if (c === '' || !ESCAPABLE.test(c)) fail(cursor, offset, 'a supported escape after \\');
  cursor.pos++;
  return c.charCodeAt(0);
}

function readClass(cursor: Cursor, offset: number): CharTest {
  const negated = cursor.accept('^');
  const members: CharTest[] = [];
  while (!cursor.accept(']')) {
    if (cursor.atEnd()) fail(cursor, offset, "']'");
    members.push(readClassMember(cursor, offset));
  }
  if (members.length === 0) fail(cursor, offset, 'a character class member', cursor.pos - 1);
  return (code) => members.some((member) => member(code)) !== negated;
}

function readClassMember(cursor: Cursor, offset: number): CharTest {
  const start = cursor.pos;
  const low = readClassChar(cursor, offset, true);
  if (typeof low !== 'number') return low;
  if (cursor.peek() !== '-' || cursor.peek(1) === ']' || cursor.peek(1) === '') return ranges([low, low]);
  cursor.pos++;
  const high = readClassChar(cursor, offset, false) as number;
  if (high < low) fail(cursor, offset, 'a range in ascending order', start);
  return ranges([low, high]);
}

/** One class character: its code, or (when allowed) the test of a class escape such as `\d`. */
function readClassChar(cursor: Cursor, offset: number, classesAllowed: boolean): number | CharTest {
  const c = cursor.peek();
  cursor.pos++;
  if (c === '\\') return readEscape(cursor, offset, classesAllowed);
  if (c === '' || !(LITERAL.test(c) || ESCAPABLE.test(c)))
    fail(cursor, offset, 'a supported regex character', cursor.pos - 1);
  return c.charCodeAt(0);
}

function readQuantifier(cursor: Cursor, offset: number): { min: number; max: number } {
  const start = cursor.pos;
  const c = cursor.text.charAt(cursor.pos++);
  if (c !== '{') return { min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Number.POSITIVE_INFINITY };
  const min = cursor.takeWhile(/[0-9]/);
  const comma = cursor.accept(',');
  const max = comma ? cursor.takeWhile(/[0-9]/) : min;
  if (!cursor.accept('}') || (min === '' && max === '')) fail(cursor, offset, 'a quantifier {m,n}', start);
  const bounds = { min: Number(min || '0'), max: max === '' ? Number.POSITIVE_INFINITY : Number(max) };
  if (bounds.max < bounds.min) fail(cursor, offset, 'a quantifier with m <= n', start);
  return bounds;
}

function fail(cursor: Cursor, offset: number, expected: string, at = cursor.pos): never {
  throw new PatternSyntaxError(offset + at, expected);
}
