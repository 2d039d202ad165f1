import fc from 'fast-check';
import { matches, PatternSyntaxError, parsePattern, printPattern } from '../../src/pattern';
import { tree } from './arbitraries';
import { event, eventFor } from './events';
import { referenceMatches } from './reference';

/** Text that looks like filter patterns, so random inputs reach deep into the parser. */
const patternish = fc
  .array(
    fc.constantFrom(
      ...[
        '{',
        '}',
        '(',
        ')',
        '$',
        '.',
        'a',
        '[0]',
        '[*]',
        '[',
        ']',
        '*',
        '=',
        '!=',
        '<',
        '>=',
        '"',
        "['",
        "'",
        '%',
        '\\',
      ],
      ...[
        '&&',
        '||',
        ' ',
        'IS',
        'NOT',
        'EXISTS',
        'TRUE',
        'NULL',
        '1',
        '-2.5e3',
        '+',
        'x',
        '^',
        '{2}',
        '|',
        'é',
        '\n',
      ],
    ),
    { maxLength: 40 },
  )
  .map((tokens) => tokens.join(''));

/** Parses, returning the tree or the `PatternSyntaxError`; any other exception escapes and fails the property. */
function attempt(text: string): unknown {
  try {
    return parsePattern(text);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(text.length);
    expect(error.expected).not.toBe('');
    return error;
  }
}

describe('properties', () => {
  it.each([
    ['any string', fc.string({ maxLength: 60 })],
    ['any unicode text', fc.string({ unit: 'binary', maxLength: 60 })],
    ['pattern-like text', patternish],
    ['pattern-like text in braces', patternish.map((t) => `{ $.a = ${t} }`)],
  ])('the parser returns a tree or throws PatternSyntaxError on %s', (_name, text) => {
    fc.assert(
      fc.property(text, (input) => {
        const result = attempt(input);
        if (result instanceof PatternSyntaxError) return;
        expect(parsePattern(printPattern(parsePattern(input)))).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('print then parse gives back the same tree', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(parsePattern(printPattern(node))).toEqual(node);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches agrees with a brute-force reference evaluation on events shaped for the tree', () => {
    const cases = tree.chain((node) =>
      fc.tuple(fc.constant(node), fc.array(eventFor(node), { minLength: 1, maxLength: 6 })),
    );
    fc.assert(
      fc.property(cases, ([node, events]) => {
        for (const e of events) expect(matches(node, e)).toBe(referenceMatches(node, e));
      }),
      { numRuns: 1500 },
    );
  });

  it('matches agrees with the reference on the printed text and arbitrary JSON events', () => {
    fc.assert(
      fc.property(tree, event, (node, e) => {
        const parsed = JSON.parse(JSON.stringify(e) ?? 'null');
        expect(matches(parsePattern(printPattern(node)), parsed)).toBe(referenceMatches(node, parsed));
      }),
      { numRuns: 1000 },
    );
  });
});
