import { PatternSyntaxError } from './errors';

const BLANK = /[ \t\r\n\f\v]/;

/** A read position in a pattern's text, with the few moves a recursive-descent parser needs. */
export class Cursor {
  pos = 0;

  constructor(readonly text: string) {}

  /** The character `offset` places ahead, or '' past the end. */
  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  /** Whether the text is used up. */
  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Whether the text continues with `token`. */
  sees(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  /** Consumes `token` when the text continues with it. */
  accept(token: string): boolean {
    if (!this.sees(token)) return false;
    this.pos += token.length;
    return true;
  }

  /** Consumes `token` or fails with `expected`. */
  expect(token: string, expected = `'${token}'`): void {
    if (!this.accept(token)) this.fail(expected);
  }

  /** Skips blanks; tells whether there were any. */
  skipSpace(): boolean {
    const start = this.pos;
    while (BLANK.test(this.peek())) this.pos++;
    return this.pos > start;
  }

  /** Consumes the longest run of characters that each pass `allowed`, and returns it. */
  takeWhile(allowed: RegExp): string {
    const start = this.pos;
    while (!this.atEnd() && allowed.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Throws the syntax error for this position (or `at`). */
  fail(expected: string, at = this.pos): never {
    throw new PatternSyntaxError(at, expected);
  }
}
