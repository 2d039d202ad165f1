import { GetSubscriptionAttributesCommand } from '@aws-sdk/client-sns';
import type { Clients } from '../aws/clients';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import type { SubscriptionView } from '../model';

/**
 * sns:GetSubscriptionAttributes has no resource type in the Service Authorization Reference (SNS defines
 * only `topic`; a subscription ARN is the topic ARN plus `:id`, which no topic ARN matches), so IAM
 * authorizes it on `*` only.
 */
export const SUBSCRIPTION_GRANTS = grants('any', 'sns:GetSubscriptionAttributes');

const STEP = 'observe subscriptions';

async function withAttributes(
  clients: Clients,
  s: SubscriptionView,
  failures: StepError[],
): Promise<SubscriptionView> {
  if (!s.confirmed) return s;
  try {
    const out = await attempt(STEP, 'sns:GetSubscriptionAttributes', s.arn, () =>
      clients.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.arn })),
    );
    const attrs = out?.Attributes ?? {};
    return {
      ...s,
      ...(attrs.FilterPolicy ? { filterPolicy: attrs.FilterPolicy } : {}),
      ...(attrs.FilterPolicyScope ? { filterPolicyScope: attrs.FilterPolicyScope } : {}),
    };
  } catch (error) {
    const e = toStepError(STEP, error);
    failures.push(e);
    return { ...s, attributesError: `${e.action} on ${e.resource}: ${e.code}` };
  }
}

/**
 * Each confirmed subscription with its filter policy, read concurrently; a failed read is kept on the
 * subscription (it then does not count) and in `failures`.
 */
export function readSubscriptionAttributes(
  clients: Clients,
  subscriptions: readonly SubscriptionView[],
  failures: StepError[],
): Promise<SubscriptionView[]> {
  return Promise.all(subscriptions.map((s) => withAttributes(clients, s, failures)));
}
