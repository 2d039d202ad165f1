import type { PolicyStatement, SubscriptionView } from '../../src/model';
import { STATEMENT_SID } from '../../src/plan/policy';
import { describeEndpoint } from '../../src/plan/topic';
import { reportChange } from '../../src/report';
import { ACCOUNT, TOPIC_ARN } from '../support/builders';
import { type Drift, deleted, planDrift, summary, topicWith } from './support/plan-rows';

const OURS: PolicyStatement = {
  Sid: STATEMENT_SID,
  Effect: 'Allow',
  Principal: { Service: 'cloudwatch.amazonaws.com' },
  Action: 'sns:Publish',
  Resource: TOPIC_ARN,
  Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
};
const OWNER: PolicyStatement = {
  Sid: '__default_statement_ID',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: ['SNS:Subscribe', 'SNS:Publish'],
  Resource: TOPIC_ARN,
  Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
};
const cloudWatch = (effect: string, action: string | string[]): PolicyStatement => ({
  Effect: effect,
  Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
  Action: action,
  Resource: TOPIC_ARN,
});
const sub = (protocol: 'email' | 'https', endpoint: string, confirmed: boolean): SubscriptionView => ({
  protocol,
  endpoint,
  arn: confirmed ? `${TOPIC_ARN}:1` : 'PendingConfirmation',
  confirmed,
});
const policy = (...Statement: PolicyStatement[]): Drift =>
  topicWith({ policy: { Version: '2008-10-17', Statement } });
const nothing = { changes: [], reasons: [], findings: [] };

describe('plan: the SNS topic', () => {
  it('missing → created by name with a policy letting CloudWatch publish, then subscribed', () => {
    const p = planDrift(deleted('topic'));
    expect(summary(p)).toEqual({
      changes: [
        ['topic', 'create'],
        ['subscription', 'create'],
      ],
      reasons: ['topic does not exist', 'email:sec@example.com is not subscribed'],
      findings: [],
    });
    expect(p.changes[0]?.after).toEqual({
      name: 'cis-monitoring-alarms',
      policy: {
        Version: '2008-10-17',
        Statement: [expect.objectContaining({ Sid: '__default_statement_ID' }), OURS],
      },
    });
    expect(p.changes[1]).toMatchObject({
      topicArn: TOPIC_ARN,
      after: { protocol: 'email', endpoint: 'sec@example.com' },
    });
  });

  it('missing, configured by ARN in another account → blocking finding, nothing created', () => {
    const env = { TOPIC_ARN: 'arn:aws:sns:us-east-1:999999999999:central' };
    expect(summary(planDrift(deleted('topic'), env))).toEqual({
      ...nothing,
      findings: [['topic-missing', true]],
    });
  });

  it('policy lacking CloudWatch → merged: existing statements kept, ours added', () => {
    const p = planDrift(policy(OWNER));
    expect(summary(p)).toEqual({
      changes: [['topic-policy', 'update']],
      reasons: ['topic policy does not let cloudwatch.amazonaws.com publish'],
      findings: [],
    });
    expect(p.changes[0]).toMatchObject({
      topicArn: TOPIC_ARN,
      after: { Version: '2008-10-17', Statement: [OWNER, OURS] },
    });
  });

  it('no policy at all → ours is the only statement', () => {
    const p = planDrift(topicWith({ policy: undefined }));
    expect(p.changes[0]).toMatchObject({ resource: 'topic-policy', after: { Statement: [OURS] } });
  });

  it('a stale copy of our statement is replaced, not duplicated', () => {
    const stale = { ...OURS, Resource: 'arn:aws:sns:us-east-1:123456789012:old' };
    const p = planDrift(policy(OWNER, stale));
    expect(p.changes[0]).toMatchObject({ after: { Statement: [OWNER, OURS] } });
  });

  it.each<[string, Drift]>([
    ['an allow statement of someone else', policy(OWNER, cloudWatch('Allow', 'sns:Publish'))],
    [
      'an allow with the action spelled SNS:Publish (actions are case-insensitive)',
      policy(cloudWatch('Allow', 'SNS:Publish')),
    ],
    ['an allow of sns:*', policy(cloudWatch('Allow', ['sns:*']))],
    ['an allow of sns:Pub*', policy(cloudWatch('Allow', ['sns:Pub*']))],
    [
      'an allow on every topic of the account',
      policy({ ...cloudWatch('Allow', 'sns:Publish'), Resource: `arn:aws:sns:*:${ACCOUNT}:*` }),
    ],
  ])('policy already lets CloudWatch publish: %s → no change', (_label, drift) => {
    expect(summary(planDrift(drift))).toEqual(nothing);
  });

  it('an allow for another topic only → merged', () => {
    const other = { ...cloudWatch('Allow', 'sns:Publish'), Resource: `${TOPIC_ARN}-other` };
    expect(summary(planDrift(policy(other))).changes).toEqual([['topic-policy', 'update']]);
  });

  it.each<[string, PolicyStatement]>([
    ['sns:Publish', cloudWatch('Deny', 'sns:Publish')],
    ['SNS:Publish', cloudWatch('Deny', 'SNS:Publish')],
    [
      'sns:* on every topic',
      { ...cloudWatch('Deny', 'sns:*'), Resource: `arn:aws:sns:us-east-1:${ACCOUNT}:*` },
    ],
  ])('policy denying CloudWatch (%s) → blocking finding, no merge', (_label, deny) => {
    const p = planDrift(policy(deny, OURS));
    expect(summary(p)).toEqual({ ...nothing, findings: [['topic-policy-denies-cloudwatch', true]] });
  });

  it('configured subscription missing while another subscriber is confirmed → subscribe, no finding', () => {
    const p = planDrift(topicWith({ subscriptions: [sub('email', 'oncall@example.com', true)] }));
    expect(summary(p)).toEqual({
      changes: [['subscription', 'create']],
      reasons: ['email:sec@example.com is not subscribed'],
      findings: [],
    });
  });

  it('a webhook endpoint is named in reasons without its secret path', () => {
    const env = { SUBSCRIPTIONS: 'https:https://hooks.example.com/secret-token?x=1' };
    const p = planDrift(topicWith({ subscriptions: [sub('email', 'oncall@example.com', true)] }), env);
    expect(summary(p).reasons).toEqual(['https:https://hooks.example.com/… is not subscribed']);
  });

  it('an email subscribed with other letter case counts as subscribed', () => {
    expect(summary(planDrift(topicWith({ subscriptions: [sub('email', 'SEC@Example.com', true)] })))).toEqual(
      nothing,
    );
  });

  it('no subscriber and none configured → blocking finding asking for SUBSCRIPTIONS', () => {
    const p = planDrift(topicWith({ subscriptions: [] }), { SUBSCRIPTIONS: '' });
    expect(summary(p)).toEqual({ ...nothing, findings: [['no-confirmed-subscriber', true]] });
    expect(p.findings[0]?.message).toMatch(/set SUBSCRIPTIONS/);
  });

  it('only a pending email → blocking finding naming it as awaiting confirmation', () => {
    const p = planDrift(topicWith({ subscriptions: [sub('email', 'sec@example.com', false)] }));
    expect(summary(p)).toEqual({ ...nothing, findings: [['no-confirmed-subscriber', true]] });
    expect(p.findings[0]?.message).toBe(
      'topic has no confirmed subscriber: email:sec@example.com awaiting confirmation',
    );
  });

  it.each<[string, string, boolean]>([
    ['alias/aws/sns', 'topic-kms-aws-managed-key', true],
    [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/sns`, 'topic-kms-aws-managed-key', true],
    [
      `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      'topic-kms-customer-key',
      true,
    ],
  ])('encrypted with %s (the key not read) → finding %s (blocking: %s)', (key, code, blocking) => {
    const p = planDrift(topicWith({ kmsMasterKeyId: key }));
    expect(summary(p)).toEqual({ ...nothing, findings: [[code, blocking]] });
  });
});

