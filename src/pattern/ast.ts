/**
 * The tree of a CloudWatch Logs JSON filter pattern. Trees from `parsePattern` are normalised:
 * redundant parentheses are gone, `or`/`and` hold at least two terms and never a term of their own kind.
 */

/** One step of a property selector: `.name` or `.['a.b']`, `[0]`, `.*`, `[*]`. */
export type Segment =
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'anyKey' }
  | { readonly kind: 'anyIndex' };

/** A property selector below the root `$`; never empty. */
export type Selector = readonly Segment[];

/** How a string value matches: `*` at the start, the end, both, or alone (any value). */
export type StringMatch = 'exact' | 'startsWith' | 'endsWith' | 'contains' | 'any';

/** A bare or double-quoted string; `text` has its wildcards stripped (`''` when `match` is `any`). */
export interface StringValue {
  readonly kind: 'string';
  readonly text: string;
  readonly match: StringMatch;
}

/** A finite number literal. */
export interface NumberValue {
  readonly kind: 'number';
  readonly value: number;
}

/** A `%regex%` value; `source` is the text between the percent signs. */
export interface RegexValue {
  readonly kind: 'regex';
  readonly source: string;
}

export type PatternValue = StringValue | NumberValue | RegexValue;

export type EqualityOperator = '=' | '!=';
export type RelationalOperator = '<' | '>' | '<=' | '>=';

/** `selector = value` or `selector != value`, for strings, numbers and regexes. */
export interface EqualityComparison {
  readonly kind: 'comparison';
  readonly selector: Selector;
  readonly op: EqualityOperator;
  readonly value: PatternValue;
}

/** `selector < number` and the other ordering operators, numbers only. */
export interface RelationalComparison {
  readonly kind: 'comparison';
  readonly selector: Selector;
  readonly op: RelationalOperator;
  readonly value: NumberValue;
}

export type Comparison = EqualityComparison | RelationalComparison;

export type PatternNode =
  | { readonly kind: 'or'; readonly terms: readonly PatternNode[] }
  | { readonly kind: 'and'; readonly terms: readonly PatternNode[] }
  | Comparison
  | { readonly kind: 'is'; readonly selector: Selector; readonly value: 'TRUE' | 'FALSE' | 'NULL' }
  | { readonly kind: 'notExists'; readonly selector: Selector };

/** Number literals as the docs define them: optional sign, integer or decimal, optional exponent. */
export const NUMBER_LITERAL = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;
