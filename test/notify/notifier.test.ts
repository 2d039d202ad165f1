import {
  AuthorizationErrorException,
  InvalidParameterException,
  NotFoundException,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createAlertMemory, createNotifier, QUIET_PERIOD_MS } from '../../src/notify';
import type { Report } from '../../src/report';
import { classify } from '../../src/triggers/events';
import { ALERTING, alarmCreated, config, report, sampleEvent } from './reports';

const sns = mockClient(SNSClient);
const OWN_TOPIC = 'arn:aws:sns:us-east-1:123456789012:cis-monitoring-alarms';

let clock = 1_000_000;
const notifier = (env: Record<string, string> = {}) =>
  createNotifier({
    sns: new SNSClient({ region: 'us-east-1' }),
    config: config(env),
    memory: createAlertMemory(QUIET_PERIOD_MS, () => clock),
  });

const published = (): PublishCommandInput[] => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  clock = 1_000_000;
});

describe('notify', () => {
  it.each(Object.keys(ALERTING))('%s publishes one alert to the enforcer topic', async (status) => {
    const result = await notifier().notify(ALERTING[status] as Report);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const input = published()[0];
    expect(input).toMatchObject({ TopicArn: OWN_TOPIC, MessageStructure: 'json' });
    expect(input?.Subject).toMatch(/^CIS 4\.10 .* after DeleteAlarms by alice/);
    expect(input?.MessageAttributes?.status?.StringValue).toBe(status);
    expect(result.notification).toEqual({ sent: true, topicArn: OWN_TOPIC, messageId: 'm-1' });
  });

  it.each(['COMPLIANT', 'IGNORED', 'IGNORED_OWN_CHANGE'] as const)('%s publishes nothing', async (status) => {
    const result = await notifier().notify(report(status));
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(result).not.toHaveProperty('notification');
  });

  it('publishes to a configured TOPIC_ARN', async () => {
    const arn = 'arn:aws:sns:us-east-1:210987654321:security-alerts';
    await notifier({ TOPIC_ARN: arn }).notify(ALERTING.REPAIRED as Report);
    expect(published()[0]?.TopicArn).toBe(arn);
  });

  it.each([
    ['NotFound', new NotFoundException({ message: 'Topic does not exist', $metadata: {} })],
    ['AuthorizationError', new AuthorizationErrorException({ message: 'not authorized', $metadata: {} })],
  ])('reports a %s publish failure instead of throwing', async (code, error) => {
    sns.on(PublishCommand).rejects(error);
    const result = await notifier().notify(ALERTING.REPAIRED as Report);
    expect(result.status).toBe('REPAIRED');
    expect(result.notification).toEqual({
      sent: false,
      topicArn: OWN_TOPIC,
      error: expect.stringContaining(code),
    });
  });

  it('says why when the topic cannot be named (account unknown)', async () => {
    const result = await notifier().notify(report('ERROR', { accountId: undefined }));
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(result.notification).toEqual({ sent: false, error: expect.stringContaining('account id') });
  });
});

describe('no storms', () => {
  it('a burst of identical unrepaired findings alerts once', async () => {
    const n = notifier();
    const results = [];
    for (let i = 0; i < 50; i++) {
      clock += 5_000;
      results.push(await n.notify(ALERTING.NON_COMPLIANT as Report));
    }
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(results[49]?.notification).toEqual({
      sent: false,
      suppressed: true,
      reason: expect.stringContaining('the same NON_COMPLIANT findings were alerted 4 min ago'),
    });
  });

  it('alerts again for a different finding, and for the same one after the quiet period', async () => {
    const n = notifier();
    await n.notify(ALERTING.NON_COMPLIANT as Report);
    await n.notify(report('NON_COMPLIANT', { findings: ['topic has no confirmed subscriber'] }));
    clock += QUIET_PERIOD_MS - 1;
    await n.notify(ALERTING.NON_COMPLIANT as Report);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    clock += 1;
    await n.notify(ALERTING.NON_COMPLIANT as Report);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 3);
  });

  it.each<[string, Report[], number]>([
    [
      'detect mode quiets the same unrepaired drift, but not new drift',
      [
        ALERTING.DRIFT_DETECTED as Report,
        ALERTING.DRIFT_DETECTED as Report,
        report('DRIFT_DETECTED', { mode: 'detect', changes: [alarmCreated] }),
      ],
      2,
    ],
    [
      'every repair alerts, even the same repair twice in two minutes',
      [ALERTING.REPAIRED as Report, ALERTING.REPAIRED as Report],
      2,
    ],
    [
      'a retried ERROR run that wrote nothing new stays quiet',
      [ALERTING.ERROR as Report, report('ERROR', { errors: (ALERTING.ERROR as Report).errors })],
      1,
    ],
  ])('%s', async (_, reports, publishes) => {
    const n = notifier();
    for (const r of reports) {
      clock += 60_000;
      await n.notify(r);
    }
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, publishes);
  });

  it('a failed publish is not remembered: the next run tries again', async () => {
    const n = notifier();
    sns
      .on(PublishCommand)
      .rejectsOnce(new NotFoundException({ message: 'gone', $metadata: {} }))
      .resolves({ MessageId: 'm-2' });
    await n.notify(ALERTING.NON_COMPLIANT as Report);
    const second = await n.notify(ALERTING.NON_COMPLIANT as Report);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    expect(second.notification?.sent).toBe(true);
  });
});

