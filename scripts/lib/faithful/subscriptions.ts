/**
 * SNS subscription confirmation. AWS keeps an email, email-json, http or https subscription (and one
 * to an endpoint of another account) `PendingConfirmation` until the endpoint's owner confirms it
 * with the token AWS sent them; moto 5.2.5 confirms every subscription at once. Here a new
 * subscription of those kinds stays pending, its token waits in the `Inbox`, and a person confirms
 * it with ConfirmSubscription as the link in the message does.
 */
import { randomBytes } from 'node:crypto';
import type { Correction } from './correction';
import { pendingAnswers, subscriptionArnsIn, subscriptionArnsOf } from './subscription-answers';
import {
  readQuery,
  type Send,
  succeeded,
  type WireAnswer,
  type WireRequest,
  xmlAnswer,
  xmlError,
} from './wire';

/** A subscription waiting for its owner, and the token AWS sent them. */
export interface PendingSubscription {
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly token: string;
}

/** What the confirmation messages say: read by the person who confirms. */
export interface Inbox {
  /** Every subscription still waiting for its owner's confirmation. */
  pending(): readonly PendingSubscription[];
  /** The token sent for the pending subscription of `endpoint` (to `topicArn` when given). */
  tokenFor(endpoint: string, topicArn?: string): string | undefined;
}

const CONFIRMED_BY_OWNER = new Set(['email', 'email-json', 'http', 'https']);
const accountOf = (arn: string) => arn.split(':')[4] ?? '';

/** True when AWS waits for the endpoint's owner before the subscription is confirmed. */
export function needsConfirmation(protocol: string, endpoint: string, topicArn: string): boolean {
  if (CONFIRMED_BY_OWNER.has(protocol)) return true;
  return endpoint.startsWith('arn:') && accountOf(endpoint) !== accountOf(topicArn);
}

/** The correction and the inbox it fills. */
export function subscriptionConfirmation(): { correction: Correction; inbox: Inbox } {
  const pending = new Map<string, PendingSubscription>();
  const inbox: Inbox = {
    pending: () => [...pending.values()],
    tokenFor: (endpoint, topicArn) =>
      [...pending.values()].find((p) => p.endpoint === endpoint && (!topicArn || p.topicArn === topicArn))
        ?.token,
  };
  const answers = pendingAnswers(pending);
  const handlers: Record<string, (r: WireRequest, next: Send, emulator: Send) => Promise<WireAnswer>> = {
    Subscribe: (r, next, emulator) => subscribe(pending, r, next, emulator),
    ConfirmSubscription: async (r) => confirm(pending, r),
    Unsubscribe: (r, next) =>
      forget(pending, r, next, (p) => p.subscriptionArn === param(r, 'SubscriptionArn')),
    DeleteTopic: (r, next) => forget(pending, r, next, (p) => p.topicArn === param(r, 'TopicArn')),
  };
  const correction: Correction = {
    operations: [...Object.keys(handlers), ...answers.operations].map((op) => `sns:${op}`),
    handle: (r, next, emulator) => (handlers[r.operation] ?? answers.handle)(r, next, emulator),
    reset: () => pending.clear(),
  };
  return { correction, inbox };
}

const param = (r: WireRequest, name: string) => readQuery(r).get(name) ?? '';

/** Subscribe: a new subscription that needs its owner stays pending; the answer says so unless asked for the ARN. */
async function subscribe(
  pending: Map<string, PendingSubscription>,
  r: WireRequest,
  next: Send,
  emulator: Send,
): Promise<WireAnswer> {
  const [topicArn, protocol, endpoint] = ['TopicArn', 'Protocol', 'Endpoint'].map((n) => param(r, n));
  const before = await subscriptionArnsOf(r, emulator, topicArn ?? '');
  const out = await next(r);
  const arn = subscriptionArnsIn(out)[0];
  if (!succeeded(out) || !arn || !topicArn || !protocol || endpoint === undefined) return out;
  if (!before.has(arn) && needsConfirmation(protocol, endpoint, topicArn)) {
    const token = randomBytes(32).toString('hex');
    pending.set(arn, { subscriptionArn: arn, topicArn, protocol, endpoint, token });
  }
  if (!pending.has(arn) || param(r, 'ReturnSubscriptionArn') === 'true') return out;
  return xmlAnswer('Subscribe', '<SubscriptionArn>pending confirmation</SubscriptionArn>');
}

/** ConfirmSubscription with the token that was sent: the subscription is confirmed. */
function confirm(pending: Map<string, PendingSubscription>, r: WireRequest): WireAnswer {
  const topicArn = param(r, 'TopicArn');
  const token = param(r, 'Token');
  const found = [...pending.values()].find((p) => p.token === token && p.topicArn === topicArn);
  if (!found) return xmlError(400, 'InvalidParameter', 'Invalid parameter: Token');
  pending.delete(found.subscriptionArn);
  return xmlAnswer('ConfirmSubscription', `<SubscriptionArn>${found.subscriptionArn}</SubscriptionArn>`);
}

/** Unsubscribe / DeleteTopic: once the emulator removed them, pending subscriptions are forgotten too. */
async function forget(
  pending: Map<string, PendingSubscription>,
  r: WireRequest,
  next: Send,
  gone: (p: PendingSubscription) => boolean,
): Promise<WireAnswer> {
  const out = await next(r);
  if (succeeded(out)) for (const p of [...pending.values()]) if (gone(p)) pending.delete(p.subscriptionArn);
  return out;
}
