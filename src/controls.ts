/**
 * Desired state as data. A control is one entry: its pattern profiles, metric and alarm.
 * Adding another CIS monitoring control means adding an entry here, not code.
 */

export type ProfileId = 'cis' | 'cis-v5' | 'securityhub';

/** What a filter pattern must match: exactly the CloudTrail records whose eventName is in the set. */
export interface PatternProfile {
  readonly id: ProfileId;
  readonly description: string;
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
  readonly id: string;
  readonly securityHubId: string;
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

/** Joins event-name terms the way the enforcer writes them: one term per event, `||`-joined. */
export function canonicalPattern(eventNames: readonly string[], spaced: boolean): string {
  const eq = spaced ? ' = ' : '=';
  const terms = eventNames.map((name) => `($.eventName${eq}${name})`);
  return spaced ? `{ ${terms.join(' || ')} }` : `{${terms.join(' || ')}}`;
}

const SECURITY_GROUP_EVENTS = [
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
] as const;

const SECURITY_GROUP_EVENTS_V5 = [...SECURITY_GROUP_EVENTS, 'ModifySecurityGroupRules'] as const;

/** CIS AWS Foundations 4.10 (3.10 before v1.4; Security Hub CloudWatch.10): security group changes. */
export const SECURITY_GROUP_CHANGES: ControlSpec = {
  id: 'CIS-4.10',
  securityHubId: 'CloudWatch.10',
  title: 'Log metric filter and alarm for security group changes',
  defaults: {
    filterName: 'CIS-4.10-SecurityGroupChanges',
    alarmName: 'CIS-4.10-SecurityGroupChanges',
    metricNamespace: 'CISBenchmark',
    metricName: 'SecurityGroupEventCount',
  },
  metricValue: '1',
  profiles: {
    cis: {
      id: 'cis',
      description: 'CIS v1.4–v4.0: the six security group event names',
      eventNames: SECURITY_GROUP_EVENTS,
      canonical: canonicalPattern(SECURITY_GROUP_EVENTS, true),
    },
    'cis-v5': {
      id: 'cis-v5',
      description: 'CIS v5.0+: the six event names plus ModifySecurityGroupRules',
      eventNames: SECURITY_GROUP_EVENTS_V5,
      canonical: canonicalPattern(SECURITY_GROUP_EVENTS_V5, true),
    },
    securityhub: {
      id: 'securityhub',
      description:
        "Security Hub CloudWatch.10: the six event names in Security Hub's documented no-space form",
      eventNames: SECURITY_GROUP_EVENTS,
      canonical: canonicalPattern(SECURITY_GROUP_EVENTS, false),
      exactText: true,
    },
  },
  alarm: {
    statistic: 'Sum',
    period: 300,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
  },
};

export const PROFILE_IDS: readonly ProfileId[] = ['cis', 'cis-v5', 'securityhub'];

/** Tag put on everything the enforcer creates that supports tags. */
export const MANAGED_BY_TAG = { key: 'managed-by', value: 'cis-monitoring-enforcer' } as const;
