/**
 * Issue 16 items 2–4 and 6 against the emulator through the real handler: a topic that is configured but
 * would not tell of an alarm (a Deny, our statement narrowed, a subscriber's FilterPolicy, the topic's
 * KMS key) ends NON_COMPLIANT naming the cause, the verdict does not count our chain, and the enforcer
 * writes nothing but its own statement. moto stores topic policies, subscription attributes and KMS
 * keys (state, policy, aliases), so each case is the real API's answer.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  KMSClient,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import {
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
} from '@aws-sdk/client-sns';
import { CONTROL, USER } from '../../scripts/lib/seed';
import { cloudWatchStatement } from '../../src/plan/policy';
import type { Report } from '../../src/report';
import { type Run, useWorld, workerEndpoint } from './support/harness';

const ACCOUNT = '123456789012';
const CW = { Service: 'cloudwatch.amazonaws.com' };

describe('would we hear about it: the topic', () => {
  const world = useWorld('compliant');
  const kms = () =>
    new KMSClient({
      region: 'us-east-1',
      endpoint: workerEndpoint(),
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
  const setTopic = (AttributeName: string, AttributeValue: string) =>
    world.account.sns.send(
      new SetTopicAttributesCommand({ TopicArn: CONTROL.topicArn, AttributeName, AttributeValue }),
    );
  const policyNow = async () => {
    const out = await world.account.sns.send(new GetTopicAttributesCommand({ TopicArn: CONTROL.topicArn }));
    return JSON.parse(out.Attributes?.Policy ?? '{}') as { Statement: Record<string, unknown>[] };
  };
  const ours = cloudWatchStatement(CONTROL.topicArn, ACCOUNT);
  /** NON_COMPLIANT naming `finding`, nothing written, and the verdict does not count our chain. */
  const expectSilencedAndTold = (run: Run, finding: RegExp) => {
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toContainEqual(expect.stringMatching(finding));
    expect(run.writes).toEqual([]);
    expectOurChainNotHeld(run.report);
  };

  it('a Deny on Principal "*" beside our statement → NON_COMPLIANT naming the Deny, policy untouched', async () => {
    const deny = {
      Sid: 'Lockdown',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sns:Publish',
      Resource: CONTROL.topicArn,
    };
    await setTopic('Policy', JSON.stringify({ Version: '2012-10-17', Statement: [ours, deny] }));
    const run = await world.invoke('cloudtrail-set-topic-attributes');
    expectSilencedAndTold(run, /denied by statement Lockdown: remove or narrow that Deny/);
    expect((await policyNow()).Statement).toEqual([ours, deny]);
  });

  it('a Deny with NotAction → NON_COMPLIANT', async () => {
    const deny = {
      Sid: 'OnlySubscribe',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      NotAction: 'sns:Subscribe',
      Resource: '*',
    };
    await setTopic('Policy', JSON.stringify({ Version: '2012-10-17', Statement: [ours, deny] }));
    expectSilencedAndTold(
      await world.invoke('cloudtrail-set-topic-attributes'),
      /denied by statement OnlySubscribe/,
    );
  });

  it('our own statement with aws:SourceAccount changed → restored by Sid, the other statements kept', async () => {
    const keep = {
      Sid: 'Keep',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'sns:Subscribe',
      Resource: CONTROL.topicArn,
    };
    const narrowed = { ...ours, Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } };
    await setTopic('Policy', JSON.stringify({ Version: '2012-10-17', Statement: [keep, narrowed] }));
    const run = await world.invoke('cloudtrail-set-topic-attributes');
    expect(run.report.status).toBe('REPAIRED');
    expect(run.writes).toEqual(['sns:SetTopicAttributes']);
    expect((await policyNow()).Statement).toEqual([keep, ours]);
    expect((await world.invoke('cloudtrail-set-topic-attributes')).writes).toEqual([]);
  });

  it('a FilterPolicy on the only subscriber (attributes scope) → NON_COMPLIANT naming it; the subscription untouched', async () => {
    const listed = await world.account.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: CONTROL.topicArn }),
    );
    const arn = listed.Subscriptions?.[0]?.SubscriptionArn ?? '';
    const filter = '{"severity":["critical"]}';
    await world.account.sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: arn,
        AttributeName: 'FilterPolicy',
        AttributeValue: filter,
      }),
    );
    const run = await world.invoke('cloudtrail-set-subscription-attributes');
    expectSilencedAndTold(
      run,
      /is confirmed but its filter policy \(on the message attributes.*drops the alarm notification/,
    );
  });

  it('a body-scope FilterPolicy on the email subscriber, even one passing ALARM → cannot be told: CloudWatch mails text', async () => {
    const listed = await world.account.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: CONTROL.topicArn }),
    );
    const SubscriptionArn = listed.Subscriptions?.[0]?.SubscriptionArn ?? '';
    const set = (AttributeName: string, AttributeValue: string) =>
      world.account.sns.send(
        new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName, AttributeValue }),
      );
    await set('FilterPolicyScope', 'MessageBody');
    await set('FilterPolicy', '{"NewStateValue":["ALARM"],"AlarmName":[{"prefix":"CIS-"}]}');
    const run = await world.invoke('cloudtrail-set-subscription-attributes');
    expectSilencedAndTold(run, /CloudWatch sends email subscribers a text message/);
  });

  it("another chain's topic is judged the same way: a Deny there and the verdict stops counting that chain", async () => {
    const before = await world.invoke('schedule');
    expect(before.report.controlSatisfiedBy?.filter((c) => !c.ours).map((c) => c.topic)).toEqual([
      USER.topicArn,
    ]);
    const deny = { Sid: 'NoAlarms', Effect: 'Deny', Principal: CW, Action: 'sns:*', Resource: USER.topicArn };
    const owner = {
      Sid: 'Owner',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sns:Publish',
      Resource: USER.topicArn,
    };
    await world.account.sns.send(
      new SetTopicAttributesCommand({
        TopicArn: USER.topicArn,
        AttributeName: 'Policy',
        AttributeValue: JSON.stringify({ Version: '2012-10-17', Statement: [owner, deny] }),
      }),
    );
    const run = await world.invoke('cloudtrail-set-topic-attributes');
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.report.controlSatisfiedBy?.map((c) => c.ours)).toEqual([true]);
    const theirs = run.report.verdict?.chains.find((c) => c.topic === USER.topicArn);
    expect(theirs).toMatchObject({
      state: 'broken',
      gaps: [expect.stringMatching(/denied by statement NoAlarms/)],
    });
    expect(run.writes).toEqual([]);
  });

  describe("the topic's KMS key", () => {
    const keyPolicy = (statements: object[]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Root',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          ...statements,
        ],
      });
    const ALARMS_USE = {
      Sid: 'Alarms',
      Effect: 'Allow',
      Principal: CW,
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    };
    const encryptWithNewKey = async (policy: string) => {
      const created = await kms().send(new CreateKeyCommand({ Policy: policy }));
      const keyId = created.KeyMetadata?.KeyId ?? '';
      await kms().send(new CreateAliasCommand({ AliasName: 'alias/cis-alarms', TargetKeyId: keyId }));
      await setTopic('KmsMasterKeyId', 'alias/cis-alarms');
      return keyId;
    };

    it('a customer key whose policy lets CloudWatch use it → COMPLIANT (read by its alias)', async () => {
      await encryptWithNewKey(keyPolicy([ALARMS_USE]));
      const run = await world.invoke('cloudtrail-set-topic-attributes');
      expect(run.report).toMatchObject({ status: 'COMPLIANT', findings: [] });
      expect(run.calls.map((c) => `${c.service}:${c.operation}`)).toEqual(
        expect.arrayContaining(['kms:DescribeKey', 'kms:GetKeyPolicy']),
      );
    });

    it('the default key policy (account root only) → NON_COMPLIANT naming both actions; the key policy is never written', async () => {
      await encryptWithNewKey(keyPolicy([]));
      const run = await world.invoke('cloudtrail-set-topic-attributes');
      expectSilencedAndTold(run, /no statement allows kms:Decrypt by cloudwatch.amazonaws.com/);
      expect(run.report.findings).toContainEqual(expect.stringMatching(/kms:GenerateDataKey by cloudwatch/));
    });

    it.each([
      ['disabled', (keyId: string) => kms().send(new DisableKeyCommand({ KeyId: keyId })), /is Disabled/],
      [
        'pending deletion',
        (keyId: string) =>
          kms().send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })),
        /is PendingDeletion/,
      ],
      [
        'its policy narrowed to another alarm',
        (keyId: string) => {
          const only = {
            ...ALARMS_USE,
            Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:*:${ACCOUNT}:alarm:other` } },
          };
          return kms().send(
            new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: keyPolicy([only]) }),
          );
        },
        /topic key policy: no statement allows kms:Decrypt/,
      ],
    ])('a usable key then %s → NON_COMPLIANT naming it', async (_label, breakKey, finding) => {
      const keyId = await encryptWithNewKey(keyPolicy([ALARMS_USE]));
      expect((await world.invoke('cloudtrail-set-topic-attributes')).report.status).toBe('COMPLIANT');
      await breakKey(keyId);
      expectSilencedAndTold(await world.invoke('cloudtrail-disable-key'), finding);
    });

    it('a key of another account → NON_COMPLIANT saying its owner can silence the control, without reading it', async () => {
      await setTopic(
        'KmsMasterKeyId',
        'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      );
      const run = await world.invoke('cloudtrail-set-topic-attributes');
      expectSilencedAndTold(run, /a key of account 999999999999: its owner can disable it/);
      expect(run.calls.filter((c) => c.service === 'kms')).toEqual([]);
    });

    it('the AWS managed key alias/aws/sns → NON_COMPLIANT, and the verdict agrees', async () => {
      await setTopic('KmsMasterKeyId', 'alias/aws/sns');
      expectSilencedAndTold(
        await world.invoke('cloudtrail-set-topic-attributes'),
        /AWS managed key alias\/aws\/sns/,
      );
    });
  });
});

/**
 * The status and the verdict agree: NON_COMPLIANT from our topic means our chain is not counted (the
 * seeded user's own chain, on another topic, may still hold the control).
 */
function expectOurChainNotHeld(report: Report): void {
  const chain = report.verdict?.chains.find((c) => c.ours);
  expect(chain?.state).toBeDefined();
  expect(chain?.state).not.toBe('holds');
  expect((report.controlSatisfiedBy ?? []).filter((c) => c.ours)).toEqual([]);
}
