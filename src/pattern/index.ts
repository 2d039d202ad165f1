/** CloudWatch Logs JSON filter patterns: parse, print, evaluate, and judge against a pattern profile. */
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
export { judgePattern, type PatternVerdict } from './judge';
export { parsePattern } from './parse';
export { printPattern } from './print';
