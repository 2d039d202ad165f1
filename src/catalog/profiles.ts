import type { CatalogProfileId } from './types';

/** What a profile stands for: the benchmark versions and checkers whose texts it writes. */
export interface ProfileInfo {
  readonly id: CatalogProfileId;
  readonly title: string;
  /** Benchmark versions (or Security Hub standards) the profile's texts serve. */
  readonly serves: readonly string[];
  /** Checkers that read the texts this profile writes, with their known exceptions. */
  readonly checkers: string;
  /** The checker compares the text itself, so only the canonical text (up to whitespace) will pass it. */
  readonly exactText: boolean;
}

/** The profiles, in the order a reader meets them; `cis` is the default. */
export const PROFILES: readonly ProfileInfo[] = [
  {
    id: 'cis-v1.2',
    title: 'CIS AWS Foundations v1.2.0 (controls 3.1–3.14)',
    serves: ['CIS v1.2.0'],
    checkers:
      "Prowler and Steampipe CIS v1.2 mappings; ScoutSuite's byte-exact strings (3.1–3.14; its 3.8 string " +
      'lacks two event names, so no CIS text passes it). v1.2 has no Organizations control: 4.15 uses the CIS v1.3+ text.',
    exactText: false,
  },
  {
    id: 'cis',
    title: 'CIS AWS Foundations v1.3.0–v4.0.1 (controls 4.1–4.15)',
    serves: [
      'CIS v1.3.0',
      'CIS v1.4.0',
      'CIS v1.5.0',
      'CIS v2.0.0',
      'CIS v3.0.0',
      'CIS v4.0.0',
      'CIS v4.0.1',
    ],
    checkers:
      'Prowler, Steampipe and CloudSploit CIS mappings. Writes the v2.0.0 text of 4.1 (the v1.3–v1.5 all-OR text ' +
      'counts nearly every call). Steampipe now requires ModifySecurityGroupRules for 4.10 in every version (use ' +
      'cis-v5 for it); Prowler requires $.eventSource in 4.13 (cis-v5 writes it).',
    exactText: false,
  },
  {
    id: 'cis-v5',
    title: 'CIS AWS Foundations v5.0.0 and later (4.1–4.15; 5.1–5.15 from v6.0.0)',
    serves: ['CIS v5.0.0', 'CIS v6.0.0', 'CIS v7.0.0'],
    checkers:
      "Prowler and Steampipe CIS v5/v6 mappings (Prowler's v7.0 has the same texts). 4.10 adds " +
      'ModifySecurityGroupRules; 4.13 writes the audit text with $.eventSource = ec2.amazonaws.com.',
    exactText: false,
  },
  {
    id: 'securityhub',
    title: 'AWS Security Hub CSPM CloudWatch.1–14 (its documented texts)',
    serves: [
      'Security Hub CIS v1.2.0 standard',
      'Security Hub CIS v1.4.0 standard',
      'Security Hub security controls',
    ],
    checkers:
      'Security Hub, which compares the text ("Additional fields or terms cannot be added"); also AWS\'s own ' +
      'remediation (ASR) texts. 4.15 has no Security Hub control: the CIS v1.3+ text.',
    exactText: true,
  },
];

/** The profile ids, default first. */
export const CATALOG_PROFILE_IDS: readonly CatalogProfileId[] = ['cis', 'cis-v5', 'securityhub', 'cis-v1.2'];

/** The profile whose texts serve a benchmark version given as `1.4`, `v1.4.0` or `CIS v5.0.0`; undefined if none. */
export function profileForBenchmark(version: string): CatalogProfileId | undefined {
  const match = /^\s*(?:cis\s*)?v?(\d+)\.(\d+)(?:\.(\d+))?\s*$/i.exec(version);
  if (match === null) return undefined;
  const [, major, minor, patch] = match;
  const wanted = `CIS v${major}.${minor}.${patch ?? '0'}`;
  return PROFILES.find((profile) => profile.serves.includes(wanted))?.id;
}
