/**
 * The AWS-faithful layer (scripts/lib/faithful, docs/aws-differences.md) answers as AWS documents where
 * moto 5.2.5 is laxer: alarm actions, subscription confirmation, custom event selectors. Each test
 * shows moto's own answer (the bare emulator, `workerEndpoint()`) beside the layer's (the person's
 * clients of `useWorld`), so a moto upgrade that fixes a difference is noticed. Metric filters:
 * aws-differences-filters.test.ts.
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
import {
  ConfirmSubscriptionCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { ACCOUNT_ID, REGION } from '../../scripts/lib/emulator';
import { type AccountClients, accountClients, CONTROL, TRAIL, USER } from '../../scripts/lib/seed';
import { useWorld, workerEndpoint } from './support/harness';

const TOPICS = Array.from({ length: 6 }, (_, i) => `arn:aws:sns:${REGION}:${ACCOUNT_ID}:extra-${i}`);
const ALARM = { ...CONTROL.alarm, AlarmActions: TOPICS };
const STRANGER = 'mallory@example.net';

let moto: AccountClients;
beforeAll(() => {
  moto = accountClients(workerEndpoint());
});
afterAll(() => {
  for (const client of Object.values(moto)) client.destroy();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error & { Code?: string; $metadata?: { httpStatusCode?: number } },
  );

describe('the AWS-faithful layer: alarm actions (at most 5 per list)', () => {
  const world = useWorld('compliant');

  it('moto stores six AlarmActions; through the layer PutMetricAlarm fails with ValidationError and the alarm stays as it was', async () => {
    await moto.cloudwatch.send(new PutMetricAlarmCommand({ ...ALARM, AlarmName: 'moto-six' }));
    const stored = await moto.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['moto-six'] }));
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

describe('the AWS-faithful layer: subscriptions wait for their owner', () => {
  const world = useWorld('compliant');
  const subscribe = (c: AccountClients, Endpoint: string, ReturnSubscriptionArn?: boolean) =>
    c.sns.send(
      new SubscribeCommand({
        TopicArn: CONTROL.topicArn,
        Protocol: 'email',
        Endpoint,
        ReturnSubscriptionArn,
      }),
    );
  const listed = async () => {
    const out = await world.account.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: CONTROL.topicArn }),
    );
    return (out.Subscriptions ?? []).map((s) => [
      s.Endpoint,
      s.SubscriptionArn?.replace(/:[0-9a-f-]{36}$/, ':id'),
    ]);
  };

  it('moto confirms a new email subscription at once; the layer keeps it PendingConfirmation, the seeded one stays confirmed', async () => {
    const bare = await moto.sns.send(
      new SubscribeCommand({ TopicArn: USER.topicArn, Protocol: 'email', Endpoint: 'moto@example.com' }),
    );
    expect(bare.SubscriptionArn).toMatch(/^arn:aws:sns:/);

    expect((await subscribe(world.account, STRANGER)).SubscriptionArn).toBe('pending confirmation');

    expect(await listed()).toEqual([
      [CONTROL.subscriber, `${CONTROL.topicArn}:id`],
      [STRANGER, 'PendingConfirmation'],
    ]);
    const topic = await world.account.sns.send(new GetTopicAttributesCommand({ TopicArn: CONTROL.topicArn }));
    expect(topic.Attributes).toMatchObject({ SubscriptionsConfirmed: '1', SubscriptionsPending: '1' });
    expect(world.faithful.pending()).toMatchObject([{ endpoint: STRANGER, protocol: 'email' }]);
  });

  it('ReturnSubscriptionArn gives the ARN, whose attributes say pending; a wrong token is refused; the owner confirms with the right one', async () => {
    const { SubscriptionArn } = await subscribe(world.account, STRANGER, true);
    const attributes = () =>
      world.account.sns
        .send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))
        .then((o) => o.Attributes);
    expect(await attributes()).toMatchObject({ PendingConfirmation: 'true' });
    const forged = new ConfirmSubscriptionCommand({ TopicArn: CONTROL.topicArn, Token: 'f'.repeat(64) });
    expect(await rejection(world.account.sns.send(forged))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect((await subscribe(world.account, STRANGER)).SubscriptionArn).toBe('pending confirmation');

    expect(await world.faithful.confirm(STRANGER)).toBe(SubscriptionArn);

    expect(await attributes()).toMatchObject({ PendingConfirmation: 'false' });
    expect(await listed()).toContainEqual([STRANGER, `${CONTROL.topicArn}:id`]);
    expect(world.faithful.pending()).toEqual([]);
    await expect(world.faithful.confirm(STRANGER)).rejects.toThrow(/no confirmation message/);
  });

  it('a same-account SQS subscription is confirmed at once, as on AWS', async () => {
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:alerts`;
    const out = await world.account.sns.send(
      new SubscribeCommand({ TopicArn: CONTROL.topicArn, Protocol: 'sqs', Endpoint: queue }),
    );
    expect(out.SubscriptionArn).toMatch(/^arn:aws:sns:/);
    expect(world.faithful.pending()).toEqual([]);
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

    const bare = await moto.cloudtrail.send(new DescribeTrailsCommand({}));
    expect(bare.trailList?.[0]?.HasCustomEventSelectors).toBe(false);
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
      findings: [`trail ${TRAIL.name} does not record management write events`],
    });
    expect(run.writes).toEqual([]);
    expect(run.calls.map((c) => c.operation)).toContain('GetEventSelectors');
  });
});
