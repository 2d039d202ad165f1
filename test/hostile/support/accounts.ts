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
      SubscriptionArn: `${TOPIC_ARN}:11111111-aaaa-4bbb-8ccc-dddddddddddd`,
    },
  ];
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
