/**
 * SNS subscription confirmation through the AWS-faithful layer (docs/aws-differences.md, correction 2),
 * beside moto 5.2.5's own answer: a new email subscription waits for its owner; seeded ones are
 * confirmed; same-account SQS is confirmed at once.
 */
import {
  ConfirmSubscriptionCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { ACCOUNT_ID, REGION } from '../../scripts/lib/emulator';
import { type AccountClients, CONTROL, USER } from '../../scripts/lib/seed';
import { rejection, useBareEmulator } from './support/bare';
import { useWorld } from './support/harness';

const STRANGER = 'mallory@example.net';
const bare = useBareEmulator();

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
    const motoSays = await bare().sns.send(
      new SubscribeCommand({ TopicArn: USER.topicArn, Protocol: 'email', Endpoint: 'moto@example.com' }),
    );
    expect(motoSays.SubscriptionArn).toMatch(/^arn:aws:sns:/);

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
