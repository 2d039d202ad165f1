import type { PolicyDocument, PolicyStatement } from '../../src/model';
import { cloudWatchStatement, STATEMENT_SID } from '../../src/plan/policy';
import { alarmPublish, evaluatePolicy, type PolicyOutcome } from '../../src/verdict/policy-eval';

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:cis-monitoring-alarms`;
const ALARM = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:CIS-4.10-SecurityGroupChanges`;
const OURS = cloudWatchStatement(TOPIC, ACCOUNT);
const CW = { Service: 'cloudwatch.amazonaws.com' };
const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const allow = (patch: Partial<PolicyStatement>): PolicyStatement => ({
  Sid: 'Theirs',
  Effect: 'Allow',
  Principal: CW,
  Action: 'sns:Publish',
  Resource: TOPIC,
  ...patch,
});
const deny = (patch: Partial<PolicyStatement>): PolicyStatement => ({
  Sid: 'NoOne',
  Effect: 'Deny',
  Principal: '*',
  Action: 'sns:Publish',
  Resource: TOPIC,
  ...patch,
});
const outcome = (policy: PolicyDocument | undefined): PolicyOutcome =>
  evaluatePolicy(policy, alarmPublish(TOPIC, ALARM, ACCOUNT));

describe('the topic policy, judged as IAM judges our alarm publishing', () => {
  it.each<[string, PolicyDocument | undefined, PolicyOutcome['outcome'], string]>([
    ['our statement', doc(OURS), 'allowed', STATEMENT_SID],
    ['no policy at all', undefined, 'implicit', ''],
    [
      "SNS's default owner statement (AWS: * with AWS:SourceOwner)",
      doc(allow({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } } })),
      'allowed',
      'Theirs',
    ],
    ['Principal "*"', doc(allow({ Principal: '*' })), 'allowed', 'Theirs'],
    [
      'Service as a list',
      doc(allow({ Principal: { Service: ['events.amazonaws.com', CW.Service] } })),
      'allowed',
      '',
    ],
    ['SNS:Publish upper case, sns:* and *', doc(allow({ Action: ['SNS:PUBLISH'] })), 'allowed', ''],
    ['Resource wildcard', doc(allow({ Resource: `arn:aws:sns:*:${ACCOUNT}:*` })), 'allowed', ''],
    ['another service only', doc(allow({ Principal: { Service: 'events.amazonaws.com' } })), 'implicit', ''],
    [
      'an AWS account principal',
      doc(allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })),
      'implicit',
      '',
    ],
    [
      'an Allow whose Condition names another alarm',
      doc(
        allow({
          Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:*:${ACCOUNT}:alarm:other-*` } },
        }),
      ),
      'implicit',
      '',
    ],
    [
      'our own Sid with aws:SourceAccount changed to another account',
      doc({ ...OURS, Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } }),
      'implicit',
      '',
    ],
    [
      'an Allow with StringLike on the alarm name that matches',
      doc(allow({ Condition: { StringLike: { 'aws:SourceArn': '*:alarm:CIS-*' } } })),
      'allowed',
      '',
    ],
    [
      'ArnEqualsIfExists on a key that is set and matches',
      doc(allow({ Condition: { ArnEqualsIfExists: { 'aws:SourceArn': ALARM } } })),
      'allowed',
      '',
    ],
    ['Deny Principal "*" beside our statement', doc(OURS, deny({})), 'denied', 'NoOne'],
    ['Deny {"AWS": "*"}', doc(OURS, deny({ Principal: { AWS: '*' } })), 'denied', ''],
    [
      'Deny sns:* by NotAction of another action',
      doc(OURS, deny({ Action: undefined, NotAction: 'sns:Subscribe' })),
      'denied',
      '',
    ],
    [
      'Deny with NotResource of another topic',
      doc(OURS, deny({ Resource: undefined, NotResource: `${TOPIC}-other` })),
      'denied',
      '',
    ],
    [
      'Deny with NotPrincipal of the account root (service principals are not it)',
      doc(OURS, deny({ Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })),
      'denied',
      '',
    ],
    [
      'Deny unless aws:PrincipalOrgID (absent for a service principal)',
      doc(OURS, deny({ Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })),
      'denied',
      '',
    ],
    [
      'Deny of another account only (the condition excludes us)',
      doc(OURS, deny({ Condition: { StringNotEquals: { 'aws:SourceAccount': ACCOUNT } } })),
      'allowed',
      '',
    ],
    [
      'Deny without TLS (AWS services call over HTTPS)',
      doc(OURS, deny({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })),
      'allowed',
      '',
    ],
    ['Deny of another topic', doc(OURS, deny({ Resource: `${TOPIC}-other` })), 'allowed', ''],
    ['Deny of Subscribe only', doc(OURS, deny({ Action: 'sns:Subscribe' })), 'allowed', ''],
    [
      'Deny with an operator not evaluated (DateLessThan)',
      doc(OURS, deny({ Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } })),
      'unknown',
      '',
    ],
    [
      'Deny on a key not known for the request',
      doc(OURS, deny({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })),
      'unknown',
      '',
    ],
    [
      'the only Allow on an unknown key',
      doc(allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })),
      'unknown',
      '',
    ],
  ])('%s', (_label, policy, expected, statement) => {
    const result = outcome(policy);
    expect(result.outcome).toBe(expected);
    if (statement) expect(result).toMatchObject({ statement });
  });

  it('an explicit Deny wins over any Allow, whichever comes first', () => {
    expect(outcome(doc(deny({}), OURS))).toEqual({ outcome: 'denied', statement: 'NoOne' });
  });

  it('a Deny that may match wins over an Allow that holds: cannot tell, naming the Deny', () => {
    const maybe = deny({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '10' } } });
    expect(outcome(doc(OURS, maybe))).toMatchObject({ outcome: 'unknown', statement: 'NoOne' });
  });
});
