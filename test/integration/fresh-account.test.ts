import { ListTagsForResourceCommand } from '@aws-sdk/client-sns';
import { CONTROL } from '../../scripts/lib/seed';
import {
  AWAITING_CONFIRMATION,
  alarmTags,
  expectCompliantWithoutWrites,
  expectControlHolds,
  expectRepaired,
  expectTouchTold,
} from './support/control';
import { useWorld } from './support/harness';

const MANAGED = { Key: 'managed-by', Value: 'cis-monitoring-enforcer' };

describe('scenario 1: fresh account, nothing of the control exists', () => {
  const world = useWorld('fresh');

  // On AWS the new email subscription waits for its owner (the faithful layer keeps it pending):
  // the first run builds everything and ends NON_COMPLIANT naming it; the second writes nothing and
  // still says so; once the owner confirms, the control holds and runs are quiet.
  it('creates the topic, subscribes the configured endpoint, creates filter and alarm; NON_COMPLIANT until the subscriber confirms, then COMPLIANT without writes', async () => {
    const run = await world.invoke('schedule');

    expectRepaired(
      run,
      {},
      [
        { resource: 'topic', action: 'create', reasons: ['topic does not exist'] },
        {
          resource: 'subscription',
          action: 'create',
          reasons: [`email:${CONTROL.subscriber} is not subscribed`],
        },
        { resource: 'metric-filter', action: 'create', reasons: ['metric filter does not exist'] },
        { resource: 'alarm', action: 'create', reasons: ['alarm does not exist'] },
      ],
      ['sns:CreateTopic', 'sns:Subscribe', 'logs:PutMetricFilter', 'monitoring:PutMetricAlarm'],
      AWAITING_CONFIRMATION,
    );
    expect(run.report.trigger).toEqual({ kind: 'schedule', time: '2026-11-26T06:00:00Z' });
    const waiting = await world.invoke('schedule');
    expect(waiting.report).toMatchObject({ status: 'NON_COMPLIANT', changes: [], errors: [] });
    expect(waiting.report.findings).toEqual(AWAITING_CONFIRMATION.findings);
    expect(waiting.writes).toEqual([]);

    await world.faithful.confirm(CONTROL.subscriber);
    const state = await expectControlHolds(world.account);
    expect(state.filters).toHaveLength(1);
    expect(state.alarm?.AlarmActions).toEqual([CONTROL.topicArn]);
    expect(await alarmTags(world.account, state.alarm?.AlarmArn)).toContainEqual(MANAGED);
    const topicTags = await world.account.sns.send(
      new ListTagsForResourceCommand({ ResourceArn: CONTROL.topicArn }),
    );
    expect(topicTags.Tags).toContainEqual(MANAGED);

    expectCompliantWithoutWrites(await world.invoke('schedule'));
    expect(await snapshotNow(world)).toEqual(world.snapshot());
  });
});

describe('baseline: an account remediated as CIS describes', () => {
  const world = useWorld('compliant');

  it('is COMPLIANT on every trigger kind without a single write request; a PutMetricAlarm by someone else on the alarm is told once', async () => {
    for (const event of ['schedule', 'manual']) {
      expectCompliantWithoutWrites(await world.invoke(event));
    }
    expectTouchTold(await world.invoke('cloudtrail-put-metric-alarm'), 'alarm');
    expectCompliantWithoutWrites(await world.invoke('cloudtrail-put-metric-alarm'));
    await expectControlHolds(world.account);
    expect(await snapshotNow(world)).toEqual(world.snapshot());
  });
});

async function snapshotNow(world: ReturnType<typeof useWorld>) {
  const { snapshotUserResources } = await import('../../scripts/lib/seed');
  return snapshotUserResources(world.account);
}