const BOB = { arn: 'arn:aws:sts::123456789012:assumed-role/Admin/bob', type: 'AssumedRole' };
const byBob = (r: Report): Report =>
  r.trigger.kind === 'cloudtrail' ? { ...r, trigger: { ...r.trigger, actor: BOB } } : r;
const unrepaired: [string, Report][] = [
  ['NON_COMPLIANT', ALERTING.NON_COMPLIANT as Report],
  ['DRIFT_DETECTED in detect mode', ALERTING.DRIFT_DETECTED as Report],
  ['ERROR', report('ERROR', { errors: (ALERTING.ERROR as Report).errors })],
];

describe('alerts are never swallowed', () => {
  it.each(unrepaired)('%s: the same problem caused by someone else within 6 h alerts again', async (_, r) => {
    const n = notifier();
    await n.notify(r);
    clock += 60_000;
    const second = await n.notify(byBob(r));
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    expect(second.notification).toMatchObject({ sent: true });
  });

  it.each(unrepaired)('%s: the same person with another call alerts again', async (_, r) => {
    const n = notifier();
    await n.notify(r);
    const trigger =
      r.trigger.kind === 'cloudtrail' ? { ...r.trigger, eventName: 'PutMetricAlarm' } : r.trigger;
    await n.notify({ ...r, trigger });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
  });

  it.each(unrepaired)(
    '%s: a COMPLIANT run in between forgets it, so the same problem alerts again',
    async (_, r) => {
      const n = notifier();
      await n.notify(r);
      clock += 60_000;
      await n.notify(report('COMPLIANT'));
      clock += 60_000;
      const again = await n.notify(r);
      expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
      expect(again.notification).toMatchObject({ sent: true });
    },
  );

  it.each<[string, Report['audience'], RegExp]>([
    [
      'no confirmed subscriber',
      { confirmed: 0 },
      /nobody could receive it: the topic has no confirmed subscriber/,
    ],
    [
      'only subscribers nobody configured',
      { confirmed: 2, configuredConfirmed: 0 },
      /no configured subscriber could receive it/,
    ],
  ])('published to a topic with %s → reported undelivered, not sent', async (_, audience, why) => {
    const n = notifier();
    const result = await n.notify(report('REPAIRED', { changes: [alarmCreated], audience }));
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(result.notification).toEqual({
      sent: false,
      topicArn: OWN_TOPIC,
      messageId: 'm-1',
      error: expect.stringMatching(why),
    });
    // Nobody heard it, so nothing is remembered: the next run with the same problem publishes again.
    await n.notify(report('NON_COMPLIANT', { findings: ['x'], audience }));
    await n.notify(report('NON_COMPLIANT', { findings: ['x'], audience }));
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 3);
  });

  it('a topic with a confirmed configured subscriber: sent', async () => {
    const audience = { confirmed: 1, configuredConfirmed: 1 };
    const result = await notifier().notify(report('REPAIRED', { changes: [alarmCreated], audience }));
    expect(result.notification).toEqual({ sent: true, topicArn: OWN_TOPIC, messageId: 'm-1' });
  });
});

/**
 * What SNS checks on Publish (API reference, Publish): the message (every per-protocol copy of a
 * `MessageStructure: json` message) plus the message attributes, at most the topic's
 * MaximumMessageSize (262,144 bytes by default), counted in UTF-8 bytes; else InvalidParameter.
 */
