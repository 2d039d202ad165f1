import { type PatternNode, parsePattern, printPattern } from '../../src/pattern';

const eq = (name: string, text: string): PatternNode => ({
  kind: 'comparison',
  selector: [{ kind: 'key', name }],
  op: '=',
  value: { kind: 'string', text, match: 'exact' },
});

/** Every JSON example in the CloudWatch Logs filter-pattern docs, old and current pages. */
const DOC_EXAMPLES = [
  '{ $.eventType = "UpdateTrail" }',
  '{ $.sourceIPAddress != 123.123.* }',
  '{ $.arrayKey[0] = "value" }',
  '{ $.objectList[1].id = 2 }',
  '{ $.SomeObject IS NULL }',
  '{ $.SomeOtherObject NOT EXISTS }',
  '{ $.ThisFlag IS TRUE }',
  '{ $.eventType = %Trail% }',
  '{ $.arrayKey[*] = %val.{2}% }',
  '{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }',
  '{ $.[\'cluster.name\'] = "c" }',
  '{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }',
  '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }',
  '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
  '{ $.latency >= 500 }',
  '{ $.numbers[0] < 10e3 }',
  '{ $.numbers[0] < 10e-3 }',
  '{ $.processes[4].averageRuntime <= 55.5 }',
  '{ $.errorCode != 500 }',
  '{ $.latency > +1000 }',
  '{ $.number[0] = 1e+3 }',
  '{ $.latency = * }',
  '{$.foo = bar || $.foo = baz }',
];

describe('parsePattern', () => {
  it.each(DOC_EXAMPLES)('parses the documented %s and prints it back to the same tree', (text) => {
    const tree = parsePattern(text);
    expect(parsePattern(printPattern(tree))).toEqual(tree);
  });

  it.each([
    ['&& binds tighter than ||', '{ $.a = x || $.b = y && $.c = z }', '{ $.a = x || $.b = y && $.c = z }'],
    ['parentheses override it', '{ ($.a = x || $.b = y) && $.c = z }', '{ ($.a = x || $.b = y) && $.c = z }'],
    [
      'redundant parentheses vanish',
      '{ ((($.a = x)) || (($.b = y) || $.c = z)) }',
      '{ $.a = x || $.b = y || $.c = z }',
    ],
    ['no blanks around operators', '{$.a=x&&$.b!=y||$.c>=1}', '{ $.a = x && $.b != y || $.c >= 1 }'],
    ['$.eventName =X', '{ $.eventName =X }', '{ $.eventName = X }'],
    ['quotes dropped when not needed', '{ $.a = "abc_1" }', '{ $.a = abc_1 }'],
    ['quotes kept for number-like text', '{ $.a = "123" }', '{ $.a = "123" }'],
    ['quotes kept for other characters', '{ $.a = "x@y.com" }', '{ $.a = "x@y.com" }'],
    [
      'escapes inside quotes',
      '{ $.a = "say \\"hi\\" \\\\ c:\\temp" }',
      '{ $.a = "say \\"hi\\" \\\\ c:\\\\temp" }',
    ],
    ['wildcards inside quotes', '{ $.a = "*x y*" }', '{ $.a = "*x y*" }'],
    ['a star in the middle is literal', '{ $.a = Ev*ent }', '{ $.a = "Ev*ent" }'],
    ['runs of stars are one wildcard', '{ $.a = **x** && $.b = ** }', '{ $.a = *x* && $.b = * }'],
    [
      'number forms',
      '{ $.a = +1000 && $.b < 10e-3 && $.c != -0 }',
      '{ $.a = 1000 && $.b < 0.01 && $.c != 0 }',
    ],
    ['bracket names print plainly when they can', "{ $.['a'].['b.c'] = x }", "{ $.a.['b.c'] = x }"],
    ['keywords', '{ $.a IS FALSE || $.b  NOT   EXISTS }', '{ $.a IS FALSE || $.b NOT EXISTS }'],
    ['blanks around the braces', ' \n{ $.a = x }\t ', '{ $.a = x }'],
  ])('%s', (_name, text, printed) => {
    expect(printPattern(parsePattern(text))).toBe(printed);
  });

  it('builds a flat, normalised tree', () => {
    expect(parsePattern('{ ($.a = x || $.b = y) || ($.c = z) }')).toEqual({
      kind: 'or',
      terms: [eq('a', 'x'), eq('b', 'y'), eq('c', 'z')],
    });
    expect(parsePattern('{ $.a = x && ($.b = y && $.c = z) }')).toEqual({
      kind: 'and',
      terms: [eq('a', 'x'), eq('b', 'y'), eq('c', 'z')],
    });
  });

  it('reads selectors, wildcards and value kinds', () => {
    expect(parsePattern('{ $.a[2].*.b = *x }')).toEqual({
      kind: 'comparison',
      selector: [
        { kind: 'key', name: 'a' },
        { kind: 'index', index: 2 },
        { kind: 'anyKey' },
        { kind: 'key', name: 'b' },
      ],
      op: '=',
      value: { kind: 'string', text: 'x', match: 'endsWith' },
    });
    expect(parsePattern('{ $.a[*] != %^a|b$% }')).toMatchObject({
      selector: [{ kind: 'key', name: 'a' }, { kind: 'anyIndex' }],
      value: { kind: 'regex', source: '^a|b$' },
    });
  });

  it.each([
    '%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%',
    '%[Ee]rror|[Ff]ail%',
    '%^[hc]at%',
    '%colou?r%',
    '%[abcx-z]%',
    '%a{3,5}%',
    '%a{,5}%',
    '%a{3,}%',
    '%^starting|^initializing|^shutting down%',
    '%\\[.\\]%',
    '%ab[0-9]*%',
    '%\\x3A%',
    '%\\s\\S\\w\\W\\D%',
    '%[^a-z_\\d]%',
    '%a:b_c#d=e@f/g;h,i-j%',
  ])('accepts the documented regex %s', (regex) => {
    expect(parsePattern(`{ $.a = ${regex} }`)).toMatchObject({
      value: { kind: 'regex', source: regex.slice(1, -1) },
    });
  });
});
