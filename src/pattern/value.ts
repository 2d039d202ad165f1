import {
  type EqualityOperator,
  NUMBER_LITERAL,
  type NumberValue,
  type PatternValue,
  type RelationalOperator,
  type StringMatch,
  type StringValue,
} from './ast';
import type { Cursor } from './cursor';
import { parseRegex } from './regex';

const BARE_CHAR = /[A-Za-z0-9_.*+-]/;
const PLAIN_TEXT = /^[A-Za-z0-9_]+$/;

/** Regex values used so far in one pattern (the docs allow 2). */
export interface RegexBudget {
  used: number;
}

/** Parses the value after `op`: a bare or quoted string (with `*` at its ends), a number, or `%regex%`. */
export function parseValue(
  cursor: Cursor,
  op: EqualityOperator | RelationalOperator,
  budget: RegexBudget,
): PatternValue {
  const start = cursor.pos;
  const numeric = op !== '=' && op !== '!=';
  const expected = numeric ? 'a number' : 'a value';
  if (cursor.peek() === '"' || cursor.peek() === '%') {
    if (numeric) cursor.fail(expected);
    return cursor.peek() === '"' ? stringValue(readQuoted(cursor)) : readRegex(cursor, budget);
  }
  const token = cursor.takeWhile(BARE_CHAR);
  if (NUMBER_LITERAL.test(token)) return numberValue(cursor, token, start);
  if (token === '' || numeric) cursor.fail(expected, start);
  if (token.includes('+')) cursor.fail("a number, or '\"' around a string with '+'", start);
  return stringValue(token);
}

function numberValue(cursor: Cursor, token: string, start: number): NumberValue {
  const value = Number(token);
  if (!Number.isFinite(value)) cursor.fail('a finite number', start);
  return { kind: 'number', value: value === 0 ? 0 : value };
}

function readQuoted(cursor: Cursor): string {
  cursor.pos++;
  let text = '';
  for (;;) {
    if (cursor.atEnd()) cursor.fail("'\"'");
    const c = cursor.text.charAt(cursor.pos++);
    if (c === '"') return text;
    const next = cursor.peek();
    if (c === '\\' && (next === '"' || next === '\\')) {
      text += next;
      cursor.pos++;
    } else {
      text += c;
    }
  }
}

function readRegex(cursor: Cursor, budget: RegexBudget): PatternValue {
  const start = cursor.pos++;
  const end = cursor.text.indexOf('%', cursor.pos);
  if (end < 0) cursor.fail("'%'", cursor.text.length);
  if (end === cursor.pos) cursor.fail('a regular expression');
  const source = cursor.text.slice(cursor.pos, end);
  parseRegex(source, cursor.pos);
  budget.used++;
  if (budget.used > 2) cursor.fail('at most 2 regular expressions in a pattern', start);
  cursor.pos = end + 1;
  return { kind: 'regex', source };
}

/** Splits leading and trailing `*` runs off a string value: they are its wildcards; a `*` inside is literal. */
export function stringValue(raw: string): StringValue {
  const lead = raw.length - raw.replace(/^\*+/, '').length;
  if (raw !== '' && lead === raw.length) return { kind: 'string', text: '', match: 'any' };
  const trail = raw.length - raw.replace(/\*+$/, '').length;
  const text = raw.slice(lead, raw.length - trail);
  const match: StringMatch = lead && trail ? 'contains' : lead ? 'endsWith' : trail ? 'startsWith' : 'exact';
  return { kind: 'string', text, match };
}

/** Prints a value the way `parseValue` reads it back; strings stay bare only when the docs allow it. */
export function printValue(value: PatternValue): string {
  switch (value.kind) {
    case 'number':
      return String(value.value);
    case 'regex':
      return `%${value.source}%`;
    case 'string':
      return printString(value);
  }
}

function printString(value: StringValue): string {
  if (value.match === 'any') return '*';
  const lead = value.match === 'endsWith' || value.match === 'contains' ? '*' : '';
  const trail = value.match === 'startsWith' || value.match === 'contains' ? '*' : '';
  const bare = PLAIN_TEXT.test(value.text) && (value.match !== 'exact' || !NUMBER_LITERAL.test(value.text));
  const text = bare ? value.text : `"${value.text.replace(/["\\]/g, '\\$&')}"`;
  return bare ? `${lead}${text}${trail}` : `"${lead}${text.slice(1, -1)}${trail}"`;
}
