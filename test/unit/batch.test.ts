/**
 * A batch from the event queue (SQS FIFO, Lambda's event source mapping) is one reconcile for all its
 * events, against a mocked account (aws-sdk-client-mock): skipped events are named with why, the run is
 * told as the event that wrote what the enforcer keeps, and a batch with nothing to act on calls nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { alertText } from '../../src/notify/body';
import type { Report } from '../../src/report';
import { isQueueBatch } from '../../src/triggers/batch';
import { compliant, TOPIC_ARN, without } from '../support/builders';
import { type RunOptions, runOn } from './support/run';

type Json = Record<string, unknown>;
const EVENTS = join(__dirname, '..', '..', 'events');
const sample = (name: string): Json => JSON.parse(readFileSync(join(EVENTS, `${name}.json`), 'utf8')) as Json;
const OWN_ROLE_ARN = 'arn:aws:iam::123456789012:role/cis-monitoring-enforcer-prod-us-east-1';
const ENV = { ENFORCER_ROLE_ARN: OWN_ROLE_ARN };
const ALICE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

/** A message body: an event, or raw text as it was sent. */
type Body = Json | { readonly raw: string };
const text = (body: Body) =>
  'raw' in body && typeof body.raw === 'string' ? body.raw : JSON.stringify(body);

/** An SQS event source mapping batch of these bodies, in queue order (one message group). */
function batchOf(...bodies: Body[]): Json {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `message-${i}`,
      receiptHandle: `handle-${i}`,
      body: text(body),
      attributes: { ApproximateReceiveCount: '1', MessageGroupId: 'reconcile', SequenceNumber: String(i) },
      messageAttributes: {},
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:cis-monitoring-enforcer-prod-events.fifo',
      awsRegion: 'us-east-1',
    })),
  };
}

/** A sample CloudTrail event with another event id and time (a distinct call of the same kind). */
function another(name: string, n: number): Json {
  const event = sample(name);
  const detail = event.detail as Json;
  const eventTime = `2026-11-26T07:${String(10 + n).padStart(2, '0')}:00Z`;
  return { ...event, id: `event-${n}`, detail: { ...detail, eventID: `call-${n}`, eventTime } };
}

/** A call on an alarm the enforcer does not keep. */
const otherAlarm = (() => {
  const event = sample('cloudtrail-put-metric-alarm');
  const detail = event.detail as Json;
  const params = { ...(detail.requestParameters as Json), alarmName: 'team-latency' };
  return { ...event, detail: { ...detail, eventID: 'call-other', requestParameters: params } };
})();

const run = (event: unknown, state = compliant(), options: RunOptions = {}) =>
  runOn(state, { env: ENV, event, ...options });
const discoveries = (r: Awaited<ReturnType<typeof run>>) =>
  r.mocks.cloudtrail.commandCalls(DescribeTrailsCommand);
const eventIds = (report: Report) =>
  (report.batch ?? []).map((e) => (e.trigger.kind === 'cloudtrail' ? e.trigger.eventId : e.trigger.kind));

describe('isQueueBatch', () => {
  it.each<[string, unknown, boolean]>([
    ['the sample batch', JSON.parse(readFileSync(join(EVENTS, 'sqs', 'batch.json'), 'utf8')), true],
    ['a batch of one', batchOf(sample('schedule')), true],
    ['no records', { Records: [] }, false],
    ['records of another source', { Records: [{ eventSource: 'aws:sns', body: '{}' }] }, false],
    [
      'one record of another source',
      { Records: [{ eventSource: 'aws:sqs' }, { eventSource: 'aws:s3' }] },
      false,
    ],
    ['an EventBridge event', sample('cloudtrail-delete-alarms'), false],
    ['a manual invoke', {}, false],
  ])('%s → %s', (_name, event, expected) => {
    expect(isQueueBatch(event)).toBe(expected);
  });
});

