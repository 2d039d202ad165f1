/**
 * The configured people must be the ones who hear (issue 12 item 4), on the AWS-faithful mock account
 * (an email Subscribe stays PendingConfirmation, as on AWS).
 */
import { PublishCommand, type Subscription } from '@aws-sdk/client-sns';
import { createNotifier } from '../../src/notify';
import { runMetrics } from '../../src/telemetry/metrics';
import { compliant, configFor, TOPIC_ARN } from '../support/builders';
import { runAgain, runOn } from '../unit/support/run';
import { sampleEvent } from './reports';

const MALLORY = 'arn:aws:sts::123456789012:assumed-role/Admin/mallory';
const HOOK = 'https://collector.example.net/hook/8f3e';
const stranger: Subscription = {
  TopicArn: TOPIC_ARN,
  Protocol: 'https',
  Endpoint: HOOK,
  Owner: '123456789012',
  SubscriptionArn: `${TOPIC_ARN}:9d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6`,
};
const LOOKUP =
  'aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=EventName,AttributeValue=Subscribe';

/** Mallory's Subscribe of her webhook to the enforcer's topic, as EventBridge delivers it. */
function malloryAddsHook(): unknown {
  const event = structuredClone(sampleEvent('cloudtrail-subscribe')) as { detail: Record<string, unknown> };
  event.detail.requestParameters = { topicArn: TOPIC_ARN, protocol: 'https', endpoint: HOOK };
  (event.detail.userIdentity as Record<string, unknown>).arn = MALLORY;
  return event;
}

/** The account after the attack: the configured email unsubscribed, mallory's webhook confirmed. */
function attacked() {
  const state = compliant();
  const topic = state.topics[TOPIC_ARN];
  if (topic) topic.subscriptions = [stranger];
  return state;
}

describe('an attacker swaps the configured subscriber for their own', () => {
  it('the repair re-subscribes ours (pending): NON_COMPLIANT, the webhook reported with who added it', async () => {
    const run = await runOn(attacked(), { event: malloryAddsHook() });

    expect(run.writes.map((w) => w.command)).toEqual(['SubscribeCommand']);
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toContain(
      'no configured subscriber is confirmed: email:sec@example.com awaiting confirmation; ' +
        'the confirmed subscribers https:https://collector.example.net/… are not in SUBSCRIPTIONS',
    );
    expect(run.report.news).toEqual([
      `subscription of SNS topic ${TOPIC_ARN} was written by ${MALLORY} with Subscribe at 2026-11-26T07:45:12Z (event 1a2b3c4d-5e6f-4a70-8b81-92a3b4c5d6e7)`,
      `subscriber https:https://collector.example.net/… of ${TOPIC_ARN} is not in SUBSCRIPTIONS (confirmed as ${stranger.SubscriptionArn}) — added by ${MALLORY} (Subscribe at 2026-11-26T07:45:12Z, event 1a2b3c4d-5e6f-4a70-8b81-92a3b4c5d6e7)`,
    ]);
    expect(JSON.stringify(run.report)).not.toContain('/hook/8f3e');
  });

  it('its alert reaches only the attacker: reported undelivered, counted in AlertsFailed', async () => {
    const run = await runOn(attacked(), { event: malloryAddsHook() });
    const notified = await createNotifier({ sns: run.deps.clients.sns, config: configFor() }).notify(
      run.report,
    );

    expect(run.mocks.sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(notified.notification).toEqual({
      sent: false,
      topicArn: TOPIC_ARN,
      messageId: expect.any(String),
      error: expect.stringMatching(/^published, but no configured subscriber could receive it/),
    });
    expect(runMetrics(notified)).toContainEqual({ name: 'AlertsFailed', unit: 'Count', value: 1 });
  });

  it('every later run stays NON_COMPLIANT (not COMPLIANT) until the owner confirms; who added it is then unknown', async () => {
    const first = await runOn(attacked(), { event: malloryAddsHook() });
    const later = await runAgain(first, sampleEvent('schedule'));

    expect(later.writes).toEqual([]);
    expect(later.report.status).toBe('NON_COMPLIANT');
    expect(later.report.news).toEqual([
      `subscriber https:https://collector.example.net/… of ${TOPIC_ARN} is not in SUBSCRIPTIONS (confirmed as ${stranger.SubscriptionArn}) — who added it is unknown: ${LOOKUP}`,
    ]);
  });
});

describe('a subscriber nobody configured, beside the confirmed configured one', () => {
  function withStranger() {
    const state = compliant();
    state.topics[TOPIC_ARN]?.subscriptions.push(stranger);
    return state;
  }

  it('is COMPLIANT with news, alerted once per warm container, again after a cold start', async () => {
    const first = await runOn(withStranger(), { event: sampleEvent('schedule') });
    expect(first.report).toMatchObject({
      status: 'COMPLIANT',
      audience: { confirmed: 2, configuredConfirmed: 1 },
    });
    const warm = createNotifier({ sns: first.deps.clients.sns, config: configFor() });

    expect((await warm.notify(first.report)).notification).toMatchObject({ sent: true });
    const subject = first.mocks.sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject;
    expect(subject).toMatch(
      /^CIS 4\.10 holds; news \(daily check\): subscriber https:https:\/\/collector\.example\.net/,
    );
    expect((await warm.notify((await runAgain(first, sampleEvent('schedule'))).report)).notification).toEqual(
      {
        sent: false,
        suppressed: true,
        reason: 'this news was already alerted',
      },
    );
    const cold = createNotifier({ sns: first.deps.clients.sns, config: configFor() });
    expect(
      (await cold.notify((await runAgain(first, sampleEvent('schedule'))).report)).notification,
    ).toMatchObject({
      sent: true,
    });
  });

  it('without SUBSCRIPTIONS nobody is unexpected: no news, any confirmed subscriber satisfies the topic', async () => {
    const run = await runOn(withStranger(), { event: sampleEvent('schedule'), env: { SUBSCRIPTIONS: '' } });
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.report).not.toHaveProperty('news');
    expect(run.report.audience).toEqual({ confirmed: 2 });
  });
});
