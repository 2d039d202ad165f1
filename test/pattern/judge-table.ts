/** The patterns the judge is tested on, per profile. */
import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';

export const { cis, securityhub } = SECURITY_GROUP_CHANGES.profiles;
export const v5 = SECURITY_GROUP_CHANGES.profiles['cis-v5'];
export const SIX = cis.eventNames;
const SEVEN = v5.eventNames;
export const [AUTH_IN, AUTH_OUT, REVOKE_IN, REVOKE_OUT, CREATE, DELETE] = SIX;

/** `$.eventName = X` terms in one spelling, joined with `||` inside braces. */
export function anyOf(
  names: readonly (string | undefined)[],
  term = (n: string) => `$.eventName = ${n}`,
): string {
  return `{ ${names.map((name) => term(name ?? '')).join(' || ')} }`;
}

export const SEED =
  '{($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName =AuthorizeSecurityGroupEgress) || ' +
  '($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ' +
  '($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }';
export const SIX_TERMS = anyOf(SIX).slice(2, -2);

/** [description, pattern, satisfies cis, satisfies cis-v5, satisfies securityhub]: equivalent forms first, then broken ones. */
export const TABLE: readonly (readonly [string, string, boolean, boolean, boolean])[] = [
  ['cis canonical', cis.canonical, true, false, true],
  ['securityhub canonical (no spaces)', securityhub.canonical, true, false, true],
  ['cis-v5 canonical', v5.canonical, false, true, false],
  ["the seed's own mixed spacing", SEED, true, false, true],
  ['no parentheses', anyOf(SIX), true, false, true],
  ['no blanks at all', anyOf(SIX, (n) => `($.eventName=${n})`).replace(/ /g, ''), true, false, true],
  ['$.eventName =X without a space', anyOf(SIX, (n) => `$.eventName =${n}`), true, false, true],
  ['reversed term order', anyOf([...SIX].reverse()), true, false, true],
  ['double-quoted values', anyOf(SIX, (n) => `($.eventName = "${n}")`), true, false, true],
  [
    'quotes on some values only',
    anyOf(SIX, (n) => (n.startsWith('R') ? `$.eventName = "${n}"` : `$.eventName=${n}`)),
    true,
    false,
    true,
  ],
  ['tabs and newlines', anyOf(SIX, (n) => `\n\t($.eventName\t=\t${n})`), true, false, true],
  ['redundant nested parentheses', anyOf(SIX, (n) => `((($.eventName = ${n})))`), true, false, true],
  ['the whole disjunction in parentheses', `{ (${SIX_TERMS}) }`, true, false, true],
  [
    'grouped in two halves',
    `{ (${anyOf(SIX.slice(0, 3)).slice(2, -2)}) || (${anyOf(SIX.slice(3)).slice(2, -2)}) }`,
    true,
    false,
    true,
  ],
  ['bracket selector notation', anyOf(SIX, (n) => `$.['eventName'] = ${n}`), true, false, true],
  ['a term listed twice', anyOf([...SIX, CREATE]), true, false, true],
  [
    'restricted to the real event source',
    `{ $.eventSource = ec2.amazonaws.com && (${SIX_TERMS}) }`,
    true,
    false,
    true,
  ],
  // CloudTrail records calls that are not "AwsApiCall" too (AwsServiceEvent, AwsConsoleAction), and the
  // judge assumes nothing about eventType or readOnly: each clause drops records the profile counts.
  ['restricted to API calls', `{ (${SIX_TERMS}) && $.eventType = "AwsApiCall" }`, false, false, false],
  ['restricted to write events', `{ (${SIX_TERMS}) && $.readOnly IS FALSE }`, false, false, false],
  [
    'an anchored regex for one name',
    anyOf(SIX, (n) => (n === DELETE ? `$.eventName = %^${n}$%` : `$.eventName = ${n}`)),
    true,
    false,
    true,
  ],
  [
    'a regex alternation for four names',
    `{ $.eventName = %^${[AUTH_IN, AUTH_OUT, REVOKE_IN, REVOKE_OUT].join('$|^')}$% || $.eventName = ${CREATE} || $.eventName = ${DELETE} }`,
    true,
    false,
    true,
  ],
  ['v5: no blanks', anyOf(SEVEN, (n) => `($.eventName=${n})`).replace(/ /g, ''), false, true, false],
  [
    'v5: ModifySecurityGroupRules first, quoted',
    anyOf([SEVEN[6], ...SIX], (n) => `$.eventName = "${n}"`),
    false,
    true,
    false,
  ],
  // An event of that name is not listed anywhere, so any service may write it: the term counts it too.
  ['v5: misspelt ModifySecurityGroupRule', anyOf([...SIX, 'ModifySecurityGroupRule']), false, false, false],
  ['an event missing', anyOf(SIX.slice(0, 5)), false, false, false],
  ['two events missing', anyOf([AUTH_IN, AUTH_OUT, CREATE, DELETE]), false, false, false],
  [
    '&& instead of one ||',
    `{ $.eventName = ${AUTH_IN} && $.eventName = ${AUTH_OUT} || ${anyOf(SIX.slice(2)).slice(2)}`,
    false,
    false,
    false,
  ],
  ['&& everywhere', anyOf(SIX).replace(/\|\|/g, '&&'), false, false, false],
  ['extra clause: no errorCode', `{ (${SIX_TERMS}) && $.errorCode NOT EXISTS }`, false, false, false],
  [
    'extra clause: != on errorCode',
    `{ (${SIX_TERMS}) && $.errorCode != "Client.UnauthorizedOperation" }`,
    false,
    false,
    false,
  ],
  [
    'extra clause: IAM users only',
    `{ (${SIX_TERMS}) && $.userIdentity.type = IAMUser }`,
    false,
    false,
    false,
  ],
  ['extra clause: one region', `{ (${SIX_TERMS}) && $.awsRegion = "us-east-1" }`, false, false, false],
  [
    'extra clause on one term only',
    anyOf(SIX, (n) =>
      n === CREATE ? `($.eventName = ${n} && $.userIdentity.type != Root)` : `$.eventName = ${n}`,
    ),
    false,
    false,
    false,
  ],
  [
    'broadening wildcard Authorize*',
    anyOf(['Authorize*', REVOKE_IN, REVOKE_OUT, CREATE, DELETE]),
    false,
    false,
    false,
  ],
  ['broadening wildcard *SecurityGroup*', '{ $.eventName = *SecurityGroup* }', false, false, false],
  ['trailing wildcard on one name', anyOf([...SIX.slice(0, 5), `${DELETE}*`]), false, false, false],
  ['leading wildcard on one name', anyOf([`*${AUTH_IN}`, ...SIX.slice(1)]), false, false, false],
  ['broadening regex', '{ $.eventName = %SecurityGroup% }', false, false, false],
  ['wrong case in one name', anyOf([AUTH_IN?.toLowerCase(), ...SIX.slice(1)]), false, false, false],
  ['wrong case in the selector', anyOf(SIX, (n) => `$.EventName = ${n}`), false, false, false],
  ['a blank inside a quoted name', anyOf([`"${AUTH_IN} "`, ...SIX.slice(1)]), false, false, false],
  ['an extra event', anyOf([...SIX, 'CreateNetworkAcl']), false, false, false],
  [
    '!= on one term',
    anyOf(SIX, (n) => (n === AUTH_IN ? `$.eventName != ${n}` : `$.eventName = ${n}`)),
    false,
    false,
    false,
  ],
  ['!= alone', '{ $.eventName != ConsoleLogin }', false, false, false],
  ['any eventName', '{ $.eventName = * }', false, false, false],
  // CloudTrail writes eventName on every record: the extra disjunct can never match one.
  [
    'also records without eventName',
    anyOf(SIX).replace(' }', ' || $.eventName NOT EXISTS }'),
    true,
    false,
    true,
  ],
  ['a different field', '{ $.requestParameters.groupId = sg-* }', false, false, false],
  [
    'unbalanced parenthesis',
    SEED.replace(`(${'$'}.eventName = DeleteSecurityGroup)`, `(${'$'}.eventName = DeleteSecurityGroup`),
    false,
    false,
    false,
  ],
  ['a text pattern, not JSON', 'AuthorizeSecurityGroupIngress', false, false, false],
  ['the empty pattern (matches everything)', '', false, false, false],
];