describe('a batch is one run', () => {
  it('the sample batch on a compliant account: one discovery, every event named, own change skipped', async () => {
    const batch = JSON.parse(readFileSync(join(EVENTS, 'sqs', 'batch.json'), 'utf8'));
    const r = await run(batch);
    expect(r.report).toMatchObject({ status: 'COMPLIANT', errors: [] });
    expect(discoveries(r)).toHaveLength(1);
    expect(r.writes).toEqual([]);
    expect(r.report.batch?.map((e) => [e.trigger.kind, e.skipped !== undefined])).toEqual([
      ['cloudtrail', true],
      ['cloudtrail', false],
      ['cloudtrail', false],
    ]);
    expect(r.report.batch?.[0]?.skipped).toMatch(/enforcer's own role/);
    // Told as the call on our alarm, not the first one on the trail.
    expect(r.report.trigger).toMatchObject({ kind: 'cloudtrail', eventName: 'DeleteAlarms' });
  });

  it('ten queued events cost the AWS calls of one', async () => {
    const single = await run(batchOf(sample('cloudtrail-delete-alarms')));
    const ten = await run(
      batchOf(...Array.from({ length: 10 }, (_, n) => another('cloudtrail-delete-alarms', n))),
    );
    const calls = (r: typeof single) =>
      Object.values(r.mocks).reduce((sum, m) => sum + (m as { calls(): unknown[] }).calls().length, 0);
    expect(ten.report.status).toBe('COMPLIANT');
    expect(calls(ten)).toBe(calls(single));
    expect(ten.report.batch).toHaveLength(10);
  });

  it('a burst that deleted the alarm: one repair, one write, every trigger and actor in the report and the alert', async () => {
    const events = [
      another('cloudtrail-stop-logging', 1),
      otherAlarm,
      another('cloudtrail-delete-alarms', 2),
      another('cloudtrail-put-metric-filter', 3),
      sample('cloudtrail-own-change'),
    ];
    const r = await run(batchOf(...events), without('alarm'));
    expect(r.report.status).toBe('REPAIRED');
    expect(r.writes.map((w) => w.command)).toEqual(['PutMetricAlarmCommand']);
    expect(discoveries(r)).toHaveLength(1);
    expect(eventIds(r.report)).toEqual(['call-1', 'call-other', 'call-2', 'call-3', expect.any(String)]);
    // The news is about the first call that wrote what the enforcer keeps: DeleteAlarms on our alarm.
    expect(r.report.trigger).toMatchObject({ eventName: 'DeleteAlarms', eventId: 'call-2' });
    expect(r.report.touched).toMatchObject({ resource: 'alarm', call: 'DeleteAlarms' });
    expect(r.report.news).toEqual(
      expect.arrayContaining([expect.stringMatching(/written by .*alice with DeleteAlarms .*call-2/)]),
    );
    const who = alertText(r.report).split('\nWho triggered it\n')[1] ?? '';
    expect(who).toMatch(/^ {2}Event: +DeleteAlarms/);
    expect(who).toContain('5 queued events, one run for all:');
    for (const [name, id] of [
      ['StopLogging', 'call-1'],
      ['PutMetricAlarm', 'call-other'],
      ['DeleteAlarms', 'call-2'],
      ['PutMetricFilter', 'call-3'],
    ]) {
      expect(who).toContain(`    - ${name} by ${ALICE} at `);
      expect(who).toContain(`(event ${id})`);
    }
    expect(who).toMatch(
      / {4}- PutMetricAlarm by arn:aws:sts::123456789012:assumed-role\/cis-monitoring-enforcer.*: skipped, caused by the enforcer's own role/,
    );
  });

  it.each<[string, Json[], string]>([
    [
      'a call on our filter before one on the trail',
      [another('cloudtrail-stop-logging', 1), another('cloudtrail-put-metric-filter', 2)],
      'call-2',
    ],
    [
      'a call on the trail before one on an alarm not ours',
      [otherAlarm, another('cloudtrail-stop-logging', 1)],
      'call-1',
    ],
    ['a CloudTrail call before the schedule', [sample('schedule'), otherAlarm], 'call-other'],
    [
      'the first of two calls on ours',
      [another('cloudtrail-delete-alarms', 1), another('cloudtrail-delete-topic', 2)],
      'call-1',
    ],
  ])('the run is told as %s', async (_name, events, id) => {
    const r = await run(batchOf(...events));
    expect(r.report.trigger).toMatchObject({ kind: 'cloudtrail', eventId: id });
    expect(r.report.batch).toHaveLength(events.length);
  });

  it('the subscriber a queued Subscribe added is told with who added it', async () => {
    const state = compliant();
    const mallory = {
      Protocol: 'email',
      Endpoint: 'mallory@example.net',
      TopicArn: TOPIC_ARN,
      Owner: '123456789012',
    };
    state.topics[TOPIC_ARN]?.subscriptions.push({ ...mallory, SubscriptionArn: `${TOPIC_ARN}:mallory` });
    const r = await run(batchOf(otherAlarm, another('cloudtrail-subscribe', 4)), state);
    expect(r.report.trigger).toMatchObject({ eventName: 'Subscribe', eventId: 'call-4' });
    expect(r.report.news).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/mallory@example\.net.*added by .*alice \(Subscribe at .*call-4/),
      ]),
    );
  });

  it('a schedule event alone in a batch is a scheduled run', async () => {
    const r = await run(batchOf(sample('schedule')));
    expect(r.report).toMatchObject({ status: 'COMPLIANT', trigger: { kind: 'schedule' } });
    expect(r.report.batch).toEqual([{ trigger: { kind: 'schedule', time: '2026-11-26T06:00:00Z' } }]);
  });

  it('detect mode holds for a batch: drift is reported, nothing written', async () => {
    const r = await run(batchOf(sample('cloudtrail-delete-alarms')), without('alarm'), {
      env: { ...ENV, MODE: 'detect' },
    });
    expect(r.report).toMatchObject({ status: 'DRIFT_DETECTED', mode: 'detect' });
    expect(r.writes).toEqual([]);
  });
});

