import type { AlarmView, DesiredState, KeyView, SubscriptionView, TopicView } from '../model';
import { alarmNotification, type Delivery, deliversAlarm } from './filter-policy';
import { alarmContext, alarmPublish, describeOutcome, evaluatePolicy } from './policy-eval';

/**
 * Why a topic would not tell of an alarm: the same judgement for the plan (a blocking finding) and the
 * verdict (`certain`: the chain is broken; otherwise unknown).
 */
export interface TopicProblem {
  readonly code: string;
  readonly text: string;
  readonly certain: boolean;
}

/** Who publishes: the alarm's ARN and account (the request's aws:SourceArn and aws:SourceAccount). */
export interface Publisher {
  readonly alarm: AlarmView;
  readonly alarmArn: string;
  readonly accountId: string;
}

const partitionOf = (arn: string): string => arn.split(':')[1] ?? 'aws';

/** The enforcer's alarm as the topic's publisher, from the desired state (its ARN is fixed by its name). */
export function ownPublisher(desired: DesiredState): Publisher {
  const { alarm, region, accountId } = desired;
  const alarmArn = `arn:${partitionOf(desired.topic.arn)}:cloudwatch:${region}:${accountId}:alarm:${alarm.name}`;
  const view: AlarmView = {
    ...alarm,
    arn: alarmArn,
    namespace: desired.filter.metricNamespace,
    metricName: desired.filter.metricName,
    hasDimensions: false,
    usesMetricMath: false,
    actionsEnabled: true,
    alarmActions: [desired.topic.arn],
    okActions: [],
    insufficientDataActions: [],
  };
  return { alarm: view, alarmArn, accountId };
}

/** The topic policy, judged as IAM judges the alarm's sns:Publish. */
export function policyProblems(topic: TopicView, who: Publisher): TopicProblem[] {
  const outcome = evaluatePolicy(topic.policy, alarmPublish(topic.arn, who.alarmArn, who.accountId));
  if (outcome.outcome === 'allowed') return [];
  const text = `topic policy: ${describeOutcome(outcome, `sns:Publish by cloudwatch.amazonaws.com for ${who.alarmArn}`)}`;
  const code = {
    denied: 'topic-policy-denies-cloudwatch',
    implicit: 'topic-policy-excludes-cloudwatch',
    unknown: 'topic-policy-undecidable',
  }[outcome.outcome];
  return [{ code, text, certain: outcome.outcome !== 'unknown' }];
}

const KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

function keyPolicyProblems(key: KeyView, who: Publisher): TopicProblem[] {
  const context = alarmContext(who.alarmArn, who.accountId);
  return KEY_ACTIONS.flatMap((action): TopicProblem[] => {
    const request = { service: 'cloudwatch.amazonaws.com', action, resource: key.arn ?? key.id, context };
    const outcome = evaluatePolicy(key.policy, request);
    if (outcome.outcome === 'allowed') return [];
    const what = `${action} by cloudwatch.amazonaws.com on ${key.arn ?? key.id}`;
    const text = `topic key policy: ${describeOutcome(outcome, what)} (CloudWatch needs kms:Decrypt and kms:GenerateDataKey*)`;
    return [{ code: 'topic-kms-key-policy', text, certain: outcome.outcome !== 'unknown' }];
  });
}

