import { ListTagsForResourceCommand } from '@aws-sdk/client-sns';
import { CONTROL } from '../../scripts/lib/seed';
import {
  alarmTags,
  expectCompliantWithoutWrites,
  expectControlHolds,
  expectRepaired,
} from './support/control';
import { useWorld } from './support/harness';

const MANAGED = { Key: 'managed-by', Value: 'cis-monitoring-enforcer' };

describe('scenario 1: fresh account, nothing of the control exists', () => {
  const world = useWorld('fresh');

  it('creates the topic, subscribes the configured endpoint, creates filter and alarm; the next run writes nothing', async () => {
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
    );
    expect(run.report.trigger).toEqual({ kind: 'schedule', time: '2026-11-26T06:00:00Z' });
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

  it('is COMPLIANT on every trigger kind without a single write request', async () => {
    for (const event of ['schedule', 'manual', 'cloudtrail-put-metric-alarm']) {
      expectCompliantWithoutWrites(await world.invoke(event));
    }
    await expectControlHolds(world.account);
    expect(await snapshotNow(world)).toEqual(world.snapshot());
  });
});

async function snapshotNow(world: ReturnType<typeof useWorld>) {
  const { snapshotUserResources } = await import('../../scripts/lib/seed');
  return snapshotUserResources(world.account);
}
