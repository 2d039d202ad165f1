import fc from 'fast-check';
import { matches, parsePattern } from '../../src/pattern';

/** Whether `{ $.v = %regex% }` matches an event whose `v` is `text`. */
function search(regex: string, text: string): boolean {
  return matches(parsePattern(`{ $.v = %${regex}% }`), { v: text });
}

describe('regex values', () => {
  // The operator examples of the docs' "Supported regular expressions (regex) syntax".
  it.each([
    ['AUTHORIZED', '[ERROR 401] UNAUTHORIZED REQUEST', true],
    ['^[hc]at', 'hat trick', true],
    ['^[hc]at', 'that', false],
    ['[hc]at$', 'the cat', true],
    ['[hc]at$', 'cats', false],
    ['colou?r', 'color', true],
    ['colou?r', 'colour', true],
    ['[abcx-z]', 'y', true],
    ['[abcx-z]', 'w', false],
    ['a{3,5}', 'aaa', true],
    ['a{3,5}', 'aa', false],
    ['^a{3,5}$', 'aaaaaa', false],
    ['^a{,2}b', 'aab', true],
    ['^a{,2}b', 'aaab', false],
    ['^a{2,}$', 'aaaaa', true],
    ['gra|ey', 'gray', true],
    ['gra|ey', 'grey', true],
    ['^starting|^initializing|^shutting down', 'shutting down now', true],
    ['^starting|^initializing|^shutting down', 'skipping initializing', false],
    ['abcc|ab[^c]$', 'aba', true],
    ['abcc|ab[^c]$', 'aac', false],
    ['\\[.\\]', '[@]', true],
    ['\\[.\\]', '[ab]', false],
    ['10\\.10\\.0\\.1', '10010,051', false],
    ['10.10.0.1', '10010,051', true],
    ['ab*c', 'ac', true],
    ['ab[0-9]*', 'ab129', true],
    ['ab+c', 'ac', false],
    ['.at', ' at', true],
    ['\\d', 'x7', true],
    ['^\\D+$', 'x7', false],
    ['\\s', 'a\tb', true],
    ['^\\S+$', 'a b', false],
    ['^\\w+$', 'a_Z9', true],
    ['\\W', 'a_Z9', false],
    ['\\x3A', 'a:b', true],
    ['[\\x41-\\x43]', 'B', true],
    ['[\\d_]', '_', true],
    ['^[^\\d]', '7a', false],
    ['Trail', 'UpdateTrail', true],
    ['trail', 'UpdateTrail', false],
  ])('%%%s%% on %j → %s', (regex, text, expected) => {
    expect(search(regex, text)).toBe(expected);
  });

  it('searches number fields as text', () => {
    expect(matches(parsePattern('{ $.code = %^4\\d\\d$% }'), { code: 403 })).toBe(true);
  });

  it('never backtracks: nested-looking repetition runs in linear time', () => {
    const started = performance.now();
    expect(search('a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(1000))).toBe(false);
    expect(search('^[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*$', `${'x'.repeat(1000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('agrees with JavaScript RegExp on the syntax both read the same way', () => {
    const atom = fc.constantFrom('a', 'b', '1', '.', '[ab]', '[^a]', '[0-9]', '\\d', '\\w', '\\.', ':', ' ');
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,2}', '{2,}');
    const term = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
    const branch = fc
      .tuple(fc.boolean(), fc.array(term, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([start, terms, end]) => `${start ? '^' : ''}${terms.join('')}${end ? '$' : ''}`);
    const regex = fc.array(branch, { minLength: 1, maxLength: 3 }).map((branches) => branches.join('|'));
    const subject = fc.string({
      unit: fc.constantFrom('a', 'b', '1', '2', '.', ':', ' ', 'x'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(regex, fc.array(subject, { maxLength: 6 }), (source, texts) => {
        for (const text of texts) expect(search(source, text)).toBe(new RegExp(source).test(text));
      }),
      { numRuns: 1500 },
    );
  });
});
