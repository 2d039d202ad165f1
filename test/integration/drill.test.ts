/**
 * Issue 16 items 5, 7 and 9 against the emulator with the real handler. moto 5.2.5 sets alarm states
 * (SetAlarmState) and keeps account aliases, but has no DescribeAlarmHistory and executes no alarm
 * action: the AWS-faithful layer records, when SetAlarmState changes a state, each action of the new
 * state as AWS's history would (executed, or failed with the error a scenario sets: the layer does not
 * evaluate topic policies or keys; scripts/lib/faithful/alarm-history.ts).
 */
import { DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CreateAccountAliasCommand, IAMClient } from '@aws-sdk/client-iam';
import { CONTROL } from '../../scripts/lib/seed';
import { alertSubject } from '../../src/notify';
import type { NotifiedReport } from '../../src/notify/notifier';
import { DEFAULT_ENV, useWorld, workerEndpoint } from './support/harness';
import { tamper } from './support/tamper';

const ALARM = CONTROL.alarm.AlarmName;
const DENIED = `Resource: arn:aws:cloudwatch:us-east-1:123456789012:alarm:${ALARM} is not authorized to perform: SNS:Publish on resource: ${CONTROL.topicArn}`;

const alarmNow = async (world: ReturnType<typeof useWorld>) => {
  const out = await world.account.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [ALARM] }));
  return out.MetricAlarms?.[0];
};
const ops = (calls: readonly { service: string; operation: string }[]) =>
  calls.map((c) => `${c.service}:${c.operation}`);

describe('fire drill {"drill": true}', () => {
  const world = useWorld('compliant');

  it('sets the alarm to ALARM with a drill reason, sees the notification handed to SNS, reports it and alerts DRILL', async () => {
    const run = await world.invoke('manual-drill');
    const report = run.report as NotifiedReport;

    expect(report.status).toBe('COMPLIANT');
    expect(report.trigger).toEqual({ kind: 'drill', by: 'manual' });
    expect(report.drill).toMatchObject({
      by: 'manual',
      topicArn: CONTROL.topicArn,
      confirmedSubscribers: 1,
      alarms: [{ control: 'CIS-4.10', alarm: ALARM, stateSet: true, outcome: 'handed-to-sns' }],
    });
    const alarm = await alarmNow(world);
    expect(alarm?.StateValue).toBe('ALARM');
    expect(alarm?.StateReason).toMatch(/^DRILL by cis-monitoring-enforcer at \S+, requested by a manual/);
    expect(alarm?.StateReason).toContain('next evaluation of its metric restores its state');
    // The only write is the drill's; the run read the history while waiting, and alerted once.
    expect(run.writes).toEqual(['monitoring:SetAlarmState']);
    expect(ops(run.calls)).toContain('monitoring:DescribeAlarmHistory');
    expect(run.alerts).toHaveLength(1);
    expect(report.notification).toMatchObject({ sent: true });
    expect(alertSubject(report)).toBe('CIS 4.10 DRILL: 1 alarm handed to SNS, 1 confirmed subscriber');
  });

  it('MODE=detect refuses it: a clear report, not one request', async () => {
    const run = await world.invoke('manual-drill', { ...DEFAULT_ENV, MODE: 'detect' });
    expect(run.report).toMatchObject({ status: 'IGNORED', mode: 'detect' });
    expect(run.report.reason).toContain('MODE=detect refuses it');
    expect(run.report.drill?.refused).toContain('nothing was read or written');
    expect(run.calls).toEqual([]);
    expect((await alarmNow(world))?.StateValue).not.toBe('ALARM');
  });

  it('a notification CloudWatch fails to publish: NON_COMPLIANT quoting AWS, and the next sweep still says so until a drill succeeds', async () => {
    world.faithful.failActions(CONTROL.topicArn, DENIED);
    const drill = await world.invoke('manual-drill');
    expect(drill.report.status).toBe('NON_COMPLIANT');
    expect(drill.report.drill?.alarms[0]).toMatchObject({ outcome: 'failed', reason: DENIED });
    expect(drill.report.findings.join('\n')).toContain(`CloudWatch failed to notify ${CONTROL.topicArn}`);
    expect(alertSubject(drill.report)).toBe(
      'CIS 4.10 DRILL: 1 alarm FAILED to notify, 1 confirmed subscriber',
    );

    // The daily sweep reads the history: the failed publish since the last success is blocking.
    const sweep = await world.invoke('schedule');
    expect(sweep.report.status).toBe('NON_COMPLIANT');
    expect(sweep.report.findings.join('\n')).toContain(`AWS said "${DENIED}"`);
    expect(sweep.writes).toEqual([]);

    // Fixed, the alarm back to OK by its next evaluation (here: a person), a drill succeeds: clear.
    world.faithful.failActions(CONTROL.topicArn, undefined);
    await world.account.cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: ALARM, StateValue: 'OK', StateReason: 'evaluated' }),
    );
    expect((await world.invoke('manual-drill')).report.drill?.alarms[0]?.outcome).toBe('handed-to-sns');
    expect((await world.invoke('schedule')).report.status).toBe('COMPLIANT');
  });

  it('an alarm whose actions are disabled is repaired first, then drilled', async () => {
    await tamper.disableAlarmActions(world.account);
    const run = await world.invoke('manual-drill');
    expect(run.report.status).toBe('REPAIRED');
    expect(run.report.drill?.alarms[0]).toMatchObject({ outcome: 'handed-to-sns' });
    expect(run.writes).toEqual(['monitoring:PutMetricAlarm', 'monitoring:SetAlarmState']);
  });

  it('an alarm already in ALARM is not set again (no action would run), and says why', async () => {
    await world.invoke('manual-drill');
    const again = await world.invoke('manual-drill');
    expect(again.report.drill?.alarms[0]).toMatchObject({ outcome: 'not-drilled', stateSet: false });
    expect(again.report.drill?.alarms[0]?.reason).toContain('already in ALARM');
    expect(again.writes).toEqual([]);
  });
});

