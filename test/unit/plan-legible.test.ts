import { CATALOG, controlByKey } from '../../src/catalog';
import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { parsePattern, printPattern } from '../../src/pattern';
import { legibilityDrift } from '../../src/plan/legible';
import { filterWith, planDrift, summary } from './support/plan-rows';

const LEAD =
  'pattern is not written as the canonical text (checkers such as Prowler and Security Hub compare the text)';
const drift = (...differences: string[]) => [`${LEAD}: ${differences.join('; ')}`];

const SG = SECURITY_GROUP_CHANGES.profiles.cis.canonical;
const SIX = SECURITY_GROUP_CHANGES.profiles.cis.eventNames;
const anyOf = (names: readonly string[], term = (n: string) => `$.eventName = ${n}`) =>
  `{ ${names.map(term).join(' || ')} }`;
/** 4.1 since CIS v2.0: `A || B && C && D`, `&&` binding tighter. */
const UNAUTHORIZED = controlByKey('unauthorized-api-calls').profiles.cis.canonical;
/** 4.3: `=`, `NOT EXISTS` and `!=` joined by `&&`. */
const ROOT = controlByKey('root-usage').profiles.cis.canonical;
const KMS = controlByKey('cmk-disable-or-deletion').profiles.cis.canonical;
const ROUTES = controlByKey('route-table-changes').profiles;

