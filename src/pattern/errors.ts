/** A filter pattern that breaks the documented grammar: where it went wrong and what was expected there. */
export class PatternSyntaxError extends Error {
  readonly position: number;
  readonly expected: string;

  constructor(position: number, expected: string) {
    super(`expected ${expected} at ${position}`);
    this.name = 'PatternSyntaxError';
    this.position = position;
    this.expected = expected;
  }
}
