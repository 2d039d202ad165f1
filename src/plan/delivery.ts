import type { DesiredState, TopicView } from '../model';
import { deliveryOf, deliveryReason, type Publisher } from '../verdict/topic-checks';
import { describeEndpoint, isConfigured } from './subscribers';
import type { Finding } from './types';

/**
 * Confirmed subscribers whose filter policy drops (or may drop) the alarm notification do not count: each
 * is named, and when none of those that count (the configured ones, with SUBSCRIPTIONS) is left, blocking.
 * A topic with no confirmed subscriber at all is `subscriberFindings`' to report.
 */
export function deliveryFindings(desired: DesiredState, topic: TopicView, who: Publisher): Finding[] {
  const judged = topic.subscriptions
    .filter((s) => s.confirmed)
    .map((s) => ({ s, delivery: deliveryOf(s, who) }));
  const failing = judged.filter((j) => j.delivery !== true);
  if (failing.length === 0) return [];
  const counted = desired.topic.subscriptions.length
    ? judged.filter((j) => isConfigured(desired, j.s))
    : judged;
  const none = counted.length > 0 && counted.every((j) => j.delivery !== true);
  return failing.map(({ s, delivery }) => ({
    code: 'subscription-filter-drops-alarm',
    message:
      `${describeEndpoint(s)} is confirmed but ${deliveryReason(s, delivery)}` +
      (none && counted.some((j) => j.s === s) ? '; no subscriber that counts receives the alarm' : ''),
    blocking: none && counted.some((j) => j.s === s),
  }));
}
