import { canonicalPattern, SECURITY_GROUP_CHANGES } from '../../src/controls';
import type { FilterWrite } from '../../src/plan/types';
import { LOG_GROUP } from '../support/builders';
import { type Drift, deleted, filterWith, metricWith, planDrift, summary } from './support/plan-rows';

const SIX = SECURITY_GROUP_CHANGES.profiles.cis.eventNames;
const CANONICAL = SECURITY_GROUP_CHANGES.profiles.cis.canonical;
const pattern = (text: string): Drift => filterWith({ pattern: text });
const terms = (names: readonly string[]) => names.map((n) => `($.eventName = ${n})`);
const update = [['metric-filter', 'update']] as const;

describe('plan: the metric filter', () => {
  it('deleted → create with the profile canonical pattern and the metric', () => {
    const p = planDrift(deleted('filter'));
    expect(summary(p)).toEqual({
      changes: [['metric-filter', 'create']],
      reasons: ['metric filter does not exist'],
      findings: [],
    });
    expect(p.changes[0]?.after).toEqual<FilterWrite>({
      logGroupName: LOG_GROUP,
      filterName: 'CIS-4.10-SecurityGroupChanges',
      filterPattern: CANONICAL,
      metricTransformations: [
        { metricNamespace: 'CISBenchmark', metricName: 'SecurityGroupEventCount', metricValue: '1' },
      ],
    });
  });

  it.each<[string, string]>([
    ['no spaces (the Security Hub text)', canonicalPattern(SIX, false)],
    ['terms in reverse order', canonicalPattern([...SIX].reverse(), true)],
    ['line breaks and extra spaces', `{\n    ${terms(SIX).join('\n ||   ')}\n}`],
    ['quoted values', `{ ${SIX.map((n) => `($.eventName = "${n}")`).join(' || ')} }`],
    ['no parentheses around terms', `{ ${SIX.map((n) => `$.eventName = ${n}`).join(' || ')} }`],
  ])('same meaning, other text: %s → no change', (_label, text) => {
    expect(summary(planDrift(pattern(text)))).toEqual({ changes: [], reasons: [], findings: [] });
  });

  it.each<[string, string, Record<string, string>, unknown]>([
    [
      'one event dropped',
      `{ ${terms(SIX.slice(0, 5)).join(' || ')} }`,
      {},
      ['pattern does not match DeleteSecurityGroup'],
    ],
    [
      'two events only',
      '{ ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
      {},
      [
        'pattern does not match AuthorizeSecurityGroupIngress',
        'pattern does not match AuthorizeSecurityGroupEgress',
        'pattern does not match RevokeSecurityGroupIngress',
        'pattern does not match RevokeSecurityGroupEgress',
      ],
    ],
    [
      'an unrelated event added',
      `{ ${[...terms(SIX), '($.eventName = CreateVpc)'].join(' || ')} }`,
      {},
      [expect.stringMatching(/^pattern also matches .*CreateVpc/)],
    ],
    [
      'equality turned into inequality (matches every record)',
      `{ ${SIX.map((n) => `($.eventName != ${n})`).join(' || ')} }`,
      {},
      expect.arrayContaining(['pattern also matches BatchAuthorizeSecurityGroupIngress']),
    ],
    [
      'text that does not parse',
      '{ ($.eventName = CreateSecurityGroup) || ',
      {},
      [expect.stringMatching(/^pattern does not parse: /)],
    ],
    [
      'cis-v5 profile, six-event pattern',
      CANONICAL,
      { PATTERN_PROFILE: 'cis-v5' },
      ['pattern does not match ModifySecurityGroupRules'],
    ],
    [
      'securityhub profile, equivalent spaced text',
      CANONICAL,
      { PATTERN_PROFILE: 'securityhub' },
      ['pattern is equivalent, but profile securityhub requires its documented text'],
    ],
  ])('meaning changed: %s → update naming why', (_label, text, env, reasons) => {
    const p = planDrift(pattern(text), env);
    expect(summary(p)).toEqual({ changes: update, reasons, findings: [] });
    expect(p.changes[0]?.after).toMatchObject({
      filterPattern: SECURITY_GROUP_CHANGES.profiles[(env.PATTERN_PROFILE ?? 'cis') as 'cis'].canonical,
    });
  });

  it.each<[string, Drift, string]>([
    [
      'metric namespace changed',
      metricWith({ metricNamespace: 'Other' }),
      'metric is Other/SecurityGroupEventCount, expected CISBenchmark/SecurityGroupEventCount',
    ],
    [
      'metric name changed',
      metricWith({ metricName: 'Count' }),
      'metric is CISBenchmark/Count, expected CISBenchmark/SecurityGroupEventCount',
    ],
    ['metric value changed', metricWith({ metricValue: '$.count' }), 'metric value is $.count, expected 1'],
    [
      'dimensions added',
      metricWith({ hasDimensions: true }),
      'metric has dimensions, so the alarm on the plain metric sees no data',
    ],
  ])('%s → update naming it', (_label, drift, reason) => {
    expect(summary(planDrift(drift))).toEqual({ changes: update, reasons: [reason], findings: [] });
  });

  it('a default value on the metric is not drift', () => {
    expect(summary(planDrift(metricWith({ defaultValue: 0 }))).changes).toEqual([]);
  });

  it('no transformation at all → update', () => {
    const p = planDrift(filterWith({ transformations: [] }));
    expect(summary(p)).toEqual({
      changes: update,
      reasons: ['filter has 0 metric transformations, expected 1'],
      findings: [],
    });
  });
});
