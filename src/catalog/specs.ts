/**
 * Desired state as data: the run's view of a catalog control (src/catalog). A control is one catalog
 * entry; its pattern profiles, metric and alarm come from it. Adding a control means adding an entry
 * there, not code here.
 */

import { parsePattern } from '../pattern';
import { CATALOG, type CatalogControl, type ControlKey, controlByKey, eventNameLiterals } from './index';

export type ProfileId = 'cis-v1.2' | 'cis' | 'cis-v5' | 'securityhub';

/** What a filter pattern must match: exactly the CloudTrail records its canonical text matches. */
export interface PatternProfile {
  readonly id: ProfileId;
  readonly description: string;
  /** The event names the canonical text tests, in order (ordering and naming of the judge's reasons). */
  readonly eventNames: readonly string[];
  /** The one canonical string the enforcer writes for this profile. */
  readonly canonical: string;
  /** Set when a checker of this profile compares pattern text: the canonical string itself is then required. */
  readonly exactText?: boolean;
}

export interface AlarmSpec {
  readonly statistic: 'Sum';
  readonly period: number;
  readonly threshold: number;
  readonly comparisonOperator: 'GreaterThanOrEqualToThreshold';
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: 'notBreaching';
}

export interface ControlSpec {
  readonly key: ControlKey;
  /** `CIS-4.N` (the v1.3–v5.0 numbering, the one in the default names). */
  readonly id: string;
  /** `CloudWatch.N`; absent for 4.15, which Security Hub does not have. */
  readonly securityHubId?: string;
  readonly title: string;
  readonly defaults: {
    readonly filterName: string;
    readonly alarmName: string;
    readonly metricNamespace: string;
    readonly metricName: string;
  };
  readonly metricValue: string;
  readonly profiles: Readonly<Record<ProfileId, PatternProfile>>;
  readonly alarm: AlarmSpec;
}

export const PROFILE_IDS: readonly ProfileId[] = ['cis-v1.2', 'cis', 'cis-v5', 'securityhub'];

const PROFILE_DESCRIPTIONS: Readonly<Record<ProfileId, string>> = {
  'cis-v1.2': 'CIS v1.2.0 texts (controls 3.1–3.14)',
  cis: 'CIS v1.3.0–v4.0.1 texts (controls 4.1–4.15)',
  'cis-v5': 'CIS v5.0.0+ texts (4.1–4.15; 5.1–5.15 from v6.0.0)',
  securityhub: "Security Hub CloudWatch.1–14, in Security Hub's documented text",
};

/** Every control's alarm: any one matching event in five minutes alarms (CIS: threshold 1, Sum). */
const ALARM: AlarmSpec = {
  statistic: 'Sum',
  period: 300,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  treatMissingData: 'notBreaching',
};

/**
 * Titles kept from before the catalog: the alarm description is built from the title, and a changed
 * description would be drift, so an existing deployment would see a write it did not ask for.
 */
const KEPT_TITLES: Partial<Record<ControlKey, string>> = {
  'security-group-changes': 'Log metric filter and alarm for security group changes',
};

function profileOf(control: CatalogControl, id: ProfileId): PatternProfile {
  const { canonical } = control.profiles[id];
  return {
    id,
    description: `${control.ids.cis} ${PROFILE_DESCRIPTIONS[id]}`,
    eventNames: eventNameLiterals(parsePattern(canonical)),
    canonical,
    ...(id === 'securityhub' ? { exactText: true } : {}),
  };
}

function specOf(control: CatalogControl): ControlSpec {
  const profiles = Object.fromEntries(PROFILE_IDS.map((id) => [id, profileOf(control, id)]));
  return {
    key: control.key,
    id: `CIS-${control.ids.cis}`,
    ...(control.ids.securityHub ? { securityHubId: control.ids.securityHub } : {}),
    title: KEPT_TITLES[control.key] ?? control.title,
    defaults: control.defaults,
    metricValue: control.metricValue,
    profiles: profiles as Record<ProfileId, PatternProfile>,
    alarm: ALARM,
  };
}

/** Every control of the catalog as the run uses it, in catalog order (4.1 … 4.15). */
export const CONTROL_SPECS: readonly ControlSpec[] = CATALOG.map(specOf);

/** The run's view of one catalog control. */
export function controlSpec(key: ControlKey): ControlSpec {
  controlByKey(key);
  const found = CONTROL_SPECS.find((spec) => spec.key === key);
  if (!found) throw new RangeError(`no control ${key}`);
  return found;
}

/** CIS AWS Foundations 4.10 (3.10 in v1.2, 5.10 from v6.0; Security Hub CloudWatch.10): security group changes. */
export const SECURITY_GROUP_CHANGES: ControlSpec = controlSpec('security-group-changes');

/** Tag put on everything the enforcer creates that supports tags. */
export const MANAGED_BY_TAG = { key: 'managed-by', value: 'cis-monitoring-enforcer' } as const;
