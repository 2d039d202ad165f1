/**
 * The CIS monitoring family as data: one entry per "metric filter + alarm" control, CIS 4.1–4.15.
 * Facts and texts come from `research/cis-monitoring-controls.md`; each text names its source.
 */

/** Stable key of a control; never depends on a benchmark version. */
export type ControlKey =
  | 'unauthorized-api-calls'
  | 'console-signin-without-mfa'
  | 'root-usage'
  | 'iam-policy-changes'
  | 'cloudtrail-config-changes'
  | 'console-auth-failures'
  | 'cmk-disable-or-deletion'
  | 's3-bucket-policy-changes'
  | 'config-changes'
  | 'security-group-changes'
  | 'nacl-changes'
  | 'network-gateway-changes'
  | 'route-table-changes'
  | 'vpc-changes'
  | 'organizations-changes';

/** Which texts a deployment follows: a range of benchmark versions, or Security Hub's own texts. */
export type CatalogProfileId = 'cis-v1.2' | 'cis' | 'cis-v5' | 'securityhub';

/**
 * How a source text stands to the profile's canonical text:
 * `same` parses to the same tree (whitespace, quotes, redundant parentheses only);
 * `equivalent` is another tree with the same meaning on records CloudTrail can write;
 * `alternative` means something else that the benchmark or the checker also accepts;
 * `different` means something else and is not accepted (kept so it can be recognised and named).
 */
export type TextRelation = 'same' | 'equivalent' | 'alternative' | 'different';

/** One pattern text exactly as a source writes it. */
export interface SourceText {
  readonly text: string;
  /** Who writes it, with the benchmark versions: e.g. "CIS v2.0.0–v5.0.0 (Steampipe docs cis_v200…v500)". */
  readonly source: string;
  readonly relation: TextRelation;
  /** Set when `&&` and `||` meet without parentheses: the binding assumed and where it is documented. */
  readonly binding?: string;
  readonly note?: string;
}

/** A control's texts under one profile. `canonical` is what the enforcer writes: always `texts[0].text`. */
export interface ProfileEntry {
  readonly canonical: string;
  readonly texts: readonly SourceText[];
  /** Why this profile uses these texts when it is not obvious (e.g. Security Hub has no such control). */
  readonly note?: string;
}

/** The control's id in each numbering; absent where that numbering has no such control. */
export interface ControlIds {
  /** CIS v1.2.0: section 3. */
  readonly cisV1_2?: string;
  /** CIS v1.3.0–v5.0.0: section 4; the id in the default names and the one bare ids mean. */
  readonly cis: string;
  /** CIS v6.0.0 and later: section 5. */
  readonly cisV6: string;
  /** Security Hub CSPM control id (`CloudWatch.N`). */
  readonly securityHub?: string;
}

/** Names of what the enforcer writes for a control; the same for every profile and benchmark version. */
export interface ControlNames {
  readonly filterName: string;
  readonly alarmName: string;
  readonly metricNamespace: string;
  readonly metricName: string;
}

/** One control of the family. */
export interface CatalogControl {
  readonly key: ControlKey;
  readonly ids: ControlIds;
  /** The benchmark's title (v4.0 wording). */
  readonly title: string;
  /** Security Hub's title, when it has the control. */
  readonly securityHubTitle?: string;
  readonly defaults: ControlNames;
  readonly metricValue: '1';
  readonly profiles: Readonly<Record<CatalogProfileId, ProfileEntry>>;
  /** Facts that matter beyond the pattern (trail requirements, where the control applies). */
  readonly notes?: readonly string[];
}