describe('a batch with nothing to act on makes no AWS call', () => {
  const deployShaped = { RequestType: 'Create', ResponseURL: 'https://example.com/answer', StackId: 'x' };
  const failedCall = (() => {
    const event = sample('cloudtrail-delete-alarms');
    return { ...event, detail: { ...(event.detail as Json), errorCode: 'AccessDenied' } };
  })();

  it.each<[string, Body[], string, RegExp]>([
    [
      'own changes only',
      [sample('cloudtrail-own-change'), sample('cloudtrail-own-change')],
      'IGNORED_OWN_CHANGE',
      /all 2 queued events skipped: caused by the enforcer's own role/,
    ],
    ['a failed call', [failedCall], 'IGNORED', /the queued event skipped: the call failed \(AccessDenied\)/],
    ['a body that is not JSON', [{ raw: 'hello' }], 'IGNORED', /the message body is not JSON/],
    ['a manual invoke sent to the queue', [{}, { dryRun: false }], 'IGNORED', /not an EventBridge event/],
    ['a deploy-shaped body (never answered)', [deployShaped], 'IGNORED', /not an EventBridge event/],
    [
      'an unknown EventBridge event',
      [{ 'detail-type': 'Something Else', source: 'x' }],
      'IGNORED',
      /unrecognised EventBridge event/,
    ],
    [
      'own changes and ignored events',
      [sample('cloudtrail-own-change'), { raw: '[' }, failedCall],
      'IGNORED',
      /all 3 queued events skipped: .*own role.*; the message body is not JSON; the call failed/,
    ],
  ])('%s', async (_name, bodies, status, reason) => {
    const r = await run(batchOf(...bodies));
    expect(r.report).toMatchObject({ status, changes: [], errors: [] });
    expect(r.report.reason).toMatch(reason);
    expect(r.report.batch).toHaveLength(bodies.length);
    const calls = Object.values(r.mocks).flatMap((m) => (m as { calls(): unknown[] }).calls());
    expect(calls).toEqual([]);
  });
});
