/** Fake accounts (builders' AccountState) in which one run has every kind of repair to make. */
import {
  ACCOUNT,
  type AccountState,
  ALL_MANAGEMENT,
  compliant,
  OTHER_SUBSCRIBER,
  ourTopic,
  ourTrail,
  TOPIC_ARN,
  TRAIL_ARN,
  without,
} from '../../support/builders';

/** SNS's default policy for a new topic: the owner only, nothing for CloudWatch. */
const OWNER_ONLY = {
  Version: '2008-10-17',
  Statement: [
    {
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:Publish', 'SNS:Subscribe'],
      Resource: TOPIC_ARN,
      Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    },
  ],
};

/**
 * Trail logging stopped, filter and alarm deleted, the topic policy without CloudWatch, the configured
 * subscriber gone (someone else's confirmed subscriber stays): StartLogging, SetTopicAttributes,
 * Subscribe, PutMetricFilter and PutMetricAlarm all planned in one run.
 */
export function driftedEverywhere(): AccountState {
  let s = compliant();
  for (const part of ['logging', 'filter', 'alarm'] as const) s = without(part, s);
  const topic = ourTopic(s);
  topic.attributes.Policy = JSON.stringify(OWNER_ONLY);
  topic.subscriptions = [
    {
      TopicArn: TOPIC_ARN,
      Protocol: OTHER_SUBSCRIBER.protocol,
      Endpoint: OTHER_SUBSCRIBER.endpoint,
      Owner: ACCOUNT,
      SubscriptionArn: DRIFTED_SUBSCRIPTION,
    },
  ];
  return s;
}

/** The confirmed subscription of driftedEverywhere's topic. */
export const DRIFTED_SUBSCRIPTION = `${TOPIC_ARN}:11111111-aaaa-4bbb-8ccc-dddddddddddd`;
export const TOPIC_KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/2222aaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee`;
export const TOPIC_KEY_ALIAS = 'alias/cis-alarms';

/** driftedEverywhere with its topic encrypted by a customer managed key (named by its alias) CloudWatch may use. */
export function encryptedDrifted(): AccountState {
  const s = driftedEverywhere();
  ourTopic(s).attributes.KmsMasterKeyId = TOPIC_KEY_ALIAS;
  const use = { Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Resource: '*' };
  const policy = { Statement: [{ ...use, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }] };
  const metadata = {
    KeyId: TOPIC_KEY_ARN.split('/')[1],
    Arn: TOPIC_KEY_ARN,
    KeyState: 'Enabled' as const,
    KeyManager: 'CUSTOMER' as const,
  };
  s.keys = { [TOPIC_KEY_ARN]: { metadata, policy: JSON.stringify(policy), aliases: [TOPIC_KEY_ALIAS] } };
  return s;
}

/** The topic deleted as well: CreateTopic, Subscribe, StartLogging, PutMetricFilter, PutMetricAlarm. */
export function topicMissing(): AccountState {
  return without('topic', driftedEverywhere());
}

/** driftedEverywhere with a trail that has custom event selectors, so discovery reads them. */
export function withCustomSelectors(): AccountState {
  const s = driftedEverywhere();
  ourTrail(s).HasCustomEventSelectors = true;
  s.selectors[TRAIL_ARN] = { EventSelectors: ALL_MANAGEMENT };
  return s;
}