describe('plan: the configured people must be the ones who hear (SUBSCRIPTIONS set)', () => {
  const ATTACKER = sub('https', 'https://collector.example.net/hook', true);
  const TWO = { SUBSCRIPTIONS: 'email:sec@example.com,email:oncall@example.com' };

  it('configured email pending, only a subscriber nobody configured confirmed → blocking, naming both', () => {
    const p = planDrift(topicWith({ subscriptions: [ATTACKER, sub('email', 'sec@example.com', false)] }));
    expect(summary(p)).toEqual({ ...nothing, findings: [['no-confirmed-subscriber', true]] });
    expect(p.findings[0]?.message).toBe(
      'no configured subscriber is confirmed: email:sec@example.com awaiting confirmation; ' +
        'the confirmed subscribers https:https://collector.example.net/… are not in SUBSCRIPTIONS',
    );
  });

  it('one configured endpoint confirmed, another pending → a non-blocking finding for the pending one', () => {
    const subscriptions = [sub('email', 'sec@example.com', true), sub('email', 'oncall@example.com', false)];
    const p = planDrift(topicWith({ subscriptions }), TWO);
    expect(summary(p)).toEqual({ ...nothing, findings: [['subscription-pending', false]] });
    expect(p.findings[0]?.message).toBe('email:oncall@example.com is subscribed but awaiting confirmation');
  });

  it('configured endpoint missing: subscribed; the verifying observation decides whether it is confirmed', () => {
    const p = planDrift(topicWith({ subscriptions: [ATTACKER] }));
    expect(summary(p)).toEqual({
      changes: [['subscription', 'create']],
      reasons: ['email:sec@example.com is not subscribed'],
      findings: [],
    });
  });

  it('without SUBSCRIPTIONS any confirmed subscriber still satisfies the topic', () => {
    expect(summary(planDrift(topicWith({ subscriptions: [ATTACKER] }), { SUBSCRIPTIONS: '' }))).toEqual(
      nothing,
    );
  });
});

describe('describeEndpoint: userinfo never shown', () => {
  it.each([
    ['https', 'https://alice:S3cr3t@hooks.example.com/x', 'https:https://***@hooks.example.com/…'],
    ['http', 'http://bob@hooks.example.com:8080/x?token=1', 'http:http://***@hooks.example.com:8080/…'],
    ['https', 'https://hooks.example.com/services/T0/B0/secret', 'https:https://hooks.example.com/…'],
  ] as const)('%s %s → %s', (protocol, endpoint, shown) => {
    expect(describeEndpoint({ protocol, endpoint })).toBe(shown);
  });

  it('a configured webhook with a password is named in reasons without it', () => {
    const env = { SUBSCRIPTIONS: 'https:https://alice:S3cr3t@hooks.example.com/x' };
    const p = planDrift(topicWith({ subscriptions: [sub('email', 'oncall@example.com', true)] }), env);
    // The plan keeps the endpoint for Subscribe; the report shows the change masked.
    expect(JSON.stringify(p.changes.map(reportChange))).not.toContain('S3cr3t');
    expect(summary(p).reasons).toEqual(['https:https://***@hooks.example.com/… is not subscribed']);
  });
});
