/**
 * Alerts end to end against the emulator: an SQS queue subscribed to the enforcer's topic receives
 * what SNS delivers for each tamper scenario (moto delivers to SQS synchronously on Publish).
 */
import { SetSubscriptionAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ACCOUNT_ID, REGION } from '../../scripts/lib/emulator';
import { type AccountClients, CONTROL } from '../../scripts/lib/seed';
import { ALERT_SCHEMA, type AlertDocument } from '../../src/notify';
import {
  ALICE,
  DEFAULT_ENV,
  type EnforcerEnv,
  useWorld,
  workerEndpoint,
} from '../integration/support/harness';
import { tamper } from '../integration/support/tamper';

const QUEUE = 'security-alerts';
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${QUEUE}`;
/** The queue is one of the configured subscribers, so a recreated topic gets it back before the alert. */
const ENV: EnforcerEnv = {
  ...DEFAULT_ENV,
  SUBSCRIPTIONS: `email:${CONTROL.subscriber},sqs:${QUEUE_ARN}`,
};

/** What an SQS subscriber without raw delivery receives: SNS's JSON envelope. */
interface Envelope {
  readonly Type: string;
  readonly TopicArn: string;
  readonly Subject: string;
  readonly Message: string;
  readonly MessageAttributes: Record<string, { Type: string; Value: string }>;
}

let sqs: SQSClient;
let queueUrl: string;

async function subscribeQueue(account: AccountClients, raw = false): Promise<void> {
  const sub = await account.sns.send(
    new SubscribeCommand({
      TopicArn: CONTROL.topicArn,
      Protocol: 'sqs',
      Endpoint: QUEUE_ARN,
      ReturnSubscriptionArn: true,
    }),
  );
  if (raw) {
    const input = {
      SubscriptionArn: sub.SubscriptionArn,
      AttributeName: 'RawMessageDelivery',
      AttributeValue: 'true',
    };
    await account.sns.send(new SetSubscriptionAttributesCommand(input));
  }
}

/** Every message now in the queue, each deleted once read. */
async function drain(): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const input = {
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
    };
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand(input));
    if (Messages.length === 0) return all;
    for (const m of Messages)
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    all.push(...Messages);
  }
}

const envelopes = async (): Promise<Envelope[]> =>
  (await drain()).map((m) => JSON.parse(m.Body ?? '{}') as Envelope);

describe('alerts read from an SQS queue subscribed to the topic', () => {
  const world = useWorld('compliant');

  beforeAll(() => {
    sqs = new SQSClient({
      endpoint: workerEndpoint(),
      region: REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
  });
  afterAll(() => sqs.destroy());
  beforeEach(async () => {
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: QUEUE }))).QueueUrl ?? '';
  });

  it.each([
    [
      'deleted alarm',
      'cloudtrail-delete-alarms',
      tamper.deleteAlarm,
      'alarm restored after DeleteAlarms by alice',
    ],
    [
      'silenced alarm',
      'cloudtrail-disable-alarm-actions',
      tamper.disableAlarmActions,
      'alarm restored after DisableAlarmActions by alice',
    ],
    [
      'deleted filter',
      'cloudtrail-delete-metric-filter',
      tamper.deleteFilter,
      'metric filter restored after DeleteMetricFilter by alice',
    ],
    [
      'deleted topic',
      'cloudtrail-delete-topic',
      tamper.deleteTopic,
      'SNS topic, subscription restored after DeleteTopic by alice',
    ],
    [
      'unsubscribed',
      'cloudtrail-unsubscribe',
      tamper.unsubscribeAll,
      'subscription restored after Unsubscribe by alice',
    ],
    [
      'stopped trail',
      'cloudtrail-stop-logging',
      tamper.stopLogging,
      'trail logging restored after StopLogging by alice',
    ],
  ] as const)(
    '%s: one alert naming alice, none for the compliant re-run',
    async (_, event, breakIt, headline) => {
      await subscribeQueue(world.account);
      await breakIt(world.account);

      const run = await world.invoke(event, ENV);
      expect(run.report.status).toBe('REPAIRED');
      expect(run.alerts).toHaveLength(1);

      const [alert, ...more] = await envelopes();
      expect(more).toEqual([]);
      expect(alert).toMatchObject({
        Type: 'Notification',
        TopicArn: CONTROL.topicArn,
        Subject: `CIS 4.10 ${headline}`,
      });
      expect(alert?.MessageAttributes).toMatchObject({
        status: { Type: 'String', Value: 'REPAIRED' },
        control: { Type: 'String', Value: 'CIS-4.10' },
        trigger: { Type: 'String', Value: 'cloudtrail' },
      });
      const doc = JSON.parse(alert?.Message ?? '{}') as AlertDocument;
      expect(doc).toMatchObject({
        schema: ALERT_SCHEMA,
        status: 'REPAIRED',
        trigger: { actor: { arn: ALICE, type: 'AssumedRole' } },
      });
      expect(doc.changes.map((c) => c.resource)).toEqual(run.report.changes.map((c) => c.resource));
      expect(doc.text).toContain(`Identity:   ${ALICE} (AssumedRole)`);

      const again = await world.invoke(event, ENV);
      expect(again.report.status).toBe('COMPLIANT');
      expect(again.alerts).toEqual([]);
      expect(await drain()).toEqual([]);
    },
  );

  it('a burst of events after one repair yields one alert', async () => {
    await subscribeQueue(world.account);
    await tamper.deleteAlarm(world.account);

    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await world.invoke('cloudtrail-put-metric-alarm', ENV)).report.status);

    expect(statuses).toEqual(['REPAIRED', 'COMPLIANT', 'COMPLIANT', 'COMPLIANT', 'COMPLIANT']);
    expect((await envelopes()).map((e) => e.Subject)).toEqual([
      'CIS 4.10 alarm restored after PutMetricAlarm by alice',
    ]);
  });

  it("the enforcer's own change sends nothing", async () => {
    await subscribeQueue(world.account);
    const run = await world.invoke('cloudtrail-own-change', ENV);
    expect(run.report.status).toBe('IGNORED_OWN_CHANGE');
    expect(await drain()).toEqual([]);
  });

  it('raw delivery: the body is the JSON document, the attributes are SQS message attributes', async () => {
    await subscribeQueue(world.account, true);
    await tamper.deleteAlarm(world.account);

    await world.invoke('cloudtrail-delete-alarms', ENV);

    const [message, ...more] = await drain();
    expect(more).toEqual([]);
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({
      schema: ALERT_SCHEMA,
      subject: 'CIS 4.10 alarm restored after DeleteAlarms by alice',
    });
    expect(message?.MessageAttributes?.status).toMatchObject({ DataType: 'String', StringValue: 'REPAIRED' });
  });

  it('a topic that is gone and cannot be recreated: the run reports the failed alert and does not throw', async () => {
    const elsewhere = 'arn:aws:sns:us-east-1:210987654321:security-alerts';

    const run = await world.invoke('cloudtrail-delete-topic', { ...ENV, TOPIC_ARN: elsewhere });

    expect(run.report).toMatchObject({
      notification: { sent: false, topicArn: elsewhere, error: expect.stringMatching(/NotFound/) },
    });
    expect(run.alerts).toHaveLength(1);
  });
});
