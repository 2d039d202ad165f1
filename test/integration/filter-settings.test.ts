/**
 * Every metric filter setting, end to end through the AWS-faithful layer: moto 5.2.5 drops
 * applyOnTransformedLogs, fieldSelectionCriteria and emitSystemFieldDimensions from DescribeMetricFilters,
 * and the layer lists them as AWS does (docs/aws-differences.md, §4). On our filter each is drift,
 * rewritten away; on a user's chain each keeps it from holding.
 */
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { type MetricTransformation, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL, SECURITY_GROUP_EVENTS, TRAIL, USER } from '../../scripts/lib/seed';
import { expectRepaired, filterInForce, readControl } from './support/control';
import { ALICE, useWorld } from './support/harness';
import { expectHealedAndQuiet } from './support/tamper';

const OUR_METRIC = { metricNamespace: CONTROL.namespace, metricName: CONTROL.metricName, metricValue: '1' };
const SETTINGS = ['applyOnTransformedLogs', 'fieldSelectionCriteria', 'emitSystemFieldDimensions'] as const;

type Put = { filter?: Record<string, unknown>; metric?: Partial<MetricTransformation> };

describe('filter settings moto drops, seen through the AWS-faithful layer', () => {
  const world = useWorld('compliant');

  /** A console edit of our filter: the control's pattern and metric plus `put`. */
  const putOurs = (put: Put) =>
    world.account.logs.send(
      new PutMetricFilterCommand({
        logGroupName: TRAIL.logGroupName,
        filterName: CONTROL.filterName,
        filterPattern: CONTROL.pattern,
        metricTransformations: [{ ...OUR_METRIC, ...put.metric }],
        ...put.filter,
      }),
    );

  it.each<[string, Put, string]>([
    [
      'emitSystemFieldDimensions',
      { filter: { emitSystemFieldDimensions: ['@aws.account', '@aws.region'] } },
      'filter emits system field dimensions (@aws.account, @aws.region), so the alarm on the plain metric sees no data',
    ],
    [
      'fieldSelectionCriteria',
      { filter: { fieldSelectionCriteria: '@aws.region = "eu-west-1"' } },
      'filter only sees log events matching @aws.region = "eu-west-1", expected every event',
    ],
    [
      'applyOnTransformedLogs',
      { filter: { applyOnTransformedLogs: true } },
      "filter applies to transformed logs: its pattern runs on what the log group's transformer rewrote",
    ],
    [
      'defaultValue 1',
      { metric: { defaultValue: 1 } },
      'metric default value is 1, expected none: every other log event counts, so the alarm stays in ALARM and never notifies again',
    ],
  ])(
    'our filter put with %s → REPAIRED naming it; the rewrite leaves none of it',
    async (_l, put, reason) => {
      await putOurs(put);

      const run = await world.invoke('cloudtrail-put-metric-filter');

      expectRepaired(
        run,
        { eventName: 'PutMetricFilter', actor: ALICE },
        [{ resource: 'metric-filter', action: 'update', reasons: [reason] }],
        ['logs:PutMetricFilter'],
      );
      const stored = filterInForce(await readControl(world.account));
      for (const setting of SETTINGS) expect(stored).not.toHaveProperty(setting);
      expect(stored?.metricTransformations).toEqual([OUR_METRIC]);
      await expectHealedAndQuiet(world, 'cloudtrail-put-metric-filter');
    },
  );

  /** The user's own security group chain: their filter, metric and alarm, notifying their ops topic. */
  async function seedUserChain(filter: Record<string, unknown>): Promise<void> {
    const metric = { metricNamespace: 'LogMetrics', metricName: 'SecurityGroupEventCount', metricValue: '1' };
    await world.account.logs.send(
      new PutMetricFilterCommand({
        logGroupName: TRAIL.logGroupName,
        filterName: 'SecurityGroupChanges',
        filterPattern: `{ ${SECURITY_GROUP_EVENTS.map((n) => `$.eventName = ${n}`).join(' || ')} }`,
        metricTransformations: [metric],
        ...filter,
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
  }

  const userChain = (run: Awaited<ReturnType<typeof world.invoke>>) =>
    run.report.verdict?.chains.find((c) => c.filter === 'SecurityGroupChanges');

  it("a user's chain whose filter only sees some events is not listed as holding; without the criteria it holds", async () => {
    await seedUserChain({ fieldSelectionCriteria: '@aws.region = "eu-west-1"' });
    const narrowed = await world.invoke('schedule');
    expect(narrowed.report.status).toBe('COMPLIANT');
    expect(userChain(narrowed)).toMatchObject({
      state: 'unknown',
      gaps: [
        'filter only sees log events matching @aws.region = "eu-west-1": what that leaves out is not judged',
      ],
    });
    expect(narrowed.report.controlSatisfiedBy?.map((c) => c.filter)).not.toContain('SecurityGroupChanges');

    await seedUserChain({});
    const plain = await world.invoke('schedule');
    expect(userChain(plain)).toMatchObject({ state: 'holds', gaps: [] });
    expect(plain.report.controlSatisfiedBy?.map((c) => c.filter)).toContain('SecurityGroupChanges');
  });
});
