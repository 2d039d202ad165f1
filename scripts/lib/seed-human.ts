/**
 * What the account's people do outside the APIs. On AWS a new email (or http/https) subscription
 * waits until its owner follows the link in the confirmation message, which calls
 * ConfirmSubscription with the token; against the AWS-faithful layer, the message is in its inbox.
 */
import { ConfirmSubscriptionCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Inbox } from './faithful';

/** A person who reads the confirmation messages of their endpoints and confirms. */
export interface Human {
  /** Confirms the pending subscription of `endpoint` to `topicArn`; resolves with its SubscriptionArn. */
  confirm(topicArn: string, endpoint: string): Promise<string>;
}

/** Thrown when a person is asked to confirm a subscription nobody is waiting for. */
export class NothingToConfirmError extends Error {
  override readonly name = 'NothingToConfirmError';
}

/** A human whose messages arrive in `inbox`, confirming through `sns` (their own session). */
export function humanOf(sns: SNSClient, inbox: Inbox): Human {
  return {
    confirm: async (topicArn, endpoint) => {
      const token = inbox.tokenFor(endpoint, topicArn);
      if (!token) {
        throw new NothingToConfirmError(`no confirmation message for ${endpoint} on ${topicArn}`);
      }
      const out = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: token }));
      return out.SubscriptionArn ?? '';
    },
  };
}
