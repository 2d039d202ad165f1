import type { SubscriptionProtocol } from '../config';
import type { DesiredState, SubscriptionView, TopicView } from '../model';
import { describeEndpoint, isConfigured, sameEndpoint } from '../plan/subscribers';
import type { Audience } from '../report';
import type { Trigger } from '../triggers/events';
import { lookupCommand } from './lookup';
import { NEWS_DETAIL } from './memory';
import { type CloudTrailRequest, textField } from './request';

/** Who can receive an alert published to the topic as observed; undefined when it was not read. */
export function audienceOf(desired: DesiredState, topic: TopicView | undefined): Audience | undefined {
  if (!topic) return undefined;
  const confirmed = topic.subscriptions.filter((s) => s.confirmed);
  const configured = desired.topic.subscriptions.length > 0;
  return {
    confirmed: confirmed.length,
    ...(configured ? { configuredConfirmed: confirmed.filter((s) => isConfigured(desired, s)).length } : {}),
    ...(topic.maxMessageBytes ? { maxMessageBytes: topic.maxMessageBytes } : {}),
  };
}

/** True when the triggering call is the Subscribe that added this subscription. */
function addedBy(s: SubscriptionView, desired: DesiredState, request?: CloudTrailRequest): boolean {
  if (request?.eventName !== 'Subscribe' || request.eventSource !== 'sns.amazonaws.com') return false;
  const p = request.parameters;
  const protocol = (textField(p, 'protocol') ?? '') as SubscriptionProtocol;
  const endpoint = textField(p, 'endpoint') ?? '';
  return textField(p, 'topicArn') === desired.topic.arn && sameEndpoint(s, { protocol, endpoint });
}

function who(s: SubscriptionView, desired: DesiredState, trigger: Trigger, request?: CloudTrailRequest) {
  if (trigger.kind === 'cloudtrail' && addedBy(s, desired, request)) {
    return `added by ${trigger.actor.arn} (Subscribe at ${trigger.eventTime}, event ${trigger.eventId})`;
  }
  const region = desired.topic.arn.split(':')[3] ?? desired.region;
  return `who added it is unknown: ${lookupCommand(region, 'EventName', 'Subscribe')}`;
}

/**
 * One news sentence per subscriber of the topic that SUBSCRIPTIONS does not name, with who added it
 * when the triggering call is that Subscribe. None without SUBSCRIPTIONS: then nobody is unexpected.
 */
export function strangerNews(
  desired: DesiredState,
  topic: TopicView | undefined,
  trigger: Trigger,
  request?: CloudTrailRequest,
): string[] {
  if (!topic || desired.topic.subscriptions.length === 0) return [];
  return topic.subscriptions
    .filter((s) => !isConfigured(desired, s))
    .map((s) => {
      const state = s.confirmed ? `confirmed as ${s.arn}` : 'pending confirmation';
      const head = `subscriber ${describeEndpoint(s)} of ${topic.arn} is not in SUBSCRIPTIONS (${state})`;
      return `${head}${NEWS_DETAIL}${who(s, desired, trigger, request)}`;
    });
}
