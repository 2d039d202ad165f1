import { SECURITY_GROUP_CHANGES } from '../../src/controls';
import { TABLE } from '../pattern/judge-table';
import { filterWith, planDrift, summary } from '../unit/support/plan-rows';

const PROFILES = ['cis', 'cis-v5', 'securityhub'] as const;
const rows = TABLE.flatMap(([name, text, ...verdicts]) =>
  PROFILES.map((profile, i) => [name, profile, text, verdicts[i] as boolean] as const),
);

/** The plan only rewrites our filter when its pattern fails the profile (or, for securityhub, its exact text). */
describe('plan: drift on our filter is "does not satisfy the profile", over the whole judge table', () => {
  it.each(rows)('%s, profile %s', (_name, profile, text, satisfies) => {
    const { exactText, canonical } = SECURITY_GROUP_CHANGES.profiles[profile];
    const rewrite = !satisfies || (exactText === true && text !== canonical);
    const p = planDrift(filterWith({ pattern: text }), { PATTERN_PROFILE: profile });
    expect(summary(p).changes).toEqual(rewrite ? [['metric-filter', 'update']] : []);
    if (rewrite) expect(p.changes[0]?.after).toMatchObject({ filterPattern: canonical });
  });

  it('covers equivalent forms that must cause no write for every profile that judges by meaning', () => {
    const kept = rows.filter(
      ([, profile, text, satisfies]) =>
        satisfies && profile === 'cis' && text !== SECURITY_GROUP_CHANGES.profiles.cis.canonical,
    );
    expect(kept.length).toBeGreaterThanOrEqual(10);
  });
});
