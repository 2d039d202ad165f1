import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { CONTROL } from '../../scripts/lib/seed';
import { AWAITING_CONFIRMATION, expectRepaired, readControl } from './support/control';
import { ALICE, DEFAULT_ENV, useWorld } from './support/harness';
import { expectConfirmedThenHealed, tamper, userResourcesNow } from './support/tamper';

const subscribed = [
  { resource: 'subscription', action: 'create', reasons: [`email:${CONTROL.subscriber} is not subscribed`] },
];

describe('topic and subscriber tampering', () => {
  const world = useWorld('compliant');

  // The new email subscription stays PendingConfirmation until its owner confirms (AWS; the faithful
  // layer corrects moto, which confirms at once): the repair ends NON_COMPLIANT naming it.
  it('scenario 9: a deleted topic is created again (same ARN the alarm names) and the endpoint subscribed again, pending until its owner confirms', async () => {
    await tamper.deleteTopic(world.account);

    const run = await world.invoke('cloudtrail-delete-topic');

    expectRepaired(
      run,
      { eventName: 'DeleteTopic', actor: ALICE },
      [{ resource: 'topic', action: 'create', reasons: ['topic does not exist'] }, ...subscribed],
      ['sns:CreateTopic', 'sns:Subscribe'],
      AWAITING_CONFIRMATION,
    );
    await expectConfirmedThenHealed(world, 'cloudtrail-delete-topic', 'topic');
  });

  it('scenario 10a: with every subscription removed, the configured endpoint is subscribed again, pending until its owner confirms', async () => {
    expect(await tamper.unsubscribeAll(world.account)).toBe(1);

    const run = await world.invoke('cloudtrail-unsubscribe');

    expectRepaired(
      run,
      { eventName: 'Unsubscribe', actor: ALICE },
      subscribed,
      ['sns:Subscribe'],
      AWAITING_CONFIRMATION,
    );
    expect(world.faithful.pending().map((p) => p.endpoint)).toEqual([CONTROL.subscriber]);
    await expectConfirmedThenHealed(world, 'cloudtrail-unsubscribe', 'subscription');
  });

  it('scenario 10b: with every subscription removed and none configured, NON_COMPLIANT names the missing subscriber and nothing is invented', async () => {
    await tamper.unsubscribeAll(world.account);
    const env = { ...DEFAULT_ENV, SUBSCRIPTIONS: '' };

    const run = await world.invoke('cloudtrail-unsubscribe', env);

    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      changes: [],
      findings: ['topic has no subscriber: set SUBSCRIPTIONS so someone receives the alarm'],
      trigger: { eventName: 'Unsubscribe', actor: { arn: ALICE } },
    });
    expect(run.writes).toEqual([]);
    const listed = await world.account.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: CONTROL.topicArn }),
    );
    expect(listed.Subscriptions).toEqual([]);
    expect((await world.invoke('cloudtrail-unsubscribe', env)).writes).toEqual([]);
    expect((await readControl(world.account)).alarm?.ActionsEnabled).toBe(true);
    expect(await userResourcesNow(world)).toEqual(world.snapshot());
  });
});
