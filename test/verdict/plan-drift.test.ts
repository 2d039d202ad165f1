import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { TABLE } from '../pattern/judge-table';
import { filterWith, planDrift, summary } from '../unit/support/plan-rows';

const PROFILES = ['cis', 'cis-v5', 'securityhub'] as const;
/**
 * Rows equivalent in meaning whose text a checker cannot read as the canonical one (DESIGN rule 9):
 * another selector spelling, a regex, a repeated or an extra term. Our filter in such a text is rewritten.
 */
const ILLEGIBLE = new Set([
  'bracket selector notation',
  'a term listed twice',
  'restricted to the real event source',
  'an anchored regex for one name',
  'a regex alternation for four names',
  'also records without eventName',
]);
const rows = TABLE.flatMap(([name, text, ...verdicts]) =>
  PROFILES.map((profile, i) => [name, profile, text, verdicts[i] as boolean] as const),
);

/** The plan rewrites our filter when its pattern fails the profile, or its text is not the canonical one for checkers (securityhub: byte for byte). */
describe('plan: drift on our filter is "does not satisfy the profile", over the whole judge table', () => {
  it.each(rows)('%s, profile %s', (name, profile, text, satisfies) => {
    const { exactText, canonical } = SECURITY_GROUP_CHANGES.profiles[profile];
    const rewrite = !satisfies || ILLEGIBLE.has(name) || (exactText === true && text !== canonical);
    const p = planDrift(filterWith({ pattern: text }), { PATTERN_PROFILE: profile });
    expect(summary(p).changes).toEqual(rewrite ? [['metric-filter', 'update']] : []);
    if (rewrite) expect(p.changes[0]?.after).toMatchObject({ filterPattern: canonical });
  });

  it('covers equivalent forms that must cause no write for every profile that judges by meaning', () => {
    const kept = rows.filter(
      ([name, profile, text, satisfies]) =>
        satisfies &&
        profile === 'cis' &&
        !ILLEGIBLE.has(name) &&
        text !== SECURITY_GROUP_CHANGES.profiles.cis.canonical,
    );
    expect(kept.length).toBeGreaterThanOrEqual(10);
  });

  it('every row named illegible is in the table and equivalent in meaning under cis', () => {
    const named = rows.filter(
      ([name, profile, , satisfies]) => ILLEGIBLE.has(name) && profile === 'cis' && satisfies,
    );
    expect(named.map(([name]) => name).sort()).toEqual([...ILLEGIBLE].sort());
  });
});
