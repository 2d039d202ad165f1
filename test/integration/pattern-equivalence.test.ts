import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL, SECURITY_GROUP_EVENTS, TRAIL, USER } from '../../scripts/lib/seed';
import { expectCompliantWithoutWrites, expectTouchTold, filterInForce, readControl } from './support/control';
import { DEFAULT_ENV, useWorld } from './support/harness';
import { tamper } from './support/tamper';

const terms = (term: (name: string) => string, names: readonly string[] = SECURITY_GROUP_EVENTS) =>
  names.map(term);

/** Our chain as the report's `controlSatisfiedBy` names it (the seeded topic has one confirmed subscriber). */
const OUR_CHAIN = {
  filter: CONTROL.filterName,
  metric: { namespace: CONTROL.namespace, name: CONTROL.metricName },
  alarm: CONTROL.alarm.AlarmName,
  topic: CONTROL.topicArn,
  confirmedSubscribers: 1,
  ours: true,
};

describe('pattern equivalence against the emulator: judged by meaning, not text', () => {
  const world = useWorld('compliant');

  it.each<[string, string]>([
    ['no blanks at all (Security Hub text)', `{${terms((n) => `($.eventName=${n})`).join('||')}}`],
    [
      'reversed order, quoted, no parentheses',
      `{ ${terms((n) => `$.eventName = "${n}"`, [...SECURITY_GROUP_EVENTS].reverse()).join(' || ')} }`,
    ],
    [
      "the seed's mixed spacing",
      CONTROL.pattern
        .replace('= AuthorizeSecurityGroupEgress', '=AuthorizeSecurityGroupEgress')
        .replace('{ (', '{('),
    ],
    [
      'line breaks and redundant parentheses',
      `{\n  ((${terms((n) => `($.eventName = ${n})`).join(' ||\n   ')}))\n}`,
    ],
  ])(
    'an equivalent pattern on our filter (%s) causes zero writes (the edit is told once), and the control still holds',
    async (_label, equivalent) => {
      await tamper.putFilter(world.account, { pattern: equivalent });

      const run = await world.invoke('cloudtrail-put-metric-filter');

      expectTouchTold(run, 'metric-filter');
      expect(filterInForce(await readControl(world.account))?.filterPattern).toBe(equivalent);
      // Our alarm also notifies the user's ops-alerts topic: that chain holds too (not all ours).
      expect(run.report.controlSatisfiedBy).toEqual([
        OUR_CHAIN,
        { ...OUR_CHAIN, topic: USER.topicArn, ours: false },
      ]);
    },
  );

  it('a compliant run reads the chain with no DescribeAlarmsForMetric (our alarm, read by name, is the alarm on our metric) and one subscriber list per other local topic', async () => {
    const run = await world.invoke('schedule');

    expectCompliantWithoutWrites(run);
    const reads = (operation: string) => run.calls.filter((c) => c.operation === operation).length;
    // The user added their ops-alerts topic to our alarm: its subscribers are counted too.
    expect([reads('DescribeAlarmsForMetric'), reads('ListSubscriptionsByTopic')]).toEqual([0, 2]);
    expect(run.report.verdict?.chains.map((c) => [c.topic, c.state])).toEqual([
      [CONTROL.topicArn, 'holds'],
      [USER.topicArn, 'holds'],
    ]);
  });

  it("detect mode with our filter deleted: DRIFT_DETECTED, yet the user's own equivalent chain satisfies the control", async () => {
    const metric = { metricNamespace: 'LogMetrics', metricName: 'SecurityGroupEventCount', metricValue: '1' };
    await world.account.logs.send(
      new PutMetricFilterCommand({
        logGroupName: TRAIL.logGroupName,
        filterName: 'SecurityGroupChanges',
        filterPattern: `{${terms((n) => `$.eventName = ${n}`).join(' || ')}}`,
        metricTransformations: [metric],
      }),
    );
    await world.account.cloudwatch.send(
      new PutMetricAlarmCommand({
        ...CONTROL.alarm,
        AlarmName: 'SecurityGroupChanges',
        Namespace: metric.metricNamespace,
        MetricName: metric.metricName,
        AlarmActions: [USER.topicArn],
      }),
    );
    await tamper.deleteFilter(world.account);

    const run = await world.invoke('cloudtrail-delete-metric-filter', { ...DEFAULT_ENV, MODE: 'detect' });

    expect(run.report.status).toBe('DRIFT_DETECTED');
    expect(run.writes).toEqual([]);
    expect(run.report.controlSatisfiedBy).toEqual([
      {
        filter: 'SecurityGroupChanges',
        metric: { namespace: 'LogMetrics', name: 'SecurityGroupEventCount' },
        alarm: 'SecurityGroupChanges',
        topic: USER.topicArn,
        confirmedSubscribers: 1,
        ours: false,
      },
    ]);
  });
});
