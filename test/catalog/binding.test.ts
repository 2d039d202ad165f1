import { CATALOG, CATALOG_PROFILE_IDS, controlByKey, mixesAndOr } from '../../src/catalog';
import { matches, parsePattern } from '../../src/pattern';

const texts = CATALOG.flatMap((control) =>
  CATALOG_PROFILE_IDS.flatMap((profile) =>
    control.profiles[profile].texts.map(
      (text) => [`${control.key} ${profile}: ${text.source}`, text] as const,
    ),
  ),
);

/** The text of a control's profile whose source starts with `source`. */
function textOf(
  key: Parameters<typeof controlByKey>[0],
  profile: (typeof CATALOG_PROFILE_IDS)[number],
  source: string,
) {
  const found = controlByKey(key).profiles[profile].texts.find((text) => text.source.startsWith(source));
  if (found === undefined) throw new Error(`no ${key} ${profile} text from ${source}`);
  return parsePattern(found.text);
}

describe('mixesAndOr', () => {
  it.each([
    ['{ $.a = 1 || $.b = 2 && $.c = 3 }', true],
    ['{ ($.a = 1) || ($.b = 2) && ($.c = 3) }', true],
    ['{ $.a = 1 && ($.b = 2 || $.c = 3) }', false],
    ['{ (($.a = 1) || ($.b = 2)) && ($.c = 3) }', false],
    ['{ $.a = 1 || $.b = 2 || $.c = 3 }', false],
    ['{ $.a = 1 && $.b = 2 }', false],
    ['{ $.a = "x && y" || $.b = 2 }', false],
    ['{ $.a = %x|y||z% && $.b = 2 }', false],
    ['{ ($.a = 1 && $.b = 2) || $.c = 3 }', false],
    ['{ ($.a = 1 && $.b = 2 || $.c = 3) }', true],
  ])('%s → %s', (text, mixed) => {
    expect(mixesAndOr(text)).toBe(mixed);
  });
});

describe('patterns that join && and || without parentheses', () => {
  it.each(texts)('%s is marked with the binding assumed exactly when it mixes them', (_, text) => {
    expect(text.binding !== undefined).toBe(mixesAndOr(text.text));
    if (text.binding !== undefined) expect(text.binding).toContain('() > && > ||');
  });

  it('are found in 4.1 since v2.0 and the 4.13 audit text since v3.0, and nowhere else', () => {
    const mixed = CATALOG.filter((control) =>
      CATALOG_PROFILE_IDS.some((profile) =>
        control.profiles[profile].texts.some((text) => mixesAndOr(text.text)),
      ),
    ).map((control) => control.key);
    expect(mixed).toEqual(['unauthorized-api-calls', 'route-table-changes']);
  });

  it('4.1 (v2.0+) parses as A || (B && C && D): the exclusions guard AccessDenied* only', () => {
    const tree = textOf('unauthorized-api-calls', 'cis', 'CIS v2.0.0');
    expect(tree.kind).toBe('or');
    expect(tree.kind === 'or' && tree.terms.map((term) => term.kind)).toEqual(['comparison', 'and']);
    const unauthorized = {
      errorCode: 'Client.UnauthorizedOperation',
      sourceIPAddress: 'delivery.logs.amazonaws.com',
    };
    const deniedHeadBucket = {
      errorCode: 'AccessDenied',
      eventName: 'HeadBucket',
      sourceIPAddress: '203.0.113.9',
    };
    expect(matches(tree, unauthorized)).toBe(true);
    expect(matches(tree, deniedHeadBucket)).toBe(false);
    expect(matches(textOf('unauthorized-api-calls', 'cis', 'reported as CIS v1.4.0'), unauthorized)).toBe(
      false,
    );
  });

  it("4.1's v1.2, v1.3–v1.5 and v2.0+ texts are three different patterns", () => {
    const v12 = textOf('unauthorized-api-calls', 'cis-v1.2', 'CIS v1.2.0');
    const allOr = textOf('unauthorized-api-calls', 'cis', 'CIS v1.3.0');
    const v20 = textOf('unauthorized-api-calls', 'cis', 'CIS v2.0.0');
    const ordinaryCall = { eventName: 'DescribeInstances', sourceIPAddress: '203.0.113.9' };
    const deniedHeadBucket = {
      errorCode: 'AccessDenied',
      eventName: 'HeadBucket',
      sourceIPAddress: '203.0.113.9',
    };
    expect([v12, allOr, v20].map((tree) => matches(tree, ordinaryCall))).toEqual([false, true, false]);
    expect([v12, allOr, v20].map((tree) => matches(tree, deniedHeadBucket))).toEqual([true, true, false]);
  });

  it('4.13 audit guards CreateRoute only: it parts from the remediation text only on another service’s CreateRoute', () => {
    const audit = textOf('route-table-changes', 'cis-v5', 'CIS v5.0.0');
    const remediation = textOf('route-table-changes', 'cis-v5', 'CIS v1.2.0–v7.0 remediation');
    const record = (eventSource: string, eventName: string) => ({ eventSource, eventName });
    const both = (event: object) => [matches(audit, event), matches(remediation, event)];
    expect(both(record('ec2.amazonaws.com', 'CreateRoute'))).toEqual([true, true]);
    expect(both(record('ec2.amazonaws.com', 'DeleteRoute'))).toEqual([true, true]);
    expect(both(record('apigateway.amazonaws.com', 'DeleteRoute'))).toEqual([true, true]);
    expect(both(record('apigateway.amazonaws.com', 'CreateRoute'))).toEqual([false, true]);
  });
});
