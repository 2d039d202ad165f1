/** Issue 16 items 2–4: a topic that is configured but would not tell of an alarm is a blocking finding. */
import type { KeyView, PolicyStatement, SubscriptionView } from '../../src/model';
import { cloudWatchStatement, STATEMENT_SID } from '../../src/plan/policy';
import { ACCOUNT, TOPIC_ARN } from '../support/builders';
import { type Drift, planDrift, summary, topicWith } from './support/plan-rows';

const OURS = cloudWatchStatement(TOPIC_ARN, ACCOUNT);
const policy = (...Statement: PolicyStatement[]): Drift =>
  topicWith({ policy: { Version: '2012-10-17', Statement } });
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AlarmsUseTheKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    },
  ],
};
const keyed = (key: Partial<KeyView>): Drift =>
  topicWith({
    kmsMasterKeyId: key.id ?? KEY_ARN,
    key: { id: KEY_ARN, arn: KEY_ARN, state: 'Enabled', manager: 'CUSTOMER', policy: KEY_POLICY, ...key },
  });
const confirmed = (patch: Partial<SubscriptionView>): SubscriptionView => ({
  protocol: 'email',
  endpoint: 'sec@example.com',
  arn: `${TOPIC_ARN}:1`,
  confirmed: true,
  ...patch,
});
const subscribers = (...subscriptions: SubscriptionView[]): Drift => topicWith({ subscriptions });
const nothing = { changes: [], reasons: [], findings: [] };