describe('the alarm history is read on the daily sweep, not on event-driven runs', () => {
  const world = useWorld('compliant');

  it.each([
    ['schedule', 1],
    ['manual', 1],
    ['cloudtrail-delete-user-alarm', 0],
    ['cloudtrail-delete-role', 0],
  ])('%s → %s DescribeAlarmHistory', async (event, count) => {
    const run = await world.invoke(event);
    expect(run.report.status).toBe('COMPLIANT');
    expect(ops(run.calls).filter((c) => c === 'monitoring:DescribeAlarmHistory')).toHaveLength(count);
  });
});

describe('alerts name the account by its alias (moto keeps CreateAccountAlias)', () => {
  const world = useWorld('compliant');

  it('asks IAM once per cold start, on the first alert, and names alias and id', async () => {
    const iam = new IAMClient({
      endpoint: workerEndpoint(),
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'prod-main' }));
    iam.destroy();

    const quiet = await world.invoke('schedule');
    expect(ops(quiet.calls)).not.toContain('iam:ListAccountAliases');

    await tamper.deleteAlarm(world.account);
    const first = await world.invoke('cloudtrail-delete-alarms');
    const report = first.report as NotifiedReport;
    expect(report).toMatchObject({ status: 'REPAIRED', accountAlias: 'prod-main' });
    expect(report.notification).toMatchObject({ sent: true });
    expect(alertSubject(report)).toMatch(/^\[prod-main 123456789012\] CIS 4\.10 alarm restored/);
    expect(ops(first.calls).filter((c) => c === 'iam:ListAccountAliases')).toHaveLength(1);

    await tamper.deleteAlarm(world.account);
    const second = await world.invoke('cloudtrail-delete-alarms');
    expect(second.report).toMatchObject({ status: 'REPAIRED', accountAlias: 'prod-main' });
    expect(ops(second.calls)).not.toContain('iam:ListAccountAliases');
  });
});