/** The topic's customer managed key: in this account, enabled, and its policy lets CloudWatch use it. */
export function keyProblems(topic: TopicView, who: Publisher): TopicProblem[] {
  const key = topic.key;
  if (topic.kmsMasterKeyId && /(^|:)alias\/aws\/sns$/.test(topic.kmsMasterKeyId)) {
    const text = `topic is encrypted with the AWS managed key ${topic.kmsMasterKeyId}, which CloudWatch alarms cannot use`;
    return [{ code: 'topic-kms-aws-managed-key', text, certain: true }];
  }
  if (!key) {
    if (!topic.kmsMasterKeyId) return [];
    const text = `topic key ${topic.kmsMasterKeyId} was not read`;
    return [{ code: 'topic-kms-customer-key', text, certain: false }];
  }
  const code = 'topic-kms-customer-key';
  if (key.foreignAccount) {
    const text = `topic is encrypted with ${key.id}, a key of account ${key.foreignAccount}: its owner can disable it or change its policy and silence every alarm without this account seeing it; use a key of this account`;
    return [{ code: 'topic-kms-foreign-key', text, certain: true }];
  }
  if (key.error)
    return [{ code, text: `topic key ${key.id} could not be read: ${key.error}`, certain: false }];
  if (key.manager === 'AWS') {
    const text = `topic is encrypted with the AWS managed key ${key.id}, which CloudWatch alarms cannot use: use a customer managed key`;
    return [{ code: 'topic-kms-aws-managed-key', text, certain: true }];
  }
  if (key.state !== 'Enabled') {
    const text = `topic key ${key.arn ?? key.id} is ${key.state ?? 'in an unknown state'}: SNS cannot encrypt the alarm's message; enable the key (or cancel its deletion)`;
    return [{ code: 'topic-kms-key-unusable', text, certain: true }];
  }
  return keyPolicyProblems(key, who);
}

/** Protocols CloudWatch alarm notifications reach as formatted text (its per-protocol message), not JSON. */
const TEXT_PROTOCOLS: ReadonlySet<string> = new Set(['email', 'sms']);

/** Whether one confirmed subscription receives the alarm's notification (its filter policy). */
export function deliveryOf(s: SubscriptionView, who: Publisher): Delivery {
  if (s.attributesError) return `its attributes could not be read: ${s.attributesError}`;
  if (s.filterPolicy && s.filterPolicyScope === 'MessageBody' && TEXT_PROTOCOLS.has(s.protocol)) {
    return `CloudWatch sends ${s.protocol} subscribers a text message, not the JSON the body filter would be judged on`;
  }
  const body = alarmNotification(who.alarm, who.alarmArn, who.accountId);
  return deliversAlarm(s.filterPolicy, s.filterPolicyScope, body);
}

/** Why a subscription that does not certainly deliver does not count, for a sentence. */
export function deliveryReason(s: SubscriptionView, d: Delivery): string {
  if (typeof d === 'string')
    return `whether its filter policy passes the alarm notification cannot be told (${d})`;
  const scope =
    s.filterPolicyScope === 'MessageBody'
      ? 'message body'
      : 'message attributes, which alarm notifications do not carry';
  return `its filter policy (on the ${scope}) drops the alarm notification: remove the FilterPolicy or make it match`;
}

/** Everything about the topic that keeps the alarm's notification from anyone: policy, key, subscribers. */
export function topicProblems(topic: TopicView, who: Publisher): TopicProblem[] {
  const problems = [...policyProblems(topic, who), ...keyProblems(topic, who)];
  const confirmed = topic.subscriptions.filter((s) => s.confirmed);
  if (confirmed.length === 0) {
    problems.push({
      code: 'no-confirmed-subscriber',
      text: 'topic has no confirmed subscriber',
      certain: true,
    });
    return problems;
  }
  const judged = confirmed.map((s) => ({ s, d: deliveryOf(s, who) }));
  if (judged.some((j) => j.d === true)) return problems;
  const why = judged.map((j) => `${j.s.protocol}:… ${deliveryReason(j.s, j.d)}`).join('; ');
  const certain = judged.every((j) => j.d === false);
  problems.push({
    code: 'subscription-filter-drops-alarm',
    text: `no confirmed subscriber receives the alarm notification: ${why}`,
    certain,
  });
  return problems;
}

/** Confirmed subscriptions that receive the alarm's notification. */
export function delivering(topic: TopicView, who: Publisher): SubscriptionView[] {
  return topic.subscriptions.filter((s) => s.confirmed && deliveryOf(s, who) === true);
}
