import {
  GetTopicAttributesCommand,
  NotFoundException,
  paginateListSubscriptionsByTopic,
  type Subscription as SnsSubscription,
} from '@aws-sdk/client-sns';
import type { Clients } from '../aws/clients';
import { attempt, type StepError } from '../aws/errors';
import type { SubscriptionProtocol } from '../config';
import type { SubscriptionView, TopicView } from '../model';
import { isAwsManagedAlias, readKey } from './key';
import { parsePolicy } from './policy-text';
import { readSubscriptionAttributes } from './subscriptions';

/** The topic's attributes, then its customer managed key (never alias/aws/sns): one more round when it has one. */
async function readAttributes(clients: Clients, arn: string, accountId: string, failures: StepError[]) {
  const attributes = await attempt('observe topic', 'sns:GetTopicAttributes', arn, () =>
    clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn })),
  );
  const attrs = attributes?.Attributes ?? {};
  const id = attrs.KmsMasterKeyId;
  const key = id && !isAwsManagedAlias(id) ? await readKey(clients, id, accountId, failures) : undefined;
  return { attrs, key };
}

/** The subscriptions, then the attributes (filter policy) of each confirmed one. */
async function readDelivery(
  clients: Clients,
  arn: string,
  failures: StepError[],
): Promise<SubscriptionView[]> {
  return readSubscriptionAttributes(clients, await readSubscriptions(clients, arn), failures);
}

/**
 * Reads a topic's policy, encryption key (a customer managed one: its state and policy) and subscriptions
 * (each confirmed one's filter policy); undefined when the topic does not exist.
 */
export async function readTopic(
  clients: Clients,
  arn: string,
  accountId: string,
): Promise<TopicView | undefined> {
  try {
    const failures: StepError[] = [];
    const [{ attrs, key }, subscriptions] = await Promise.all([
      readAttributes(clients, arn, accountId, failures),
      readDelivery(clients, arn, failures),
    ]);
    const maxMessageBytes = Number(attrs.MaximumMessageSize);
    return {
      arn,
      policy: parsePolicy(attrs.Policy),
      ...(attrs.KmsMasterKeyId ? { kmsMasterKeyId: attrs.KmsMasterKeyId } : {}),
      ...(key ? { key } : {}),
      ...(failures.length ? { readErrors: failures } : {}),
      ...(maxMessageBytes > 0 ? { maxMessageBytes } : {}),
      subscriptions,
    };
  } catch (error) {
    if (error instanceof Error && error.cause instanceof NotFoundException) return undefined;
    throw error;
  }
}

async function readSubscriptions(clients: Clients, arn: string): Promise<SubscriptionView[]> {
  const found: SnsSubscription[] = [];
  await attempt('observe topic', 'sns:ListSubscriptionsByTopic', arn, async () => {
    for await (const page of paginateListSubscriptionsByTopic({ client: clients.sns }, { TopicArn: arn })) {
      found.push(...(page.Subscriptions ?? []));
    }
  });
  return found.map((s) => ({
    protocol: (s.Protocol ?? '') as SubscriptionProtocol,
    endpoint: s.Endpoint ?? '',
    arn: s.SubscriptionArn ?? '',
    confirmed: (s.SubscriptionArn ?? '').startsWith('arn:'),
  }));
}
