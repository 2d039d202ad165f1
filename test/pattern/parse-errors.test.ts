import { PatternSyntaxError, parsePattern } from '../../src/pattern';

describe('parsePattern on malformed input', () => {
  // [input, position, expected]
  it.each([
    ['', 0, "'{' (only JSON filter patterns are supported)"],
    ['ERROR -Exiting', 0, "'{' (only JSON filter patterns are supported)"],
    ['{}', 1, "a selector or '('"],
    ['{ $.a = 1', 9, "'&&', '||' or '}'"],
    ['{ ($.a = 1 }', 11, "'&&', '||' or ')'"],
    ['{ $.a = 1 } x', 12, 'end of pattern'],
    ['{ $.a = 1 &| $.b = 2 }', 10, "'&&', '||' or '}'"],
    ['{ $.a = }', 8, 'a value'],
    ['{ $.a == 1 }', 7, 'a value'],
    ['{ $.a > abc }', 8, 'a number'],
    ['{ $.a >= "5" }', 9, 'a number'],
    ['{ $.a < 4* }', 8, 'a number'],
    ['{ $.a = 1e999 }', 8, 'a finite number'],
    ['{ $.a = +x }', 8, "a number, or '\"' around a string with '+'"],
    ['{ $.a = C++ }', 8, "a number, or '\"' around a string with '+'"],
    ['{ $.a = "abc }', 14, "'\"'"],
    ['{ $.a ~ 1 }', 6, "an operator (= != < > <= >=), 'IS' or 'NOT EXISTS'"],
    ['{ $.a EXISTS }', 6, "an operator (= != < > <= >=), 'IS' or 'NOT EXISTS'"],
    ['{ $.a IS NOT NULL }', 9, 'TRUE, FALSE or NULL'],
    ['{ $.a is null }', 6, "an operator (= != < > <= >=), 'IS' or 'NOT EXISTS'"],
    ['{ $ = 1 }', 3, "'.' after '$'"],
    ['{ $[0] = 1 }', 3, "'.' after '$'"],
    ['{ $.a.[0] = 1 }', 6, "a property name, '*' or \"['\""],
    ['{ $.a[x] = 1 }', 6, "an array index or '*'"],
    ["{ $.['a = 1 }", 13, '"\'"'],
    ['{ $.a[*].* = 1 }', 8, 'at most one wildcard in a selector'],
    ['{ $.* = 1 || $.* = 2 || $.* = 3 || $.* = 4 }', 36, 'at most 3 wildcard selectors in a pattern'],
    ['{ a = 1 }', 2, "a selector or '('"],
    ['{ $.a = %% }', 9, 'a regular expression'],
    ['{ $.a = %abc }', 14, "'%'"],
    ['{ $.a = %ab(c)% }', 11, 'a supported regex character'],
    ['{ $.a = %wow!% }', 12, 'a supported regex character'],
    ['{ $.a = %é% }', 9, 'a supported regex character'],
    ['{ $.a = %*a% }', 9, 'a regex term before a quantifier'],
    ['{ $.a = %a+*% }', 11, 'a regex term before a quantifier'],
    ['{ $.a = %^?% }', 10, 'a regex term before a quantifier'],
    ['{ $.a = %a{3,2}% }', 10, 'a quantifier with m <= n'],
    ['{ $.a = %a{x}% }', 10, 'a quantifier {m,n}'],
    ['{ $.a = %[b-a]% }', 10, 'a range in ascending order'],
    ['{ $.a = %[]% }', 10, 'a character class member'],
    ['{ $.a = %[ab% }', 12, "']'"],
    ['{ $.a = %\\q% }', 10, 'a supported escape after \\'],
    ['{ $.a = %a% || $.b = %b% || $.c = %c% }', 34, 'at most 2 regular expressions in a pattern'],
    [`{ $.a = "${'x'.repeat(1020)}" }`, 1024, 'at most 1024 characters'],
  ])('rejects %j at %i, expecting %s', (text, position, expected) => {
    const error = catchError(() => parsePattern(text));
    expect(error).toBeInstanceOf(PatternSyntaxError);
    expect(error).toMatchObject({ position, expected, message: `expected ${expected} at ${position}` });
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
