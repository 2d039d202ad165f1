import { comparePatterns, judgePattern, type PatternComparison, parsePattern } from '../../src/pattern';
import { labelOf } from '../../src/pattern/describe';
import { cis, SIX_TERMS } from './judge-table';

/** Texts of the family, as the research quotes them (CIS 4.1 v2.0+, 4.3, 4.4, 4.7, 4.15). */
const UNAUTHORIZED =
  '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
const ROOT =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
const KMS =
  '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }';
const ORG_NAMES = ['AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreatePolicy', 'DeletePolicy'];
const orgs = (source: boolean) =>
  `{ ${source ? '$.eventSource = organizations.amazonaws.com && ' : ''}(${ORG_NAMES.map((n) => `$.eventName = "${n}"`).join(' || ')}) }`;
const IAM_NAMES = ['PutRolePolicy', 'CreatePolicy', 'AttachRolePolicy'];
const iam = (source: boolean) =>
  `{ ${source ? '$.eventSource = iam.amazonaws.com && ' : ''}(${IAM_NAMES.map((n) => `$.eventName = ${n}`).join(' || ')}) }`;

function compare(candidate: string, reference: string): PatternComparison {
  return comparePatterns(parsePattern(candidate), parsePattern(reference));
}

/** The report labels of a comparison's counterexamples, with who matches. */
function labels(comparison: PatternComparison): string[] {
  if (comparison.verdict !== 'different') return [comparison.verdict];
  return comparison.counterexamples.map((c) => `${c.candidateMatches ? 'also' : 'not'}: ${labelOf(c)}`);
}

describe('comparePatterns on the patterns of the CIS monitoring family', () => {
  it.each<[string, string, string, string[]]>([
    [
      '4.1: && binds tighter than ||, written out with parentheses',
      UNAUTHORIZED.replace(
        '|| ($.errorCode ="AccessDenied*") &&',
        '|| (($.errorCode ="AccessDenied*") &&',
      ).replace('!="HeadBucket") }', '!="HeadBucket")) }'),
      UNAUTHORIZED,
      ['equivalent'],
    ],
    [
      '4.1: the other grouping also applies both exclusions to the UnauthorizedOperation term',
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
      UNAUTHORIZED,
      [
        // The candidate never matches HeadBucket; the reference does when errorCode ends in UnauthorizedOperation.
        'not: HeadBucket',
        'not: BatchHeadBucket when errorCode is UnauthorizedOperation and sourceIPAddress is delivery.logs.amazonaws.com',
      ],
    ],
    [
      '4.3: terms reordered, quotes dropped',
      '{ $.eventType != AwsServiceEvent && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = Root }',
      ROOT,
      ['equivalent'],
    ],
    [
      '4.3: the invokedBy clause dropped',
      '{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }',
      ROOT,
      [
        'also: a record where eventType is other and userIdentity.invokedBy is other and userIdentity.type is Root',
      ],
    ],
    [
      '4.7: DisableKey and ScheduleKeyDeletion only ever come from KMS',
      '{ $.eventName = DisableKey || $.eventName = ScheduleKeyDeletion }',
      KMS,
      ['equivalent'],
    ],
    [
      '4.15 without its eventSource: Organizations shares names with IAM and IoT',
      orgs(false),
      orgs(true),
      expect.arrayContaining(['also: CreatePolicy when eventSource is iam.amazonaws.com']),
    ],
    [
      '4.4 restricted to IAM: Organizations and IoT also write CreatePolicy',
      iam(true),
      iam(false),
      ['not: CreatePolicy when eventSource is organizations.amazonaws.com'],
    ],
  ])('%s', (_label, candidate, reference, expected) => {
    expect(labels(compare(candidate, reference))).toEqual(expected);
  });

  it('counterexample records are what CloudTrail writes: eventName and eventSource present', () => {
    const comparison = compare(iam(true), iam(false));
    if (comparison.verdict !== 'different') throw new Error('expected different');
    expect(comparison.counterexamples[0]?.record).toEqual({
      eventName: 'CreatePolicy',
      eventSource: 'organizations.amazonaws.com',
    });
  });
});

describe('the judge fails closed on what it does not model', () => {
  it.each([
    [
      'a wildcard selector',
      `{ (${SIX_TERMS}) && $.userIdentity.* != "x" }`,
      'wildcard selector $.userIdentity.* is not modelled',
    ],
    [
      'a field compared as a number and with a wildcard',
      `{ (${SIX_TERMS}) && ($.x > 5 || $.x = "1*") }`,
      'x is compared both as a number and with a wildcard or regex',
    ],
    [
      'a search too large to finish',
      `{ ${SIX_TERMS} || ($.eventName = Other && ${Array.from({ length: 16 }, (_, i) => `($.f${String(i).padStart(2, '0')} = a || $.f${String(i).padStart(2, '0')} = b)`).join(' && ')} && $.z = a && $.z = b) }`,
      'more than 20000 partial records to examine',
    ],
  ])('%s → not satisfied, "cannot decide"', (_label, text, why) => {
    expect(judgePattern(text, cis)).toEqual({
      satisfied: false,
      missed: [],
      foreign: [],
      reasons: [`cannot decide whether the pattern matches exactly the events of profile cis: ${why}`],
    });
  });

  it('a wildcard selector in a pattern identical to the reference is still equivalent (same normal form)', () => {
    const text = '{ $.a.* = x || $.b[*] = y }';
    expect(compare('{ $.b[*] = y || $.a.* = x }', text)).toEqual({
      verdict: 'equivalent',
      how: 'same normal form',
    });
  });
});
