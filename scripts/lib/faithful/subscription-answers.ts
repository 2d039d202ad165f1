/**
 * The reads that show a subscription's confirmation state, rewritten for the subscriptions that are
 * still pending: AWS lists them with SubscriptionArn `PendingConfirmation`, answers
 * `PendingConfirmation: true` in their attributes and counts them in the topic's SubscriptionsPending.
 */
import { queryCall } from './correction';
import type { PendingSubscription } from './subscriptions';
import {
  escapeXml,
  readQuery,
  type Send,
  succeeded,
  type WireAnswer,
  type WireRequest,
  withBody,
  xmlValues,
} from './wire';

/** Every SubscriptionArn element of an SNS answer, in order. */
export const subscriptionArnsIn = (answer: WireAnswer) =>
  xmlValues(answer.body.toString('utf8'), 'SubscriptionArn');

/** The ARNs of every subscription of `topicArn` as the emulator holds them (empty when it cannot say). */
export async function subscriptionArnsOf(
  like: WireRequest,
  emulator: Send,
  topicArn: string,
): Promise<Set<string>> {
  const arns = new Set<string>();
  let token: string | undefined;
  do {
    const params: Record<string, string> = { TopicArn: topicArn, ...(token ? { NextToken: token } : {}) };
    const out = await emulator(queryCall(like, 'ListSubscriptionsByTopic', params));
    if (!succeeded(out)) return arns;
    for (const arn of subscriptionArnsIn(out)) arns.add(arn);
    token = xmlValues(out.body.toString('utf8'), 'NextToken')[0];
  } while (token);
  return arns;
}

const entry = (key: string, value: string) => `<entry><key>${key}</key><value>${value}</value></entry>`;
const entryPattern = (key: string) =>
  new RegExp(`<entry><key>${key}</key><value>[^<]*</value></entry>|<entry><key>${key}</key><value/></entry>`);

function setEntry(xml: string, key: string, value: string): string {
  return xml.replace(entryPattern(key), entry(key, value));
}

type Pending = ReadonlyMap<string, PendingSubscription>;
type Answer = (pending: Pending, r: WireRequest, next: Send, emulator: Send) => Promise<WireAnswer>;

/** The lists show a pending subscription's ARN as `PendingConfirmation`. */
const lists: Answer = async (pending, r, next) => {
  const out = await next(r);
  let xml = out.body.toString('utf8');
  for (const arn of pending.keys()) {
    xml = xml.replaceAll(
      `<SubscriptionArn>${escapeXml(arn)}</SubscriptionArn>`,
      '<SubscriptionArn>PendingConfirmation</SubscriptionArn>',
    );
  }
  return withBody(out, xml);
};

/** A pending subscription's attributes say so. */
const subscriptionAttributes: Answer = async (pending, r, next) => {
  const out = await next(r);
  if (!succeeded(out) || !pending.has(readQuery(r).get('SubscriptionArn') ?? '')) return out;
  const xml = setEntry(out.body.toString('utf8'), 'PendingConfirmation', 'true');
  return withBody(out, setEntry(xml, 'ConfirmationWasAuthenticated', 'false'));
};

/** The topic counts its confirmed and pending subscriptions. */
const topicAttributes: Answer = async (pending, r, next, emulator) => {
  const out = await next(r);
  if (!succeeded(out)) return out;
  const all = await subscriptionArnsOf(r, emulator, readQuery(r).get('TopicArn') ?? '');
  const waiting = [...all].filter((arn) => pending.has(arn)).length;
  const xml = setEntry(out.body.toString('utf8'), 'SubscriptionsPending', String(waiting));
  return withBody(out, setEntry(xml, 'SubscriptionsConfirmed', String(all.size - waiting)));
};

const ANSWERS: Record<string, Answer> = {
  ListSubscriptionsByTopic: lists,
  ListSubscriptions: lists,
  GetSubscriptionAttributes: subscriptionAttributes,
  GetTopicAttributes: topicAttributes,
};

/** The list and attribute reads, answered with the pending state. */
export function pendingAnswers(pending: Pending) {
  return {
    operations: Object.keys(ANSWERS),
    handle: (r: WireRequest, next: Send, emulator: Send): Promise<WireAnswer> => {
      const answer = ANSWERS[r.operation];
      return answer ? answer(pending, r, next, emulator) : next(r);
    },
  };
}
