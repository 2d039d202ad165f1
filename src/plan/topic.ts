import type { DesiredState, TopicView } from '../model';
import { keyProblems, ownPublisher, type Publisher, policyProblems } from '../verdict/topic-checks';
import { deliveryFindings } from './delivery';
import { allowsCloudWatch, mergePolicy, newTopicPolicy, ownStatementDiffers } from './policy';
import { subscriberFindings, subscriptionChanges } from './subscribers';
import type { Change, Finding } from './types';

export { describeEndpoint } from './subscribers';

const AWS_MANAGED_KEY = /(^|:)alias\/aws\/sns$/;

const blocking = (p: { code: string; text: string }): Finding => ({
  code: p.code,
  message: p.text,
  blocking: true,
});

/** The AWS managed key never works for alarms; a customer key must be enabled, ours, and let CloudWatch use it. */
function encryptionFindings(topic: TopicView, who: Publisher): Finding[] {
  const key = topic.kmsMasterKeyId;
  if (!key) return [];
  if (AWS_MANAGED_KEY.test(key)) {
    const message = `topic is encrypted with the AWS managed key ${key}, which CloudWatch alarms cannot use: use a customer managed key`;
    return [{ code: 'topic-kms-aws-managed-key', message, blocking: true }];
  }
  if (!topic.key) {
    const message = `topic is encrypted with ${key}, which was not read: whether CloudWatch may use it is not known`;
    return [{ code: 'topic-kms-customer-key', message, blocking: true }];
  }
  return keyProblems(topic, who).map(blocking);
}

/**
 * The policy judged as IAM judges our alarm's sns:Publish. Our statement (by Sid) is restored when it was
 * changed, and added when no Allow names CloudWatch or none holds for our alarm, unless a Deny decides
 * anyway; what still stops the publish after that merge is a blocking finding (a person must fix it).
 */
function policyPlan(desired: DesiredState, topic: TopicView, who: Publisher) {
  const { arn } = desired.topic;
  const current = policyProblems(topic, who);
  const merged = mergePolicy(topic.policy, arn, desired.accountId);
  const afterMerge = policyProblems({ ...topic, policy: merged }, who);
  const changed = ownStatementDiffers(topic.policy, arn, desired.accountId);
  const helps = current.length > 0 && afterMerge.length === 0;
  const stuck = afterMerge.length > 0;
  const merge = changed || helps || (!allowsCloudWatch(topic.policy, arn) && !stuck);
  const findings = (merge ? afterMerge : current).map(blocking);
  if (!merge) return { changes: [], findings };
  const reasons = changed
    ? ["the enforcer's own statement (by Sid) was changed: restored as it writes it"]
    : ['topic policy does not let cloudwatch.amazonaws.com publish'];
  const change: Change = {
    resource: 'topic-policy',
    action: 'update',
    topicArn: arn,
    reasons,
    before: topic.policy ?? null,
    after: merged,
  };
  return { changes: [change], findings };
}

function existingTopicPlan(
  desired: DesiredState,
  topic: TopicView,
): { changes: Change[]; findings: Finding[] } {
  const who = ownPublisher(desired);
  const policy = policyPlan(desired, topic, who);
  return { changes: policy.changes, findings: [...encryptionFindings(topic, who), ...policy.findings] };
}

/** Plans the topic, its policy and subscriptions; names what the enforcer cannot fix as findings. */
export function planTopic(
  desired: DesiredState,
  topic: TopicView | undefined,
): { changes: Change[]; findings: Finding[] } {
  const { arn, createName } = desired.topic;
  const subscriptions = subscriptionChanges(desired, topic);
  const subscribers = subscriberFindings(desired, topic, subscriptions.length);
  if (topic) {
    const own = existingTopicPlan(desired, topic);
    const delivery = deliveryFindings(desired, topic, ownPublisher(desired));
    return {
      changes: [...own.changes, ...subscriptions],
      findings: [...own.findings, ...subscribers, ...delivery],
    };
  }
  if (!createName) {
    const message = `configured topic ${arn} does not exist and is outside this account or region, so it cannot be created`;
    return { changes: [], findings: [{ code: 'topic-missing', message, blocking: true }] };
  }
  const policy = newTopicPolicy(arn, desired.accountId);
  const create: Change = {
    resource: 'topic',
    action: 'create',
    reasons: ['topic does not exist'],
    before: null,
    after: { name: createName, policy },
  };
  return { changes: [create, ...subscriptions], findings: subscribers };
}
