/**
 * The AWS-faithful layer (scripts/lib/faithful, docs/aws-differences.md) answers as AWS documents where
 * moto 5.2.5 is laxer: alarm actions and custom event selectors here; subscription confirmation in
 * aws-differences-subscriptions.test.ts, metric filters in aws-differences-filters.test.ts. Each test
 * shows moto's own answer (the bare emulator) beside the layer's (the person's clients of `useWorld`),
 * so a moto upgrade that fixes a difference is noticed.
 */
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailCommand,
  PutEventSelectorsCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  ValidationException,
} from '@aws-sdk/client-cloudwatch';
import { ACCOUNT_ID, REGION } from '../../scripts/lib/emulator';
import { CONTROL, TRAIL, USER } from '../../scripts/lib/seed';
import { rejection, useBareEmulator } from './support/bare';
import { useWorld } from './support/harness';

const TOPICS = Array.from({ length: 6 }, (_, i) => `arn:aws:sns:${REGION}:${ACCOUNT_ID}:extra-${i}`);
const ALARM = { ...CONTROL.alarm, AlarmActions: TOPICS };
const bare = useBareEmulator();

describe('the AWS-faithful layer: alarm actions (at most 5 per list)', () => {
  const world = useWorld('compliant');

  it('moto stores six AlarmActions; through the layer PutMetricAlarm fails with ValidationError and the alarm stays as it was', async () => {
    await bare().cloudwatch.send(new PutMetricAlarmCommand({ ...ALARM, AlarmName: 'moto-six' }));
    const stored = await bare().cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['moto-six'] }));
    expect(stored.MetricAlarms?.[0]?.AlarmActions).toHaveLength(6);

    const error = await rejection(world.account.cloudwatch.send(new PutMetricAlarmCommand(ALARM)));

    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({ Code: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    expect(error?.message).toBe(
      `1 validation error detected: Value '[${TOPICS.join(', ')}]' at 'alarmActions' failed to satisfy constraint: Member must have length less than or equal to 5`,
    );
    const ours = await world.account.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] }),
    );
    expect(ours.MetricAlarms?.[0]?.AlarmActions).toEqual([CONTROL.topicArn, USER.extraAlarmAction]);
  });

  it('five actions are accepted; six OKActions are refused naming oKActions', async () => {
    const five = { ...ALARM, AlarmActions: TOPICS.slice(0, 5) };
    await world.account.cloudwatch.send(new PutMetricAlarmCommand(five));
    const error = await rejection(
      world.account.cloudwatch.send(new PutMetricAlarmCommand({ ...five, OKActions: TOPICS })),
    );
    expect(error?.message).toMatch(/^1 validation error detected: Value '\[.*\]' at 'oKActions' failed/);
  });
});

describe('the AWS-faithful layer: HasCustomEventSelectors', () => {
  const world = useWorld('compliant');
  const readOnly = {
    TrailName: TRAIL.arn,
    EventSelectors: [{ ReadWriteType: 'ReadOnly' as const, IncludeManagementEvents: true }],
  };

  it('moto answers false after PutEventSelectors; the layer answers true, and the default selector before', async () => {
    const before = await world.account.cloudtrail.send(
      new GetEventSelectorsCommand({ TrailName: TRAIL.arn }),
    );
    expect(before.EventSelectors).toEqual([
      {
        ReadWriteType: 'All',
        IncludeManagementEvents: true,
        DataResources: [],
        ExcludeManagementEventSources: [],
      },
    ]);

    await world.account.cloudtrail.send(new PutEventSelectorsCommand(readOnly));

    const motoSays = await bare().cloudtrail.send(new DescribeTrailsCommand({}));
    expect(motoSays.trailList?.[0]?.HasCustomEventSelectors).toBe(false);
    const trails = await world.account.cloudtrail.send(new DescribeTrailsCommand({}));
    expect(trails.trailList?.map((t) => [t.Name, t.HasCustomEventSelectors])).toEqual([[TRAIL.name, true]]);
    const trail = await world.account.cloudtrail.send(new GetTrailCommand({ Name: TRAIL.name }));
    expect(trail.Trail?.HasCustomEventSelectors).toBe(true);
    const after = await world.account.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: TRAIL.arn }));
    expect(after.EventSelectors).toEqual(readOnly.EventSelectors);
    expect(after.AdvancedEventSelectors).toBeUndefined();
  });

  it('end to end: a trail whose selectors record only reads is NON_COMPLIANT, naming it (the selector check runs against the emulator)', async () => {
    await world.account.cloudtrail.send(new PutEventSelectorsCommand(readOnly));

    const run = await world.invoke('cloudtrail-put-event-selectors');

    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      findings: [`trail ${TRAIL.name} does not record management write events from ec2.amazonaws.com`],
    });
    expect(run.writes).toEqual([]);
    expect(run.calls.map((c) => c.operation)).toContain('GetEventSelectors');
  });
});