describe('legibilityDrift: the canonical text up to whitespace, term order, quotes and redundant parentheses', () => {
  it.each<[string, string, string]>([
    ['4.10 itself', SG, SG],
    ['4.10 without blanks', anyOf(SIX, (n) => `($.eventName=${n})`).replace(/ /g, ''), SG],
    ['4.10 reversed, quoted, unparenthesised', anyOf([...SIX].reverse(), (n) => `$.eventName = "${n}"`), SG],
    ['4.10 line breaks and nested parentheses', `{\n\t((${anyOf(SIX).slice(2, -2)}))\n}`, SG],
    [
      '4.10 grouped in two halves',
      `{ (${anyOf(SIX.slice(0, 3)).slice(2, -2)}) || (${anyOf(SIX.slice(3)).slice(2, -2)}) }`,
      SG,
    ],
    [
      '4.1 without parentheses, spaced, && operands reordered, the conjunction last',
      '{ $.eventName != "HeadBucket" && $.sourceIPAddress != delivery.logs.amazonaws.com && $.errorCode = AccessDenied* || $.errorCode = "*UnauthorizedOperation" }',
      UNAUTHORIZED,
    ],
    [
      '4.1 with the binding of && written out',
      '{ ($.errorCode="*UnauthorizedOperation") || (($.errorCode="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")) }',
      UNAUTHORIZED,
    ],
    [
      '4.3 reordered, unquoted, blanks inside NOT EXISTS',
      '{($.eventType!=AwsServiceEvent)&&($.userIdentity.invokedBy   NOT\tEXISTS)&&($.userIdentity.type=Root)}',
      ROOT,
    ],
    [
      '4.7 disjunction first',
      '{ ($.eventName = ScheduleKeyDeletion || $.eventName = DisableKey) && $.eventSource = "kms.amazonaws.com" }',
      KMS,
    ],
  ])('%s → legible', (_label, actual, canonical) => {
    expect(legibilityDrift(actual, canonical)).toEqual([]);
  });

  it.each<[string, string, string, string[]]>([
    [
      '4.10 as one regex alternation',
      `{ $.eventName = %^${SIX.join('$|^')}$% }`,
      SG,
      drift(
        'regular expression $.eventName = %^AuthorizeSecurityGroupIngress$|^AuthorizeSe… in place of 6 plain terms on $.eventName',
      ),
    ],
    [
      '4.10 with bracket selectors',
      anyOf(SIX, (n) => `$.['eventName'] = ${n}`),
      SG,
      drift("selector $.['eventName'] where the canonical text writes $.eventName"),
    ],
    [
      '4.10 with one name as an anchored regex',
      anyOf(SIX, (n) => (n === 'DeleteSecurityGroup' ? `$.eventName = %^${n}$%` : `$.eventName = ${n}`)),
      SG,
      drift(
        'regular expression $.eventName = %^DeleteSecurityGroup$% in place of a plain term on $.eventName',
      ),
    ],
    [
      '4.10 with a wildcard for two names',
      anyOf(['AuthorizeSecurityGroup*', ...SIX.slice(2)]),
      SG,
      drift('wildcard $.eventName = AuthorizeSecurityGroup* in place of 2 plain terms on $.eventName'),
    ],
    [
      '4.10 with a term twice',
      anyOf([...SIX, 'CreateSecurityGroup']),
      SG,
      drift('term $.eventName = CreateSecurityGroup is written more than once'),
    ],
    [
      '4.10 restricted to its event source',
      `{ $.eventSource = ec2.amazonaws.com && (${anyOf(SIX).slice(2, -2)}) }`,
      SG,
      drift('term $.eventSource = ec2.amazonaws.com is not in the canonical text'),
    ],
    [
      '4.13 remediation text under the cis-v5 profile (whose text adds eventSource)',
      ROUTES.cis.canonical,
      ROUTES['cis-v5'].canonical,
      drift('term $.eventSource = ec2.amazonaws.com of the canonical text is missing'),
    ],
    [
      '4.1 regrouped: the same terms under another && / || structure',
      '{ (($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*")) && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
      UNAUTHORIZED,
      drift('its && and || group the terms differently'),
    ],
    [
      '4.3 with another operator',
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType = "AwsServiceEvent" }',
      ROOT,
      drift('operator = in $.eventType = "AwsServiceEvent" where the canonical text writes !='),
    ],
    [
      '4.3 with a bracket selector and a regex',
      "{ $.userIdentity.['type'] = %^Root$% && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent }",
      ROOT,
      drift(
        "regular expression $.userIdentity.['type'] = %^Root$% in place of a plain term on $.userIdentity.type",
      ),
    ],
    [
      '4.3 with IS NULL in place of NOT EXISTS',
      '{ $.userIdentity.type = Root && $.userIdentity.invokedBy IS NULL && $.eventType != AwsServiceEvent }',
      ROOT,
      drift(
        'term $.userIdentity.invokedBy IS NULL is not in the canonical text',
        'term $.userIdentity.invokedBy NOT EXISTS of the canonical text is missing',
      ),
    ],
    [
      'a quoted number is a string, not the number',
      '{ $.count = "1" }',
      '{ $.count = 1 }',
      drift(
        'term $.count = "1" is not in the canonical text',
        'term $.count = 1 of the canonical text is missing',
      ),
    ],
    [
      'another spelling of the same number',
      '{ $.count = 1.0 }',
      '{ $.count = 1 }',
      drift('$.count = 1.0 where the canonical text writes $.count = 1'),
    ],
    [
      'more than four differences: the first four and a count',
      anyOf(SIX.slice(0, 5), (n) => `$.['eventName'] = "${n}"`).replace(
        ' }',
        ' || $.a = 1 || $.b = 2 || $.c = 3 }',
      ),
      SG,
      drift(
        "selector $.['eventName'] where the canonical text writes $.eventName",
        'term $.a = 1 is not in the canonical text',
        'term $.b = 2 is not in the canonical text',
        'term $.c = 3 is not in the canonical text',
        '1 more difference',
      ),
    ],
  ])('%s → drift naming what differs', (_label, actual, canonical, reasons) => {
    expect(legibilityDrift(actual, canonical)).toEqual(reasons);
  });

  it('text that does not parse is drift, and says so', () => {
    expect(legibilityDrift('{ $.eventName = ', SG)).toEqual(
      drift('it does not parse (expected a value at 16)'),
    );
  });

  const texts = CATALOG.flatMap((control) =>
    Object.entries(control.profiles).map(
      ([profile, entry]) => [control.key, profile, entry.canonical] as const,
    ),
  );

  it.each(texts)(
    '%s, profile %s: its canonical text, and that text as the printer writes it, are legible',
    (_k, _p, text) => {
      expect(legibilityDrift(text, text)).toEqual([]);
      expect(legibilityDrift(printPattern(parsePattern(text)), text)).toEqual([]);
    },
  );

  it.each(texts)('%s, profile %s: a bracket selector in its first term is drift', (_k, _p, text) => {
    const [selector = '', name = '', below = ''] = /\$\.(\w+)((?:\.\w+)*)/.exec(text) ?? [];
    const bracketed = text.replace(selector, () => `$.['${name}']${below}`);
    expect(legibilityDrift(bracketed, text)).toEqual(
      drift(`selector $.['${name}']${below} where the canonical text writes ${selector}`),
    );
  });
});

describe('plan: our own filter must be legible, others are judged by meaning only', () => {
  it('an equivalent bracket-selector text on our filter → update to the canonical text, naming why', () => {
    const p = planDrift(filterWith({ pattern: anyOf(SIX, (n) => `$.['eventName'] = ${n}`) }));
    expect(summary(p)).toEqual({
      changes: [['metric-filter', 'update']],
      reasons: drift("selector $.['eventName'] where the canonical text writes $.eventName"),
      findings: [],
    });
    expect(p.changes[0]?.after).toMatchObject({ filterPattern: SG });
  });

  it('a text that differs in meaning gets the judge’s reasons only', () => {
    const p = planDrift(filterWith({ pattern: `{ $.eventName = %^${SIX.slice(0, 5).join('$|^')}$% }` }));
    expect(summary(p).reasons).toEqual(['pattern does not match DeleteSecurityGroup']);
  });

  it('securityhub keeps requiring its documented text byte for byte', () => {
    const reversed = anyOf([...SIX].reverse(), (n) => `($.eventName=${n})`);
    const p = planDrift(filterWith({ pattern: reversed }), { PATTERN_PROFILE: 'securityhub' });
    expect(summary(p).reasons).toEqual([
      'pattern is equivalent, but profile securityhub requires its documented text',
    ]);
  });
});