describe('plan: the topic policy as IAM judges it', () => {
  it('our own statement with aws:SourceAccount changed → restored by Sid, nothing else touched', () => {
    const theirs: PolicyStatement = {
      Sid: 'Keep',
      Effect: 'Allow',
      Principal: '*',
      Action: 'sns:Subscribe',
      Resource: TOPIC_ARN,
    };
    const changed = { ...OURS, Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } };
    const p = planDrift(policy(theirs, changed));
    expect(summary(p)).toEqual({
      changes: [['topic-policy', 'update']],
      reasons: ["the enforcer's own statement (by Sid) was changed: restored as it writes it"],
      findings: [],
    });
    expect(p.changes[0]?.after).toMatchObject({ Statement: [theirs, OURS] });
  });

  it('our statement spelled differently (list of one, upper-case action) is not rewritten', () => {
    const respelled = {
      ...OURS,
      Action: ['SNS:Publish'],
      Principal: { Service: ['cloudwatch.amazonaws.com'] },
    };
    expect(summary(planDrift(policy(respelled)))).toEqual(nothing);
  });

  it('an Allow naming CloudWatch whose Condition excludes our alarm → ours merged beside it', () => {
    const narrow: PolicyStatement = {
      Sid: 'OnlyOther',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: TOPIC_ARN,
      Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:other` } },
    };
    const p = planDrift(policy(narrow));
    expect(summary(p).changes).toEqual([['topic-policy', 'update']]);
    expect(p.changes[0]?.after).toMatchObject({ Statement: [narrow, OURS] });
  });

  it.each<[string, PolicyStatement]>([
    [
      'Principal "*"',
      { Sid: 'Lock', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: TOPIC_ARN },
    ],
    [
      'NotAction',
      { Sid: 'Lock', Effect: 'Deny', Principal: '*', NotAction: 'sns:Subscribe', Resource: TOPIC_ARN },
    ],
    [
      'NotResource',
      {
        Sid: 'Lock',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sns:*',
        NotResource: 'arn:aws:sns:*:*:x',
      },
    ],
  ])('a Deny on %s beside our statement → blocking finding naming it, no write', (_label, lock) => {
    const p = planDrift(policy(OURS, lock));
    expect(summary(p)).toEqual({ ...nothing, findings: [['topic-policy-denies-cloudwatch', true]] });
    expect(p.findings[0]?.message).toMatch(/denied by statement Lock: remove or narrow that Deny/);
  });

  it('a Deny with an operator the enforcer cannot evaluate → blocking "cannot tell", no write', () => {
    const lock = {
      Sid: 'Window',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sns:Publish',
      Resource: TOPIC_ARN,
      Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
    };
    const p = planDrift(policy(OURS, lock));
    expect(summary(p)).toEqual({ ...nothing, findings: [['topic-policy-undecidable', true]] });
    expect(p.findings[0]?.message).toMatch(/cannot be told: statement Window: condition key aws:CurrentTime/);
  });

  it('our Sid is never used for a statement of someone else', () => {
    expect(STATEMENT_SID).toBe('CisMonitoringEnforcerAllowCloudWatchAlarms');
  });
});

describe("plan: the topic's customer managed key", () => {
  it('enabled, of this account, CloudWatch may use it → nothing', () => {
    expect(summary(planDrift(keyed({})))).toEqual(nothing);
  });

  it.each<[string, Partial<KeyView>, string, RegExp]>([
    ['disabled', { state: 'Disabled' }, 'topic-kms-key-unusable', /is Disabled/],
    ['pending deletion', { state: 'PendingDeletion' }, 'topic-kms-key-unusable', /is PendingDeletion/],
    [
      'in another account (not read)',
      { id: 'arn:aws:kms:us-east-1:999999999999:key/x', foreignAccount: '999999999999', policy: undefined },
      'topic-kms-foreign-key',
      /its owner can disable it/,
    ],
    [
      'an AWS managed key named by its id',
      { manager: 'AWS' },
      'topic-kms-aws-managed-key',
      /AWS managed key/,
    ],
    [
      'a key policy that lets only the account root use it',
      {
        policy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
      },
      'topic-kms-key-policy',
      /kms:Decrypt by cloudwatch.amazonaws.com/,
    ],
    [
      'unreadable',
      { error: 'kms:GetKeyPolicy on k: AccessDeniedException', policy: undefined },
      'topic-kms-customer-key',
      /could not be read/,
    ],
  ])('%s → blocking %s', (_label, key, code, message) => {
    const p = planDrift(keyed(key));
    expect(summary(p).findings[0]).toEqual([code, true]);
    expect(p.findings[0]?.message).toMatch(message);
    expect(summary(p).changes).toEqual([]);
  });

  it('a key policy allowing only Decrypt → one finding, for GenerateDataKey', () => {
    const only = { Statement: [{ ...KEY_POLICY.Statement[0], Action: 'kms:Decrypt' }] };
    const p = planDrift(keyed({ policy: only }));
    expect(p.findings.map((f) => f.message)).toEqual([expect.stringMatching(/kms:GenerateDataKey by/)]);
  });
});

describe('plan: subscriptions that deliver', () => {
  // A queue receives the notification's JSON; email and SMS get CloudWatch's formatted text instead.
  const SQS = { protocol: 'sqs', endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:alarms` } as const;
  const ANYONE = { SUBSCRIPTIONS: '' };
  it.each<[string, Partial<SubscriptionView>]>([
    ['a filter policy on message attributes (the default scope)', { filterPolicy: '{"severity":["high"]}' }],
    ['exists on an attribute alarms never carry', { filterPolicy: '{"severity":[{"exists":true}]}' }],
    [
      'a body filter on another state',
      { ...SQS, filterPolicy: '{"NewStateValue":["OK"]}', filterPolicyScope: 'MessageBody' },
    ],
    [
      'a body filter on another metric',
      {
        ...SQS,
        filterPolicy: '{"Trigger":{"MetricName":[{"prefix":"Billing"}]}}',
        filterPolicyScope: 'MessageBody',
      },
    ],
  ])('the only subscriber has %s → blocking, named', (_label, patch) => {
    const p = planDrift(subscribers(confirmed(patch)), ANYONE);
    expect(summary(p)).toEqual({ ...nothing, findings: [['subscription-filter-drops-alarm', true]] });
    expect(p.findings[0]?.message).toMatch(
      /^(email:sec@example.com|sqs:arn:\S+) is confirmed but its filter policy/,
    );
  });

  it.each<[string, Partial<SubscriptionView>]>([
    [
      'a body filter on ALARM',
      { ...SQS, filterPolicy: '{"NewStateValue":["ALARM"]}', filterPolicyScope: 'MessageBody' },
    ],
    [
      'a body filter with $or, anything-but and numeric',
      {
        ...SQS,
        filterPolicy:
          '{"$or":[{"AlarmName":[{"anything-but":["x"]}]},{"Trigger":{"Threshold":[{"numeric":[">",5]}]}}]}',
        filterPolicyScope: 'MessageBody',
      },
    ],
    ['exists: false on an attribute', { filterPolicy: '{"severity":[{"exists":false}]}' }],
  ])('a subscriber with %s still receives the alarm → nothing', (_label, patch) => {
    expect(summary(planDrift(subscribers(confirmed(patch)), ANYONE))).toEqual(nothing);
  });

  it('an email subscriber with a body filter, even one on ALARM → blocking "cannot be told" (it gets text)', () => {
    const patch = { filterPolicy: '{"NewStateValue":["ALARM"]}', filterPolicyScope: 'MessageBody' };
    const p = planDrift(subscribers(confirmed(patch)));
    expect(summary(p).findings).toEqual([['subscription-filter-drops-alarm', true]]);
    expect(p.findings[0]?.message).toMatch(/CloudWatch sends email subscribers a text message/);
  });

  it('a body filter on a field only known when the alarm fires → blocking "cannot be told"', () => {
    const patch = {
      ...SQS,
      filterPolicy: '{"NewStateReason":[{"prefix":"Threshold"}]}',
      filterPolicyScope: 'MessageBody',
    };
    const p = planDrift(subscribers(confirmed(patch)), ANYONE);
    expect(summary(p).findings).toEqual([['subscription-filter-drops-alarm', true]]);
    expect(p.findings[0]?.message).toMatch(/cannot be told/);
  });

  it('one dropping subscriber beside one that delivers → a non-blocking finding', () => {
    const env = { SUBSCRIPTIONS: '' };
    const drops = confirmed({
      endpoint: 'ops@example.com',
      arn: `${TOPIC_ARN}:2`,
      filterPolicy: '{"a":["b"]}',
    });
    const p = planDrift(subscribers(confirmed({}), drops), env);
    expect(summary(p)).toEqual({ ...nothing, findings: [['subscription-filter-drops-alarm', false]] });
  });

  it('attributes that could not be read → the subscriber does not count', () => {
    const p = planDrift(
      subscribers(confirmed({ attributesError: 'sns:GetSubscriptionAttributes on x: AccessDenied' })),
    );
    expect(summary(p).findings).toEqual([['subscription-filter-drops-alarm', true]]);
  });
});
