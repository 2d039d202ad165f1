import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { CONTROL } from '../../scripts/lib/seed';
import { expectRepaired, readControl } from './support/control';
import { ALICE, DEFAULT_ENV, useWorld } from './support/harness';
import { expectHealedAndQuiet, tamper, userResourcesNow } from './support/tamper';

describe('scenario 11: trail logging stopped', () => {
  const world = useWorld('compliant');

  it('is restarted (StartLogging) by default', async () => {
    await tamper.stopLogging(world.account);

    const run = await world.invoke('cloudtrail-stop-logging');

    expectRepaired(
      run,
      { eventName: 'StopLogging', actor: ALICE },
      [{ resource: 'trail', action: 'update', reasons: ['trail management-events logging was stopped'] }],
      ['cloudtrail:StartLogging'],
    );
    await expectHealedAndQuiet(world, 'cloudtrail-stop-logging');
  });

  it('is left stopped and reported NON_COMPLIANT when HEAL_TRAIL_LOGGING=false', async () => {
    await tamper.stopLogging(world.account);

    const run = await world.invoke('cloudtrail-stop-logging', {
      ...DEFAULT_ENV,
      HEAL_TRAIL_LOGGING: 'false',
    });

    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      changes: [],
      findings: ['trail management-events is not logging (HEAL_TRAIL_LOGGING=false, so it was left stopped)'],
      trigger: { eventName: 'StopLogging', actor: { arn: ALICE } },
    });
    expect(run.writes).toEqual([]);
    expect((await readControl(world.account)).trailLogging).toBe(false);
    expect(await userResourcesNow(world)).toEqual(world.snapshot());
  });
});

describe('scenario 12: the trail no longer qualifies; the enforcer creates nothing', () => {
  // Starts from a fresh account, so "nothing created" is visible: a qualifying trail would get all four.
  const world = useWorld('fresh');

  // moto 5.2.5 accepts UpdateTrail with empty CloudWatchLogsLogGroupArn/RoleArn, as the AWS CLI
  // documents for turning delivery off, and then describes the trail with an empty group ARN.
  it.each([
    [
      'CloudWatch Logs delivery removed',
      { CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' },
      'trail management-events does not deliver to a CloudWatch Logs group',
    ],
    ['single-region', { IsMultiRegionTrail: false }, 'trail management-events is not multi-region'],
  ])('%s → NON_COMPLIANT with that reason', async (_, change, reason) => {
    await tamper.updateTrail(world.account, change);

    const run = await world.invoke('cloudtrail-update-trail');

    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      changes: [],
      findings: [reason],
      trigger: { eventName: 'UpdateTrail', actor: { arn: ALICE } },
    });
    expect(run.writes).toEqual([]);
    const state = await readControl(world.account);
    expect(state.filters).toEqual([]);
    expect(state.alarm).toBeUndefined();
    const topics = await world.account.sns.send(new ListTopicsCommand({}));
    expect(topics.Topics?.map((t) => t.TopicArn)).not.toContain(CONTROL.topicArn);
    const alarms = await world.account.cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(alarms.MetricAlarms).toHaveLength(3);
    expect(await userResourcesNow(world)).toEqual(world.snapshot());
  });
});
