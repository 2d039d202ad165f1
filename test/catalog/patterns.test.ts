import { CATALOG, CATALOG_PROFILE_IDS, type CatalogProfileId, type SourceText } from '../../src/catalog';
import { parsePattern } from '../../src/pattern';

interface Row extends SourceText {
  readonly key: string;
  readonly profile: CatalogProfileId;
  readonly canonical: string;
}

/** Every text of every profile of every control, with the canonical text it is compared with. */
const ROWS: readonly Row[] = CATALOG.flatMap((control) =>
  CATALOG_PROFILE_IDS.flatMap((profile) =>
    control.profiles[profile].texts.map((text) => ({
      ...text,
      key: control.key,
      profile,
      canonical: control.profiles[profile].canonical,
    })),
  ),
);
const label = (row: Row) => [`${row.key} ${row.profile}: ${row.source}`, row] as const;
const same = ROWS.filter((row) => row.relation === 'same').map(label);
const others = ROWS.filter((row) => row.relation !== 'same').map(label);

describe('catalog pattern texts', () => {
  it('covers every control under every profile', () => {
    expect(new Set(ROWS.map((row) => `${row.key} ${row.profile}`)).size).toBe(
      15 * CATALOG_PROFILE_IDS.length,
    );
  });

  it.each(ROWS.map(label))('%s parses', (_, row) => {
    expect(() => parsePattern(row.text)).not.toThrow();
  });

  it.each(same)('%s differs from the canonical text in spacing, quotes or parentheses only', (_, row) => {
    expect(parsePattern(row.text)).toEqual(parsePattern(row.canonical));
  });

  it.each(others)('%s is another tree than the canonical text', (_, row) => {
    expect(parsePattern(row.text)).not.toEqual(parsePattern(row.canonical));
  });

  it.each(others)('%s says why it is not written', (_, row) => {
    expect(row.note ?? row.binding).toEqual(expect.any(String));
  });

  it('keeps at least one spacing-only variant beside each canonical text of a CIS profile where sources differ', () => {
    const variants = same.filter(([, row]) => row.text !== row.canonical);
    const keys = new Set(variants.map(([, row]) => row.key));
    for (const key of ['unauthorized-api-calls', 'root-usage', 'config-changes', 'security-group-changes']) {
      expect(keys).toContain(key);
    }
  });
});

describe('which controls change meaning between profiles (research §2.16)', () => {
  const tree = (key: string, profile: CatalogProfileId) => {
    const control = CATALOG.find((entry) => entry.key === key);
    return parsePattern(control?.profiles[profile].canonical ?? '');
  };
  const changes = (from: CatalogProfileId, to: CatalogProfileId) =>
    CATALOG.filter(
      (control) => JSON.stringify(tree(control.key, from)) !== JSON.stringify(tree(control.key, to)),
    ).map((control) => control.key);

  it('v1.2 → v1.3–v4.0: only 4.1 (two terms, then four)', () => {
    expect(changes('cis-v1.2', 'cis')).toEqual(['unauthorized-api-calls']);
  });

  it('v1.3–v4.0 → v5.0+: 4.10 (ModifySecurityGroupRules) and 4.13 (the audit text with $.eventSource)', () => {
    expect(changes('cis', 'cis-v5')).toEqual(['security-group-changes', 'route-table-changes']);
  });

  it("Security Hub's texts mean what CIS v1.2 texts mean, except 4.2 (its documented four-term text)", () => {
    expect(changes('cis-v1.2', 'securityhub')).toEqual(['console-signin-without-mfa']);
  });
});
