/**
 * CONTROLS=all on a mocked account (issue 13 item 7, "flat cost"): a compliant run costs what a
 * single-control run costs; a repair from scratch writes every chain under AWS's request-rate quotas
 * without a throttle reaching the report; one control's missing alarm is the only write.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { rounds } from '../../scripts/bench/calls';
import { createClients } from '../../src/aws/clients';
import { CONTROL_SPECS } from '../../src/catalog/specs';
import type { Report } from '../../src/report';
import { runEvent } from '../../src/triggers/run';
import { configFor, mockAccount, REGION, type SentCall, writesSent } from '../support/builders';
import { allChains, noChains, throttleAboveQuotas } from './support/all-controls-account';
import { COMPLIANT_READS, counts, timedRun } from './support/timed-run';

const sampleEvent = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'events', `${name}.json`), 'utf8'));

const ALL = { CONTROLS: 'all' };
/** A same-account queue: confirmed at once, so a repair from scratch can end REPAIRED. */
const QUEUE = { ...ALL, SUBSCRIPTIONS: `sqs:arn:aws:sqs:${REGION}:123456789012:security-alerts` };
const IDS = CONTROL_SPECS.map((s) => s.id);

const statuses = (report: Report) => report.controls?.map((p) => [p.control, p.status]);
/** How many calls of each write command were sent. */
function commands(writes: readonly SentCall[]): Record<string, number> {
  const sent: Record<string, number> = {};
  for (const w of writes) sent[w.command] = (sent[w.command] ?? 0) + 1;
  return sent;
}

describe('CONTROLS=all: a compliant account', () => {
  // 9 calls: the 8 reads of before and the one subscriber's attributes (its FilterPolicy), shared by all.
  it('is COMPLIANT with 0 writes, the reads of a single-control run (9 calls) in at most 3 rounds', async () => {
    // An event-driven run: it reads no alarm history.
    const { DescribeAlarmHistory: _history, ...eventReads } = COMPLIANT_READS;
    const event = sampleEvent('cloudtrail-delete-user-alarm');
    const run = await timedRun(allChains(ALL), { env: ALL, event });
    expect(run.report).toMatchObject({ status: 'COMPLIANT', changes: [], findings: [], errors: [] });
    expect(statuses(run.report)).toEqual(IDS.map((id) => [id, 'COMPLIANT']));
    expect(run.writes).toEqual([]);
    expect(counts(run.calls)).toEqual(eventReads);
    expect(run.calls.length).toBeLessThanOrEqual(9);
    expect(rounds(run.calls)).toBeLessThanOrEqual(3);
    expect(run.inFlight).toBe(0);
  });

  it("a manual run (as the daily sweep) also reads each of the fifteen alarms' action history, in the same rounds", async () => {
    const run = await timedRun(allChains(ALL), { env: ALL });
    expect(run.report.status).toBe('COMPLIANT');
    expect(counts(run.calls)).toEqual({ ...COMPLIANT_READS, DescribeAlarmHistory: 15 });
    // The other reads keep their 3 rounds; the fifteen history reads, paced 2 at a time (no published
    // quota: docs/quotas.md), take 8 rounds from the start, and the plan waits for them.
    const others = run.calls.filter((c) => c.operation !== 'DescribeAlarmHistory');
    expect(rounds(others)).toBeLessThanOrEqual(3);
    expect(rounds(run.calls)).toBeLessThanOrEqual(Math.ceil(15 / 2) + 2);
  });

  it.each(CONTROL_SPECS.map((s) => [s.id, s] as const))(
    "%s's alarm deleted: only that alarm is written",
    async (id, spec) => {
      const state = allChains(ALL);
      state.alarms = state.alarms.filter((a) => a.AlarmName !== spec.defaults.alarmName);
      // The run the deletion's CloudTrail event starts (it reads no alarm history).
      const run = await timedRun(state, { env: ALL, event: sampleEvent('cloudtrail-delete-alarms') });
      expect(run.report).toMatchObject({ status: 'REPAIRED', errors: [] });
      expect(run.writes.map((w) => [w.command, w.input.AlarmName])).toEqual([
        ['PutMetricAlarmCommand', spec.defaults.alarmName],
      ]);
      expect(statuses(run.report)).toEqual(IDS.map((c) => [c, c === id ? 'REPAIRED' : 'COMPLIANT']));
    },
  );
});

describe('CONTROLS=all: a repair from scratch against a mock that throttles above the documented quotas', () => {
  // The SDK and the run's logging queue work on process.nextTick and setImmediate: only timers are faked.
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  /** One manual run on an account with nothing of ours, through throttling mocks, under fake time. */
  async function repairFromScratch() {
    const clients = createClients(REGION);
    const mocks = mockAccount(noChains(QUEUE), { targets: clients });
    throttleAboveQuotas(clients, mocks, () => performance.now());
    const pending = runEvent({ clients, config: configFor(QUEUE) }, {});
    await jest.runAllTimersAsync();
    return { report: await pending, writes: writesSent(mocks) };
  }

  it('REPAIRED, every chain written, no ThrottlingException (each run paces its clients)', async () => {
    const { report, writes } = await repairFromScratch();
    expect(report).toMatchObject({ status: 'REPAIRED', findings: [], errors: [] });
    expect(statuses(report)).toEqual(IDS.map((id) => [id, 'REPAIRED']));
    expect(JSON.stringify(report)).not.toContain('ThrottlingException');
    expect(commands(writes)).toEqual({
      CreateTopicCommand: 1,
      SubscribeCommand: 1,
      PutMetricFilterCommand: 15,
      PutMetricAlarmCommand: 15,
    });
  });

  it('the mock does throttle: fifteen alarms sent at once straight to the clients, twelve are refused', async () => {
    const clients = createClients(REGION);
    throttleAboveQuotas(clients, mockAccount(noChains(QUEUE), { targets: clients }), () => performance.now());
    const alarm = (i: number) =>
      clients.cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: `a${i}`,
          EvaluationPeriods: 1,
          ComparisonOperator: 'LessThanThreshold',
        }),
      );
    const outcomes = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => alarm(i)));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).name] : []));
    expect(refused).toEqual(Array.from({ length: 12 }, () => 'ThrottlingException'));
  });
});