function publishLikeSns(limit = 262_144) {
  return async (input: PublishCommandInput) => {
    const attributes = Object.entries(input.MessageAttributes ?? {}).reduce(
      (n, [name, v]) =>
        n +
        Buffer.byteLength(name) +
        Buffer.byteLength(v.DataType ?? '') +
        Buffer.byteLength(v.StringValue ?? ''),
      0,
    );
    if (Buffer.byteLength(input.Message ?? '') + attributes > limit) {
      throw new InvalidParameterException({ message: 'Invalid parameter: Message too long', $metadata: {} });
    }
    return { MessageId: 'm-big' };
  };
}

const bytesOf = (input: PublishCommandInput | undefined) => Buffer.byteLength(input?.Message ?? '');

function withUserAgent(userAgent: string): Report {
  const event = sampleEvent('cloudtrail-delete-alarms') as { detail: Record<string, unknown> };
  event.detail.userAgent = userAgent;
  const classified = classify(event);
  if (!classified.run) throw new Error('the sample must run');
  return report('REPAIRED', { trigger: classified.trigger, changes: [alarmCreated] });
}

describe('alerts too large for SNS are truncated, not lost', () => {
  beforeEach(() => {
    sns.on(PublishCommand).callsFake(publishLikeSns());
  });

  it('a 50 KB user agent: published within the limit, the agent cut in the text and the JSON', async () => {
    const agent = `Mozilla/5.0 ${'A'.repeat(50_000)}`;
    const result = await notifier().notify(withUserAgent(agent));
    expect(result.notification).toEqual({ sent: true, topicArn: OWN_TOPIC, messageId: 'm-big' });
    const message = JSON.parse(published()[0]?.Message ?? '{}') as Record<string, string>;
    expect(message.email).toContain('User agent: Mozilla/5.0 AAAA');
    expect(message.email).not.toContain('A'.repeat(1_000));
    expect(JSON.parse(message.https ?? '{}').trigger.actor.userAgent.length).toBeLessThanOrEqual(300);
  });

  it('3,000 findings and news items (a long verdict, many unknown subscribers): truncated, and it says so', async () => {
    const findings = Array.from({ length: 3_000 }, (_, i) => `finding ${i}: ${'x'.repeat(120)}`);
    const news = Array.from(
      { length: 3_000 },
      (_, i) => `subscriber email:person${i}@example.net is not in SUBSCRIPTIONS`,
    );
    const result = await notifier().notify(report('NON_COMPLIANT', { findings, news }));
    expect(result.notification).toMatchObject({ sent: true });
    const input = published()[0];
    expect(bytesOf(input)).toBeLessThanOrEqual(262_144);
    const message = JSON.parse(input?.Message ?? '{}') as Record<string, string>;
    const doc = JSON.parse(message.sqs ?? '{}') as { truncated?: boolean; text: string; findings: string[] };
    expect(doc.truncated).toBe(true);
    expect(doc.text).toContain('finding 0: ');
    expect(message.email).toMatch(/truncated to fit SNS's message size limit/);
    expect(message.default).toBe(message.email);
    expect(message.sms).toBe(input?.Subject);
  });

  it.each([
    [65_536, 'full'],
    [4_096, 'compact'],
    [1_024, 'bare'],
  ])(
    'a topic whose MaximumMessageSize is %i: the alert fits that limit (%s layout)',
    async (limit, layout) => {
      sns.on(PublishCommand).callsFake(publishLikeSns(limit));
      const findings = Array.from({ length: 500 }, (_, i) => `finding ${i}: ${'y'.repeat(100)}`);
      const audience = { confirmed: 1, maxMessageBytes: limit };
      const result = await notifier().notify(report('NON_COMPLIANT', { findings, audience }));
      expect(result.notification).toMatchObject({ sent: true });
      const input = published()[0];
      expect(bytesOf(input)).toBeLessThanOrEqual(limit);
      const message = JSON.parse(input?.Message ?? '{}') as Record<string, string>;
      expect(Object.keys(message).sort()).toEqual(
        layout === 'full'
          ? ['default', 'email', 'email-json', 'firehose', 'http', 'https', 'lambda', 'sms', 'sqs']
          : ['default', 'email', 'sms'],
      );
      expect(message.sms).toBe(input?.Subject);
      if (layout === 'bare') expect(message.email).toContain(input?.Subject ?? '?');
      else expect(message.email).toContain('finding 0: ');
      if (layout === 'compact')
        expect(JSON.parse(message.default ?? '{}')).toMatchObject({ truncated: true });
    },
  );
});
