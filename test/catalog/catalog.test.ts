import {
  CATALOG,
  CATALOG_PROFILE_IDS,
  type CatalogControl,
  type ControlKey,
  controlByKey,
  countedEventNames,
} from '../../src/catalog';
import { PROFILE_IDS, SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { parsePattern } from '../../src/pattern';

/** research/cis-monitoring-controls.md §1.1: key, CIS v1.2, v1.3–v5.0, v6.0+, Security Hub. */
const IDS: ReadonlyArray<[ControlKey, string | undefined, string, string, string | undefined]> = [
  ['unauthorized-api-calls', '3.1', '4.1', '5.1', 'CloudWatch.2'],
  ['console-signin-without-mfa', '3.2', '4.2', '5.2', 'CloudWatch.3'],
  ['root-usage', '3.3', '4.3', '5.3', 'CloudWatch.1'],
  ['iam-policy-changes', '3.4', '4.4', '5.4', 'CloudWatch.4'],
  ['cloudtrail-config-changes', '3.5', '4.5', '5.5', 'CloudWatch.5'],
  ['console-auth-failures', '3.6', '4.6', '5.6', 'CloudWatch.6'],
  ['cmk-disable-or-deletion', '3.7', '4.7', '5.7', 'CloudWatch.7'],
  ['s3-bucket-policy-changes', '3.8', '4.8', '5.8', 'CloudWatch.8'],
  ['config-changes', '3.9', '4.9', '5.9', 'CloudWatch.9'],
  ['security-group-changes', '3.10', '4.10', '5.10', 'CloudWatch.10'],
  ['nacl-changes', '3.11', '4.11', '5.11', 'CloudWatch.11'],
  ['network-gateway-changes', '3.12', '4.12', '5.12', 'CloudWatch.12'],
  ['route-table-changes', '3.13', '4.13', '5.13', 'CloudWatch.13'],
  ['vpc-changes', '3.14', '4.14', '5.14', 'CloudWatch.14'],
  ['organizations-changes', undefined, '4.15', '5.15', undefined],
];

/** The names AWS's own remediation (ASR) uses; two fixers on one name would fight (DESIGN). */
const ASR_NAMES = [
  'UnauthorizedAPICalls',
  'ConsoleSigninWithoutMFA',
  'RootAccountUsage',
  'IAMPolicyChanges',
  'CloudTrailChanges',
  'ConsoleAuthenticationFailure',
  'DisableOrDeleteCMK',
  'S3BucketPolicyChanges',
  'AWSConfigChanges',
  'SecurityGroupChanges',
  'NetworkACLChanges',
  'NetworkGatewayChanges',
  'RouteTableChanges',
  'VPCChanges',
];

const numbering = (pick: (control: CatalogControl) => string | undefined) =>
  CATALOG.flatMap((control) => pick(control) ?? []);

describe('the catalog', () => {
  it('holds the fifteen controls 4.1–4.15 in benchmark order, 4.16 left out', () => {
    expect(CATALOG.map((control) => control.ids.cis)).toEqual(IDS.map(([, , cis]) => cis));
    expect(CATALOG.map((control) => control.key)).toEqual(IDS.map(([key]) => key));
  });

  it.each(IDS)('%s has the ids research §1.1 gives', (key, cisV1_2, cis, cisV6, securityHub) => {
    const expected = { cis, cisV6, ...(cisV1_2 ? { cisV1_2 } : {}), ...(securityHub ? { securityHub } : {}) };
    expect(controlByKey(key).ids).toEqual(expected);
  });

  it.each([
    ['CIS v1.2', (control: CatalogControl) => control.ids.cisV1_2],
    ['CIS v1.3–v5.0', (control: CatalogControl) => control.ids.cis],
    ['CIS v6.0+', (control: CatalogControl) => control.ids.cisV6],
    ['Security Hub', (control: CatalogControl) => control.ids.securityHub],
    [
      'any numbering (bare ids are unambiguous)',
      (control: CatalogControl) => Object.values(control.ids).join(' '),
    ],
  ])('ids are unique in %s', (_, pick) => {
    const ids = numbering(pick).flatMap((joined) => joined.split(' '));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['filter', 'filterName', 512],
    ['alarm', 'alarmName', 255],
    ['metric', 'metricName', 255],
  ] as const)(
    '%s names are unique, within the AWS limit, free of IAM wildcards and of ASR names',
    (_, field, max) => {
      const names = CATALOG.map((control) => control.defaults[field]);
      expect(new Set(names).size).toBe(CATALOG.length);
      for (const name of names) {
        expect(name.length).toBeLessThanOrEqual(max);
        expect(name).toMatch(/^[A-Za-z0-9.-]+$/);
        expect(ASR_NAMES).not.toContain(name);
      }
    },
  );

  it.each(CATALOG)('$key: names carry its v1.3–v5.0 id, namespace CISBenchmark, value 1', (control) => {
    expect(control.defaults.filterName).toMatch(
      new RegExp(`^CIS-${control.ids.cis.replace('.', '\\.')}-[A-Za-z0-9]+$`),
    );
    expect(control.defaults.alarmName).toBe(control.defaults.filterName);
    expect(control.defaults.metricNamespace).toBe('CISBenchmark');
    expect(control.metricValue).toBe('1');
  });

  it.each(CATALOG)('$key: every profile has texts, and writes its first text', (control) => {
    expect(Object.keys(control.profiles).sort()).toEqual([...CATALOG_PROFILE_IDS].sort());
    for (const id of CATALOG_PROFILE_IDS) {
      const [first] = control.profiles[id].texts;
      expect(first?.text).toBe(control.profiles[id].canonical);
      expect(first?.relation).toBe('same');
    }
  });

  it('has a Security Hub title exactly where it has a Security Hub id', () => {
    for (const control of CATALOG) {
      expect(control.securityHubTitle === undefined).toBe(control.ids.securityHub === undefined);
    }
  });
});

describe('the security group control keeps what an existing deployment has', () => {
  const catalog = controlByKey('security-group-changes');

  it('the same names, namespace, metric value and Security Hub id', () => {
    expect(catalog.defaults).toEqual(SECURITY_GROUP_CHANGES.defaults);
    expect(catalog.metricValue).toBe(SECURITY_GROUP_CHANGES.metricValue);
    expect(catalog.ids.securityHub).toBe(SECURITY_GROUP_CHANGES.securityHubId);
    expect(`CIS-${catalog.ids.cis}`).toBe(SECURITY_GROUP_CHANGES.id);
  });

  it.each(PROFILE_IDS)('profile %s: the same canonical text and event names', (id) => {
    const today = SECURITY_GROUP_CHANGES.profiles[id];
    expect(catalog.profiles[id].canonical).toBe(today.canonical);
    expect(countedEventNames(parsePattern(catalog.profiles[id].canonical))).toEqual([...today.eventNames]);
  });
});
