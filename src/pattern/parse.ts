import type { Comparison, PatternNode, Selector } from './ast';
import { Cursor } from './cursor';
import { PatternSyntaxError } from './errors';
import { parseSelector, type WildcardBudget } from './selector';
import { parseValue, type RegexBudget } from './value';

/** The API's length limit for a filter pattern. */
const MAX_LENGTH = 1024;
const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
const WORD = /[A-Za-z]/;

interface Parser {
  readonly cursor: Cursor;
  readonly wildcards: WildcardBudget;
  readonly regexes: RegexBudget;
}

/** Parses a JSON filter pattern `{ … }` into a normalised tree; throws `PatternSyntaxError` and nothing else. */
export function parsePattern(text: string): PatternNode {
  if (text.length > MAX_LENGTH) throw new PatternSyntaxError(MAX_LENGTH, `at most ${MAX_LENGTH} characters`);
  const parser: Parser = { cursor: new Cursor(text), wildcards: { used: 0 }, regexes: { used: 0 } };
  const { cursor } = parser;
  cursor.skipSpace();
  cursor.expect('{', "'{' (only JSON filter patterns are supported)");
  const node = parseOr(parser, '}');
  cursor.skipSpace();
  if (!cursor.atEnd()) cursor.fail('end of pattern');
  return node;
}

/** Terms joined by `||`, then the closing brace or parenthesis. */
function parseOr(parser: Parser, close: '}' | ')'): PatternNode {
  const terms = [parseAnd(parser)];
  for (;;) {
    parser.cursor.skipSpace();
    if (parser.cursor.accept('||')) terms.push(parseAnd(parser));
    else if (parser.cursor.accept(close)) return combine('or', terms);
    else parser.cursor.fail(`'&&', '||' or '${close}'`);
  }
}

function parseAnd(parser: Parser): PatternNode {
  const terms = [parsePrimary(parser)];
  for (;;) {
    parser.cursor.skipSpace();
    if (!parser.cursor.accept('&&')) return combine('and', terms);
    terms.push(parsePrimary(parser));
  }
}

function parsePrimary(parser: Parser): PatternNode {
  parser.cursor.skipSpace();
  if (parser.cursor.accept('(')) return parseOr(parser, ')');
  const selector = parseSelector(parser.cursor, parser.wildcards);
  parser.cursor.skipSpace();
  return parseTest(parser, selector);
}

/** What follows a selector: `IS TRUE|FALSE|NULL`, `NOT EXISTS`, or an operator and a value. */
function parseTest(parser: Parser, selector: Selector): PatternNode {
  const { cursor } = parser;
  const word = cursor.text.slice(cursor.pos).match(/^[A-Za-z]+/)?.[0];
  if (word === 'IS') {
    const value = readKeyword(cursor, 'IS', ['TRUE', 'FALSE', 'NULL'] as const);
    return { kind: 'is', selector, value };
  }
  if (word === 'NOT') {
    readKeyword(cursor, 'NOT', ['EXISTS'] as const);
    return { kind: 'notExists', selector };
  }
  const op = OPERATORS.find((candidate) => cursor.accept(candidate));
  if (op === undefined) return cursor.fail("an operator (= != < > <= >=), 'IS' or 'NOT EXISTS'");
  cursor.skipSpace();
  const value = parseValue(cursor, op, parser.regexes);
  if (op === '=' || op === '!=') return { kind: 'comparison', selector, op, value };
  if (value.kind !== 'number') return cursor.fail('a number');
  return { kind: 'comparison', selector, op, value } satisfies Comparison;
}

/** Reads `first`, at least one blank, and one of `options` as a whole word. */
function readKeyword<T extends string>(cursor: Cursor, first: string, options: readonly T[]): T {
  cursor.pos += first.length;
  if (!cursor.skipSpace()) cursor.fail(`a space after ${first}`);
  const start = cursor.pos;
  const word = cursor.takeWhile(WORD);
  const found = options.find((option) => option === word);
  if (found === undefined) cursor.fail(options.join(', ').replace(/, (\w+)$/, ' or $1'), start);
  return found;
}

/** Joins terms, splicing in nested terms of the same kind, so the tree is flat and unique. */
function combine(kind: 'or' | 'and', terms: PatternNode[]): PatternNode {
  const flat = terms.flatMap((term) => (term.kind === kind ? term.terms : [term]));
  const [first] = flat;
  if (flat.length === 1 && first !== undefined) return first;
  return { kind, terms: flat };
}
