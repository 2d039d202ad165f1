import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL, SECURITY_GROUP_EVENTS, TRAIL, USER } from '../../scripts/lib/seed';
import { expectCompliantWithoutWrites, expectRepaired, filterInForce, readControl } from './support/control';
import { ALICE, useWorld, type World } from './support/harness';
import { tamper } from './support/tamper';

const MALLORY = 'arn:aws:iam::123456789012:user/mallory';
const SIX = SECURITY_GROUP_EVENTS.map((name) => `$.eventName = ${name}`).join(' || ');
/** The six terms, with the attacker exempting themselves: the alarm never fires for mallory's changes. */
const EXEMPT_MALLORY = `{ (${SIX}) && $.userIdentity.arn != "${MALLORY}" }`;

/** A user's own chain: a filter with this pattern → its own metric → an alarm → the user's topic. */
async function userChain(world: World, name: string, pattern: string): Promise<void> {
  const metric = { metricNamespace: 'LogMetrics', metricName: `${name}Count`, metricValue: '1' };
  await world.account.logs.send(
    new PutMetricFilterCommand({
      logGroupName: TRAIL.logGroupName,
      filterName: name,
      filterPattern: pattern,
      metricTransformations: [metric],
    }),
  );
  await world.account.cloudwatch.send(
    new PutMetricAlarmCommand({
      ...CONTROL.alarm,
      AlarmName: name,
      Namespace: metric.metricNamespace,
      MetricName: metric.metricName,
      AlarmActions: [USER.topicArn],
    }),
  );
}

describe('the exact pattern judge against the emulator: a clause on a field no sample varies is caught', () => {
  const world = useWorld('compliant');

  it('our filter rewritten to the six terms && userIdentity.arn != mallory is REPAIRED: the filter is rewritten', async () => {
    await tamper.putFilter(world.account, { pattern: EXEMPT_MALLORY });

    const run = await world.invoke('cloudtrail-put-metric-filter');

    const reasons = SECURITY_GROUP_EVENTS.map(
      (name) => `pattern does not match ${name} when userIdentity.arn is ${MALLORY}`,
    );
    expectRepaired(
      run,
      { eventName: 'PutMetricFilter', actor: ALICE },
      [{ resource: 'metric-filter', action: 'update', reasons }],
      ['logs:PutMetricFilter'],
    );
    expect(run.report.changes[0]?.before).toMatchObject({ pattern: EXEMPT_MALLORY });
    expect(filterInForce(await readControl(world.account))?.filterPattern).toBe(CONTROL.pattern);
    expectCompliantWithoutWrites(await world.invoke('schedule'));
  });

  it("a user's chain whose filter exempts mallory no longer holds; an equivalent user chain still does", async () => {
    await userChain(world, 'SecurityGroupChanges', EXEMPT_MALLORY);
    const reordered = [...SECURITY_GROUP_EVENTS].reverse().map((name) => `($.eventName = "${name}")`);
    await userChain(world, 'sg-changes-equivalent', `{ ${reordered.join(' || ')} }`);

    const run = await world.invoke('schedule');

    expectCompliantWithoutWrites(run);
    const holding = run.report.controlSatisfiedBy?.map((chain) => chain.filter) ?? [];
    expect(holding).toContain('sg-changes-equivalent');
    expect(holding).not.toContain('SecurityGroupChanges');
    const judged = run.report.verdict?.chains.map((chain) => chain.filter) ?? [];
    expect(judged).toContain('sg-changes-equivalent');
    expect(judged).not.toContain('SecurityGroupChanges');
  });
});
