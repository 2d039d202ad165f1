/**
 * Issue 16 item 7, the fire drill, with mocks of the SDK's real shapes (the mock account's alarms take
 * SetAlarmState and record their actions in history as AWS does: test/unit/support/alarm-history-mock.ts)
 * and a fake clock, so the 60-second wait is walked through without waiting.
 */
import {
  CloudWatchServiceException,
  DescribeAlarmHistoryCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { createClients } from '../../src/aws/clients';
import { DRILL_WAIT_MS, runDrill } from '../../src/drill';
import { POLL_DELAYS_MS } from '../../src/drill/alarms';
import { alertSubject, buildAlert } from '../../src/notify';
import type { Report } from '../../src/report';
import { classify } from '../../src/triggers/events';
import { runEvent } from '../../src/triggers/run';
import {
  type AccountMocks,
  type AccountState,
  compliant,
  configFor,
  mockAccount,
  REGION,
  TOPIC_ARN,
  without,
  writesSent,
} from '../support/builders';
import { failActions } from './support/alarm-history-mock';

const ALARM = 'CIS-4.10-SecurityGroupChanges';
const DENIED = `Resource: arn:aws:cloudwatch:us-east-1:123456789012:alarm:${ALARM} is not authorized to perform: SNS:Publish on resource: ${TOPIC_ARN}`;
const clients = createClients(REGION);
const DRILL = { kind: 'drill', by: 'manual' } as const;

/** A clock whose sleeps pass at once, keeping count of the time they stood for. */
function fakeClock() {
  let now = Date.parse('2026-11-26T09:00:00Z');
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

let mocks: AccountMocks | undefined;
afterEach(() => {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  mocks = undefined;
});

async function drill(state: AccountState, env: Record<string, string> = {}, remainingMs?: () => number) {
  mocks = mockAccount(state);
  const clock = fakeClock();
  const options = remainingMs ? { clock, remainingMs } : { clock };
  const report = await runDrill({ clients, config: configFor(env) }, DRILL, options);
  return { report, clock, mocks };
}

const sets = (m: AccountMocks) => m.cloudwatch.commandCalls(SetAlarmStateCommand).map((c) => c.args[0].input);

describe('classify: the drill payload', () => {
  it.each([
    [{ drill: true }, { run: true, trigger: { kind: 'drill', by: 'manual' } }],
    [{ drill: 'schedule' }, { run: true, trigger: { kind: 'drill', by: 'schedule' } }],
    [{ drill: false }, { run: true, trigger: { kind: 'manual', dryRun: false } }],
  ])('%j → %j', (event, classified) => {
    expect(classify(event)).toEqual(classified);
  });

  it.each([
    [{ drill: true, dryRun: true }, /has no dry run/],
    [{ drill: 'yes' }, /drill must be true/],
    [{ drill: 1 }, /drill must be true/],
  ])('%j → IGNORED, nothing done', (event, reason) => {
    expect(classify(event)).toMatchObject({
      run: false,
      status: 'IGNORED',
      reason: expect.stringMatching(reason),
    });
  });
});

describe('runDrill', () => {
  it('sets the alarm to ALARM with a drill reason and reports the notification handed to SNS', async () => {
    const { report, mocks, clock } = await drill(compliant());
    expect(report.status).toBe('COMPLIANT');
    expect(report.drill).toMatchObject({
      by: 'manual',
      topicArn: TOPIC_ARN,
      confirmedSubscribers: 1,
      alarms: [{ alarm: ALARM, outcome: 'handed-to-sns', stateSet: true, previousState: 'OK' }],
    });
    const [input] = sets(mocks);
    expect(input).toMatchObject({ AlarmName: ALARM, StateValue: 'ALARM' });
    expect(input?.StateReason).toContain('DRILL by cis-monitoring-enforcer at 2026-11-26T09:00:00.000Z');
    expect(input?.StateReason?.length).toBeLessThanOrEqual(1023);
    expect(JSON.parse(input?.StateReasonData ?? '{}')).toMatchObject({ drill: true });
    expect(clock.slept).toEqual([POLL_DELAYS_MS[0]]);
    expect(writesSent(mocks).map((w) => w.command)).toEqual(['SetAlarmStateCommand']);
  });

  it('no notification recorded: waits 60 s in all, then NON_COMPLIANT "not seen", never a pass', async () => {
    mocks = mockAccount(compliant());
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    const clock = fakeClock();
    const report = await runDrill({ clients, config: configFor() }, DRILL, { clock });
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(DRILL_WAIT_MS);
    expect(mocks.cloudwatch.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(POLL_DELAYS_MS.length);
    expect(report.status).toBe('NON_COMPLIANT');
    expect(report.drill?.alarms[0]).toMatchObject({ outcome: 'not-seen', stateSet: true });
    expect(report.findings.join('\n')).toContain('recorded no notification');
  });

  it('the wait ends 30 s before the Lambda deadline', async () => {
    mocks = mockAccount(compliant());
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    const clock = fakeClock();
    await runDrill({ clients, config: configFor() }, DRILL, { clock, remainingMs: () => 45_000 });
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(15_000);
  });

  it('a publish CloudWatch fails: NON_COMPLIANT quoting AWS; another action that succeeds does not hide it', async () => {
    const state = compliant();
    const theirs = 'arn:aws:sns:us-east-1:123456789012:their-topic';
    const alarm = state.alarms.find((a) => a.AlarmName === ALARM);
    if (alarm) alarm.AlarmActions = [TOPIC_ARN, theirs];
    failActions(state, TOPIC_ARN, DENIED);
    const { report } = await drill(state);
    expect(report.status).toBe('NON_COMPLIANT');
    expect(report.drill?.alarms[0]).toMatchObject({ outcome: 'failed', reason: DENIED });
    expect(report.findings.join('\n')).toContain(`AWS said "${DENIED}"`);
  });

  it('handed to SNS with nobody confirmed to receive it: blocking', async () => {
    const { report } = await drill(without('subscriptions'));
    expect(report.drill).toMatchObject({ confirmedSubscribers: 0, alarms: [{ outcome: 'handed-to-sns' }] });
    expect(report.status).toBe('NON_COMPLIANT');
    expect(report.findings.join('\n')).toContain('has no confirmed subscriber: nobody received it');
  });

  it('SetAlarmState refused: ERROR naming the action and the alarm, the alarm not drilled', async () => {
    mocks = mockAccount(compliant());
    const denied = new CloudWatchServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      message: 'not authorized to perform: cloudwatch:SetAlarmState',
      $metadata: {},
    });
    mocks.cloudwatch.on(SetAlarmStateCommand).rejects(denied);
    const report = await runDrill({ clients, config: configFor() }, DRILL, { clock: fakeClock() });
    expect(report.status).toBe('ERROR');
    expect(report.errors).toContainEqual(
      expect.objectContaining({ action: 'cloudwatch:SetAlarmState', resource: ALARM, code: 'AccessDenied' }),
    );
    expect(report.drill?.alarms[0]).toMatchObject({ outcome: 'not-drilled', stateSet: false });
  });

  it('MODE=detect: refused, not one call', async () => {
    const { report, mocks } = await drill(compliant(), { MODE: 'detect' });
    expect(report).toMatchObject({ status: 'IGNORED', mode: 'detect' });
    expect(report.drill?.refused).toMatch(/MODE=detect refuses it/);
    expect(Object.values(mocks).flatMap((m) => m.calls())).toEqual([]);
  });

  it('CONTROLS=all: each of the fifteen alarms drilled once, none with a drill finding', async () => {
    const state = compliant({ CONTROLS: 'all' });
    const { report, mocks } = await drill(state, { CONTROLS: 'all' });
    expect(sets(mocks)).toHaveLength(15);
    expect(report.drill?.alarms.map((a) => a.outcome)).toEqual(Array(15).fill('handed-to-sns'));
    expect(report.controls).toHaveLength(15);
    expect(report.controls?.flatMap((p) => p.findings).filter((f) => f.startsWith('drill:'))).toEqual([]);
    // Fifteen SetAlarmState and the history reads are paced at 2 a second (docs/quotas.md).
  }, 60_000);

  it('through runEvent: {"drill": true} runs the drill', async () => {
    mocks = mockAccount(compliant());
    const report = await runEvent({ clients, config: configFor() }, { drill: true }, () => 100_000);
    expect(report.trigger).toEqual(DRILL);
    expect(report.drill?.alarms[0]?.outcome).toBe('handed-to-sns');
  });
});

describe("the drill's alert", () => {
  it('says DRILL in the subject, lists each alarm and says what a drill does not prove', async () => {
    const { report } = await drill(compliant());
    expect(alertSubject(report)).toBe('CIS 4.10 DRILL: 1 alarm handed to SNS, 1 confirmed subscriber');
    const { text, document } = buildAlert(report as Report);
    expect(text).toContain('Fire drill');
    expect(text).toContain(`CIS-4.10 ${ALARM}: set to ALARM; CloudWatch handed the notification to SNS at`);
    expect(text).toContain('does not prove that the metric filter matches the events');
    expect(document.drill?.alarms).toHaveLength(1);
  });

  it('a failure leads the subject', async () => {
    const state = compliant();
    failActions(state, TOPIC_ARN, DENIED);
    const { report } = await drill(state);
    expect(alertSubject(report)).toBe('CIS 4.10 DRILL: 1 alarm FAILED to notify, 1 confirmed subscriber');
  });
});
