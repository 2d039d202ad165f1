import type { Subscription } from '../config';
import type { DesiredState, SubscriptionView, TopicView } from '../model';
import { maskUrls } from '../telemetry/redact';
import type { Change, Finding } from './types';

/** Shows an endpoint without anything secret a URL may carry (userinfo, paths of webhooks, queries). */
export function describeEndpoint(s: Subscription): string {
  if (s.protocol === 'http' || s.protocol === 'https') {
    const shown = maskUrls(s.endpoint);
    return `${s.protocol}:${shown.startsWith(`${s.protocol}://`) ? shown.split(/\s/)[0] : '…'}`;
  }
  return `${s.protocol}:${s.endpoint}`;
}

/** Same protocol and endpoint; email addresses compare without letter case, as SNS does. */
export function sameEndpoint(a: Subscription, b: Subscription): boolean {
  return (
    a.protocol === b.protocol &&
    (a.protocol.startsWith('email')
      ? a.endpoint.toLowerCase() === b.endpoint.toLowerCase()
      : a.endpoint === b.endpoint)
  );
}

/** True when the subscription is one of the configured endpoints. */
export function isConfigured(desired: DesiredState, s: Subscription): boolean {
  return desired.topic.subscriptions.some((want) => sameEndpoint(s, want));
}

/** A Subscribe for each configured endpoint the topic does not list (pending or confirmed). */
export function subscriptionChanges(desired: DesiredState, topic: TopicView | undefined): Change[] {
  const present = topic?.subscriptions ?? [];
  return desired.topic.subscriptions
    .filter((want) => !present.some((have) => sameEndpoint(have, want)))
    .map((want) => ({
      resource: 'subscription' as const,
      action: 'create' as const,
      topicArn: desired.topic.arn,
      reasons: [`${describeEndpoint(want)} is not subscribed`],
      before: null,
      after: want,
    }));
}

const blocking = (message: string): Finding => ({ code: 'no-confirmed-subscriber', message, blocking: true });
const shown = (subs: readonly SubscriptionView[]): string => subs.map(describeEndpoint).join(', ');

/** Without SUBSCRIPTIONS nobody is named, so any confirmed subscriber satisfies the topic. */
function anySubscriber(subs: readonly SubscriptionView[]): Finding[] {
  if (subs.some((s) => s.confirmed)) return [];
  if (subs.length === 0) {
    return [blocking('topic has no subscriber: set SUBSCRIPTIONS so someone receives the alarm')];
  }
  return [blocking(`topic has no confirmed subscriber: ${shown(subs)} awaiting confirmation`)];
}

/**
 * With SUBSCRIPTIONS, the configured people must be the ones who hear: a pending configured endpoint
 * is a finding, and no confirmed configured endpoint at all blocks, whoever else is confirmed.
 * While a configured endpoint is still to be subscribed, the verifying observation decides.
 */
export function subscriberFindings(
  desired: DesiredState,
  topic: TopicView | undefined,
  planned: number,
): Finding[] {
  const subs = topic?.subscriptions ?? [];
  if (desired.topic.subscriptions.length === 0) return planned > 0 ? [] : anySubscriber(subs);
  const ours = subs.filter((s) => isConfigured(desired, s));
  const pending = ours.filter((s) => !s.confirmed);
  if (ours.some((s) => s.confirmed)) {
    return pending.map((s) => ({
      code: 'subscription-pending',
      message: `${describeEndpoint(s)} is subscribed but awaiting confirmation`,
      blocking: false,
    }));
  }
  if (planned > 0) return [];
  const strangers = subs.filter((s) => s.confirmed && !isConfigured(desired, s));
  if (strangers.length === 0) return anySubscriber(ours);
  return [
    blocking(
      `no configured subscriber is confirmed: ${shown(pending)} awaiting confirmation; ` +
        `the confirmed subscribers ${shown(strangers)} are not in SUBSCRIPTIONS`,
    ),
  ];
}
