/** CloudWatch Logs JSON filter patterns: parse, print, evaluate, compare exactly, and judge against a pattern profile. */
export type {
  Comparison,
  EqualityComparison,
  NumberValue,
  PatternNode,
  PatternValue,
  RegexValue,
  RelationalComparison,
  Segment,
  Selector,
  StringMatch,
  StringValue,
} from './ast';
export { PatternSyntaxError } from './errors';
export { matches } from './evaluate';
export { eventSourcesOf } from './event-sources';
export {
  type Counterexample,
  compareExhaustively,
  comparePatterns,
  type DecidingField,
  type PatternComparison,
} from './exact';
export { judgePattern, type PatternVerdict } from './judge';
export { parsePattern } from './parse';
export { printPattern } from './print';
