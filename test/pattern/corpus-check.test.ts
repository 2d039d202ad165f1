import fc from 'fast-check';
import { type PatternProfile, PROFILE_IDS, SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { judgePattern, matches, parsePattern } from '../../src/pattern';
import { corpusFor } from '../../src/pattern/corpus';
import { SIX, SIX_TERMS, TABLE } from './judge-table';

/**
 * The sample corpus as a second, independent check: a pattern the exact judge calls equivalent to
 * a profile must match exactly the corpus records of the profile's events. Only records CloudTrail
 * can write are used: the corpus also holds one without eventName, which the judge rules out.
 */
function corpusDisagreements(text: string, profile: PatternProfile): string[] {
  const node = parsePattern(text);
  const wanted = new Set(profile.eventNames);
  return corpusFor(profile.eventNames)
    .filter((entry) => entry.eventName !== undefined)
    .filter((entry) => matches(node, entry.record) !== wanted.has(entry.eventName as string))
    .map((entry) => entry.label);
}

const profiles = PROFILE_IDS.map((id) => SECURITY_GROUP_CHANGES.profiles[id]);

/** Clauses on fields the corpus varies, with values its records hold, as someone might add them. */
const clause = fc
  .tuple(
    fc.constantFrom('errorCode', 'userIdentity.type', 'awsRegion', 'eventSource', 'readOnly', 'userAgent'),
    fc.constantFrom('=', '!='),
    fc.constantFrom(
      '"Client.UnauthorizedOperation"',
      '"Client.*"',
      'IAMUser',
      'Root',
      '"us-*"',
      'ec2.amazonaws.com',
      '"*Terraform*"',
      '"AWS Internal"',
      '*',
    ),
    fc.constantFrom('', ' || $.F NOT EXISTS', ' || $.F IS FALSE', ' || $.F IS NULL'),
  )
  .map(([field, op, value, tail]) => `($.${field} ${op} ${value}${tail.replace('F', field)})`);

const candidate = fc
  .tuple(fc.constantFrom('and', 'or', 'drop-or'), clause, fc.constantFrom(...SIX))
  .map(([shape, extra, name]) => {
    if (shape === 'and') return `{ (${SIX_TERMS}) && ${extra} }`;
    if (shape === 'or') return `{ ${SIX_TERMS} || ${extra} }`;
    const rest = SIX.filter((n) => n !== name).map((n) => `$.eventName = ${n}`);
    return `{ ${rest.join(' || ')} || ($.eventName = ${name} && ${extra}) }`;
  });

describe('the exact judge never calls equivalent what the corpus shows different', () => {
  it.each(TABLE.filter(([, text]) => text.startsWith('{') && text.endsWith('}')))('%s', (_name, text) => {
    for (const profile of profiles) {
      if (judgePattern(text, profile).satisfied) expect(corpusDisagreements(text, profile)).toEqual([]);
    }
  });

  it('on patterns with one extra clause on fields the corpus varies', () => {
    const satisfied = new Set<string>();
    fc.assert(
      fc.property(candidate, (text) => {
        const cis = SECURITY_GROUP_CHANGES.profiles.cis;
        if (!judgePattern(text, cis).satisfied) return;
        satisfied.add(text);
        expect(corpusDisagreements(text, cis)).toEqual([]);
      }),
      { numRuns: 600 },
    );
    // Not vacuous: some of these clauses really are harmless (`eventSource = ec2.amazonaws.com`, `|| X = *` on the six).
    expect(satisfied.size).toBeGreaterThan(0);
  });
});
