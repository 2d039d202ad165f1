import type { Segment, Selector } from './ast';
import type { Cursor } from './cursor';

/** Property names that need no brackets: alphanumerics, '-' and '_' (the docs' selector alphabet). */
export const PLAIN_NAME = /^[A-Za-z0-9_-]+$/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;

/** Wildcard selectors used so far in one pattern (the docs allow 3, and 1 per selector). */
export interface WildcardBudget {
  used: number;
}

/** Parses `$` and its segments: `.name`, `.['a.b']`, `.*`, `[0]`, `[*]`; an index must follow a property. */
export function parseSelector(cursor: Cursor, budget: WildcardBudget): Selector {
  cursor.expect('$', "a selector or '('");
  const segments: Segment[] = [];
  let wildcards = 0;
  for (;;) {
    const start = cursor.pos;
    if (segments.length === 0) cursor.expect('.', "'.' after '$'");
    const segment = parseSegment(cursor, segments.length === 0);
    if (segment === undefined) return segments;
    if (segment.kind === 'anyKey' || segment.kind === 'anyIndex') {
      wildcards++;
      budget.used++;
      if (wildcards > 1) cursor.fail('at most one wildcard in a selector', start);
      if (budget.used > 3) cursor.fail('at most 3 wildcard selectors in a pattern', start);
    }
    segments.push(segment);
  }
}

function parseSegment(cursor: Cursor, afterDot: boolean): Segment | undefined {
  if (afterDot || cursor.accept('.')) return parseProperty(cursor);
  if (!cursor.accept('[')) return undefined;
  if (cursor.accept('*]')) return { kind: 'anyIndex' };
  const digits = cursor.takeWhile(DIGIT);
  const index = Number(digits);
  if (digits === '' || !Number.isSafeInteger(index)) cursor.fail("an array index or '*'");
  cursor.expect(']');
  return { kind: 'index', index };
}

function parseProperty(cursor: Cursor): Segment {
  if (cursor.accept('*')) return { kind: 'anyKey' };
  if (cursor.accept("['")) return parseBracketName(cursor);
  const name = cursor.takeWhile(NAME_CHAR);
  if (name === '') cursor.fail("a property name, '*' or \"['\"");
  return { kind: 'key', name };
}

function parseBracketName(cursor: Cursor): Segment {
  const end = cursor.text.indexOf("'", cursor.pos);
  if (end < 0) cursor.fail('"\'"', cursor.text.length);
  if (end === cursor.pos) cursor.fail('a property name');
  const name = cursor.text.slice(cursor.pos, end);
  cursor.pos = end + 1;
  cursor.expect(']');
  return { kind: 'key', name };
}

/** Prints a selector the way `parseSelector` reads it back. */
export function printSelector(selector: Selector): string {
  return `$${selector.map(printSegment).join('')}`;
}

function printSegment(segment: Segment): string {
  switch (segment.kind) {
    case 'key':
      return PLAIN_NAME.test(segment.name) ? `.${segment.name}` : `.['${segment.name}']`;
    case 'index':
      return `[${segment.index}]`;
    case 'anyKey':
      return '.*';
    case 'anyIndex':
      return '[*]';
  }
}
