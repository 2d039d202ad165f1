import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';

/** Event-name terms joined as the enforcer's texts are: one term per event, `||`-joined. */
function canonicalPattern(eventNames: readonly string[], spaced: boolean): string {
  const eq = spaced ? ' = ' : '=';
  const terms = eventNames.map((name) => `($.eventName${eq}${name})`);
  return spaced ? `{ ${terms.join(' || ')} }` : `{${terms.join(' || ')}}`;
}

import type { FilterView, MetricTransformationView } from '../../src/model';
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

  it.each<[string, Drift, string]>([
    [
      'default value 1 (the alarm sits in ALARM)',
      metricWith({ defaultValue: 1 }),
      'metric default value is 1, expected none: every other log event counts, so the alarm stays in ALARM and never notifies again',
    ],
    [
      'default value -1 (every count cancelled)',
      metricWith({ defaultValue: -1 }),
      'metric default value is -1, expected none: every other log event takes from the count, so the alarm never fires',
    ],
    ['default value 0', metricWith({ defaultValue: 0 }), 'metric default value is 0, expected none'],
    ['a unit', metricWith({ unit: 'Count' }), 'metric unit is Count, expected none'],
    [
      'system field dimensions',
      filterWith({ emitSystemFieldDimensions: ['@aws.account', '@aws.region'] }),
      'filter emits system field dimensions (@aws.account, @aws.region), so the alarm on the plain metric sees no data',
    ],
    [
      'field selection criteria',
      filterWith({ fieldSelectionCriteria: '@aws.region = "us-east-1"' }),
      'filter only sees log events matching @aws.region = "us-east-1", expected every event',
    ],
    [
      'applied to transformed logs',
      filterWith({ applyOnTransformedLogs: true }),
      "filter applies to transformed logs: its pattern runs on what the log group's transformer rewrote",
    ],
  ])('a setting the enforcer never writes: %s → update naming it', (_label, drift, reason) => {
    const p = planDrift(drift);
    expect(summary(p)).toEqual({ changes: update, reasons: [reason], findings: [] });
    expect(p.changes[0]?.after).toEqual(planDrift(deleted('filter')).changes[0]?.after);
  });

  it('unit None (what AWS assumes when none is set) is not drift', () => {
    expect(summary(planDrift(metricWith({ unit: 'None' })))).toEqual({
      changes: [],
      reasons: [],
      findings: [],
    });
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

describe('plan: other filters writing to our metric', () => {
  const OURS = 'CIS-4.10-SecurityGroupChanges';
  const feeder = (
    name: string,
    logGroupName: string,
    t: Partial<MetricTransformationView> = {},
  ): FilterView => ({
    name,
    pattern: '{ $.eventName = * }',
    logGroupName,
    transformations: [
      {
        metricNamespace: 'CISBenchmark',
        metricName: 'SecurityGroupEventCount',
        metricValue: '1',
        hasDimensions: false,
        ...t,
      },
    ],
  });
  const feeding =
    (...feeders: FilterView[]): Drift =>
    (a) => ({ ...a, feeders });
  const fix = (group: string, name: string) =>
    `The enforcer never deletes someone else's filter: delete it (aws logs delete-metric-filter --log-group-name ${group} --filter-name ${name}) or point it at another metric`;

  it.each<[string, FilterView[]]>([
    ['only ours', [feeder(OURS, LOG_GROUP)]],
    ['ours listed twice (an emulator appends rewrites)', [feeder(OURS, LOG_GROUP), feeder(OURS, LOG_GROUP)]],
    ['nothing at all (the read found none)', []],
  ])('%s → no finding', (_label, feeders) => {
    expect(summary(planDrift(feeding(...feeders)))).toEqual({ changes: [], reasons: [], findings: [] });
  });

  it('a negative value on another log group → one blocking finding naming group, filter, values and the fix', () => {
    const p = planDrift(
      feeding(feeder(OURS, LOG_GROUP), feeder('offset', 'app-logs', { metricValue: '-1' })),
    );
    expect(p.changes).toEqual([]);
    expect(p.findings).toEqual([
      {
        code: 'metric-fed-by-other-filter',
        blocking: true,
        message: `metric filter offset on log group app-logs also writes to CISBenchmark/SecurityGroupEventCount (metricValue -1): its negative values cancel the control's counts, so the alarm may never fire. ${fix('app-logs', 'offset')}`,
      },
    ]);
  });

  it.each<[string, FilterView, RegExp]>([
    [
      'a negative default value on our log group',
      feeder('sg-offset', LOG_GROUP, { metricValue: '0', defaultValue: -5 }),
      /^metric filter sg-offset on log group .*management also writes to CISBenchmark\/SecurityGroupEventCount \(metricValue 0, defaultValue -5\): its negative values cancel/,
    ],
    [
      'a positive default value',
      feeder('noise', 'app-logs', { defaultValue: 1 }),
      /\(metricValue 1, defaultValue 1\): its default value counts every other event of its log group, so the alarm sits in ALARM and never notifies again/,
    ],
    [
      'positive counts only',
      feeder('extra', 'app-logs'),
      /\(metricValue 1\): it adds counts the control's filter does not make/,
    ],
    [
      'our own filter name on another log group',
      feeder(OURS, 'old-trail-logs'),
      new RegExp(`^metric filter ${OURS} on log group old-trail-logs also writes`),
    ],
  ])('%s → blocking finding', (_label, other, message) => {
    const p = planDrift(feeding(feeder(OURS, LOG_GROUP), other));
    expect(p.findings).toEqual([
      { code: 'metric-fed-by-other-filter', blocking: true, message: expect.stringMatching(message) },
    ]);
  });

  it('one finding per foreign filter in force (the last listed per group and name)', () => {
    const p = planDrift(
      feeding(
        feeder('a', 'g1', { metricValue: '5' }),
        feeder('a', 'g1', { metricValue: '-1' }),
        feeder('a', 'g2'),
      ),
    );
    expect(p.findings.map((f) => f.message.split(' also ')[0])).toEqual([
      'metric filter a on log group g1',
      'metric filter a on log group g2',
    ]);
    expect(p.findings[0]?.message).toContain('(metricValue -1)');
  });
});
