import { CONTROL, SECURITY_GROUP_EVENTS } from '../../scripts/lib/seed';
import { expectRepaired, filterInForce, readControl } from './support/control';
import { ALICE, useWorld } from './support/harness';
import { expectHealedAndQuiet, tamper } from './support/tamper';

const pattern = (names: readonly string[], join: string) =>
  `{ ${names.map((name) => `($.eventName = ${name})`).join(` ${join} `)} }`;

describe('metric filter tampering, repaired on the CloudTrail event that caused it', () => {
  const world = useWorld('compliant');

  it('scenario 2: a deleted metric filter is created again', async () => {
    await tamper.deleteFilter(world.account);
    expect((await readControl(world.account)).filters).toEqual([]);

    const run = await world.invoke('cloudtrail-delete-metric-filter');

    expectRepaired(
      run,
      { eventName: 'DeleteMetricFilter', actor: ALICE },
      [{ resource: 'metric-filter', action: 'create', reasons: ['metric filter does not exist'] }],
      ['logs:PutMetricFilter'],
    );
    await expectHealedAndQuiet(world, 'cloudtrail-delete-metric-filter');
  });

  it('scenario 3a: a pattern weakened by dropping RevokeSecurityGroupEgress is rewritten', async () => {
    const weakened = pattern(
      SECURITY_GROUP_EVENTS.filter((name) => name !== 'RevokeSecurityGroupEgress'),
      '||',
    );
    await tamper.putFilter(world.account, { pattern: weakened });

    const run = await world.invoke('cloudtrail-put-metric-filter');

    expectRepaired(
      run,
      { eventName: 'PutMetricFilter', actor: ALICE },
      [
        {
          resource: 'metric-filter',
          action: 'update',
          reasons: ['pattern does not match RevokeSecurityGroupEgress'],
        },
      ],
      ['logs:PutMetricFilter'],
    );
    expect(run.report.changes[0]?.before).toMatchObject({ pattern: weakened });
    await expectHealedAndQuiet(world, 'cloudtrail-put-metric-filter');
  });

  it('scenario 3b: a pattern whose || were turned into && (it matches nothing) is rewritten', async () => {
    await tamper.putFilter(world.account, { pattern: pattern(SECURITY_GROUP_EVENTS, '&&') });

    const run = await world.invoke('cloudtrail-put-metric-filter');

    const reasons = SECURITY_GROUP_EVENTS.map((name) => `pattern does not match ${name}`);
    expectRepaired(
      run,
      { eventName: 'PutMetricFilter', actor: ALICE },
      [{ resource: 'metric-filter', action: 'update', reasons }],
      ['logs:PutMetricFilter'],
    );
    await expectHealedAndQuiet(world, 'cloudtrail-put-metric-filter');
  });

  it.each([
    [
      'namespace',
      { namespace: 'Custom' },
      'metric is Custom/SecurityGroupEventCount, expected CISBenchmark/SecurityGroupEventCount',
    ],
    ['value 1 → 0', { value: '0' }, 'metric value is 0, expected 1'],
  ])('scenario 4: a changed metric transformation (%s) is rewritten', async (_, change, reason) => {
    await tamper.putFilter(world.account, change);

    const run = await world.invoke('cloudtrail-put-metric-filter');

    expectRepaired(
      run,
      { eventName: 'PutMetricFilter', actor: ALICE },
      [{ resource: 'metric-filter', action: 'update', reasons: [reason] }],
      ['logs:PutMetricFilter'],
    );
    await expectHealedAndQuiet(world, 'cloudtrail-put-metric-filter');
  });

  // PutMetricFilter with an existing name replaces the filter on AWS (moto 5.2.5 appends a second
  // entry; the faithful layer corrects it, see aws-differences.test.ts).
  it('a tampered filter and its repair each replace the filter: one filter with the control name is listed, the canonical one', async () => {
    await tamper.putFilter(world.account, { value: '0' });
    expect((await readControl(world.account)).filters).toHaveLength(1);
    await world.invoke('cloudtrail-put-metric-filter');

    const state = await readControl(world.account);
    expect(state.filters.map((f) => f.metricTransformations?.[0]?.metricValue)).toEqual(['1']);
    expect(filterInForce(state)?.filterPattern).toBe(CONTROL.pattern);
  });
});
