import { type PatternNode, PatternSyntaxError, type PatternValue, parsePattern } from '../pattern';
import { Cursor } from '../pattern/cursor';
import { parseSelector, printSelector } from '../pattern/selector';
import { parseValue, printValue } from '../pattern/value';
import { differences, type Term } from './legible-differences';

/**
 * DESIGN rule 9: the enforcer's own filter must read as the canonical text to checkers that compare
 * text (Security Hub: "additional fields or terms cannot be added"; Prowler's and Steampipe's regexes
 * look for each term as written). The tree from `parsePattern` cannot see how a selector is spelled
 * (`$.['eventName']` parses as `$.eventName`), so each test is also read as written, in text order.
 */

const LEAD =
  'pattern is not written as the canonical text (checkers such as Prowler and Security Hub compare the text)';
const PUNCTUATION = ['{', '}', '(', ')', '||', '&&'] as const;
const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
const KEYWORD_TEST = /^(IS|NOT)\s+[A-Z]+/;
const NAMED_DIFFERENCES = 4;

interface LexicalView {
  readonly terms: readonly Term[];
  /** The tree with each test replaced by its key and the terms of every `||`/`&&` sorted. */
  readonly shape: string;
}

/**
 * Why `actual` is not the canonical text up to whitespace, quotes around values, redundant parentheses
 * and the order of `||`/`&&` terms; empty when it is. Pure: works for any control's canonical text,
 * which must parse.
 */
export function legibilityDrift(actual: string, canonical: string): string[] {
  const want = lexicalView(canonical);
  let have: LexicalView;
  try {
    have = lexicalView(actual);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    return [`${LEAD}: it does not parse (${error.message})`];
  }
  if (have.shape === want.shape) return [];
  const found = differences(have.terms, want.terms);
  const named = found.slice(0, NAMED_DIFFERENCES);
  const rest = found.length - named.length;
  return [
    `${LEAD}: ${[...named, ...(rest > 0 ? [`${rest} more difference${rest === 1 ? '' : 's'}`] : [])].join('; ')}`,
  ];
}

function lexicalView(text: string): LexicalView {
  const tree = parsePattern(text);
  const terms = termsOf(text);
  return { terms, shape: shapeOf(tree, terms.values()) };
}

/** The tests of a pattern that parses, in text order (the order of the tree's leaves). */
function termsOf(text: string): Term[] {
  const cursor = new Cursor(text);
  const terms: Term[] = [];
  for (cursor.skipSpace(); !cursor.atEnd(); cursor.skipSpace()) {
    if (!PUNCTUATION.some((token) => cursor.accept(token))) terms.push(readTerm(cursor));
  }
  return terms;
}

function readTerm(cursor: Cursor): Term {
  const start = cursor.pos;
  const path = printSelector(parseSelector(cursor, { used: 0 }));
  const selector = cursor.text.slice(start, cursor.pos);
  cursor.skipSpace();
  const keyword = KEYWORD_TEST.exec(cursor.text.slice(cursor.pos))?.[0];
  if (keyword !== undefined) {
    cursor.pos += keyword.length;
    const op = keyword.replace(/\s+/, ' ');
    return {
      selector,
      path,
      op,
      key: `${selector} ${op}`,
      sense: `${path} ${op}`,
      shown: `${selector} ${op}`,
    };
  }
  const op = OPERATORS.find((candidate) => cursor.accept(candidate)) ?? cursor.fail('an operator');
  cursor.skipSpace();
  const at = cursor.pos;
  const value = parseValue(cursor, op, { used: 0 });
  const raw = cursor.text.slice(at, cursor.pos);
  const key = `${selector} ${op} ${valueKey(value, raw)}`;
  const sense = `${path} ${op} ${printValue(value)}`;
  return { selector, path, op, value, key, sense, shown: `${selector} ${op} ${raw}` };
}

/** A value as written, except that `"x"` and `x` are one spelling; numbers, strings and regexes stay apart. */
function valueKey(value: PatternValue, raw: string): string {
  if (value.kind !== 'string') return `${value.kind}:${raw}`;
  const text = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(["\\])/g, '$1') : raw;
  return `string:${text}`;
}

function shapeOf(node: PatternNode, terms: Iterator<Term>): string {
  if (node.kind !== 'or' && node.kind !== 'and') return JSON.stringify(terms.next().value?.key);
  const parts = node.terms.map((term) => shapeOf(term, terms)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${node.kind}[${parts.join(',')}]`;
}
