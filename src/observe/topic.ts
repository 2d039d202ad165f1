import {
  GetTopicAttributesCommand,
  NotFoundException,
  paginateListSubscriptionsByTopic,
  type Subscription as SnsSubscription,
} from '@aws-sdk/client-sns';
import type { Clients } from '../aws/clients';
import { attempt } from '../aws/errors';
import type { SubscriptionProtocol } from '../config';
import type { PolicyDocument, PolicyStatement, SubscriptionView, TopicView } from '../model';

/** Reads a topic's policy, encryption key and subscriptions; undefined when the topic does not exist. */
export async function readTopic(clients: Clients, arn: string): Promise<TopicView | undefined> {
  try {
    const [attributes, subscriptions] = await Promise.all([
      attempt('observe topic', 'sns:GetTopicAttributes', arn, () =>
        clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn })),
      ),
      readSubscriptions(clients, arn),
    ]);
    const attrs = attributes.Attributes ?? {};
    const maxMessageBytes = Number(attrs.MaximumMessageSize);
    return {
      arn,
      policy: parsePolicy(attrs.Policy),
      ...(attrs.KmsMasterKeyId ? { kmsMasterKeyId: attrs.KmsMasterKeyId } : {}),
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

/** Parses a topic policy; an unreadable one is treated as absent (the plan then adds our statement). */
function parsePolicy(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  try {
    const doc = JSON.parse(text) as Omit<PolicyDocument, 'Statement'> & { Statement?: unknown };
    const statement = doc.Statement;
    if (Array.isArray(statement)) return { ...doc, Statement: statement };
    return statement && typeof statement === 'object'
      ? { ...doc, Statement: [statement as PolicyStatement] }
      : undefined;
  } catch {
    return undefined;
  }
}
