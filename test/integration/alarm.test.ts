import { CONTROL, USER } from '../../scripts/lib/seed';
import { expectRepaired, readControl } from './support/control';
import { ALICE, useWorld } from './support/harness';
import { expectHealedAndQuiet, tamper, userResourcesNow } from './support/tamper';

const EVENT = { eventName: 'PutMetricAlarm', actor: ALICE };

describe('alarm tampering, repaired on the CloudTrail event that caused it', () => {
  const world = useWorld('compliant');

  it('scenario 5: a deleted alarm is created again', async () => {
    await tamper.deleteAlarm(world.account);

    const run = await world.invoke('cloudtrail-delete-alarms');

    expectRepaired(
      run,
      { eventName: 'DeleteAlarms', actor: ALICE },
      [{ resource: 'alarm', action: 'create', reasons: ['alarm does not exist'] }],
      ['monitoring:PutMetricAlarm'],
    );
    // Deleting the alarm also deleted the action the user had added to it: the enforcer cannot know it.
    const { extraAlarmActions, ...rest } = world.snapshot();
    const now = await userResourcesNow(world);
    expect(now.extraAlarmActions).toEqual({ AlarmActions: [], OKActions: [], InsufficientDataActions: [] });
    expect({ ...now, extraAlarmActions }).toEqual({ ...rest, extraAlarmActions });
    expect((await readControl(world.account)).alarm?.AlarmActions).toEqual([CONTROL.topicArn]);
    await world.invoke('cloudtrail-delete-alarms').then((again) => expect(again.writes).toEqual([]));
  });

  it.each([
    ['threshold', { Threshold: 10 }, 'threshold is 10, expected 1'],
    ['period', { Period: 3600 }, 'period is 3600, expected 300'],
    ['statistic', { Statistic: 'Average' as const }, 'statistic is Average, expected Sum'],
    [
      'comparison',
      { ComparisonOperator: 'GreaterThanThreshold' as const },
      'comparison operator is GreaterThanThreshold, expected GreaterThanOrEqualToThreshold',
    ],
    [
      'evaluation periods',
      { EvaluationPeriods: 3, DatapointsToAlarm: 1 },
      'evaluation periods is 3, expected 1',
    ],
  ])('scenario 6: a changed %s is set back, keeping the user action', async (_, change, reason) => {
    await tamper.putAlarm(world.account, change);

    const run = await world.invoke('cloudtrail-put-metric-alarm');

    expectRepaired(
      run,
      EVENT,
      [{ resource: 'alarm', action: 'update', reasons: [reason] }],
      ['monitoring:PutMetricAlarm'],
    );
    await expectHealedAndQuiet(world, 'cloudtrail-put-metric-alarm');
  });

  it('scenario 7: disabled alarm actions are enabled again (DisableAlarmActions keeps the alarm but silences it)', async () => {
    await tamper.disableAlarmActions(world.account);
    expect((await readControl(world.account)).alarm?.ActionsEnabled).toBe(false);

    const run = await world.invoke('cloudtrail-disable-alarm-actions');

    expectRepaired(
      run,
      { eventName: 'DisableAlarmActions', actor: ALICE },
      [{ resource: 'alarm', action: 'update', reasons: ['ActionsEnabled was false'] }],
      ['monitoring:PutMetricAlarm'],
    );
    await expectHealedAndQuiet(world, 'cloudtrail-disable-alarm-actions');
  });

  it("scenario 8: the topic removed from the alarm's actions is added back and the user's action stays", async () => {
    await tamper.putAlarm(world.account, { AlarmActions: [USER.extraAlarmAction] });

    const run = await world.invoke('cloudtrail-put-metric-alarm');

    expectRepaired(
      run,
      EVENT,
      [
        {
          resource: 'alarm',
          action: 'update',
          reasons: [`topic ${CONTROL.topicArn} missing from AlarmActions`],
        },
      ],
      ['monitoring:PutMetricAlarm'],
    );
    expect((await readControl(world.account)).alarm?.AlarmActions).toEqual([
      USER.extraAlarmAction,
      CONTROL.topicArn,
    ]);
    await expectHealedAndQuiet(world, 'cloudtrail-put-metric-alarm');
  });
});
