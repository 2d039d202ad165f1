import {
  AuthorizationErrorException,
  NotFoundException,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createAlertMemory, createNotifier, QUIET_PERIOD_MS } from '../../src/notify';
import type { Report } from '../../src/report';
import { ALERTING, alarmCreated, config, report } from './reports';

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
