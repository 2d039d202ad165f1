import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { desiredState } from '../../src/plan/desired';
import { ACCOUNT, configFor, LOG_GROUP, TOPIC_ARN, trailView } from '../support/builders';

const desired = (env: Record<string, string>) => desiredState(configFor(env), ACCOUNT, trailView());

describe('desiredState', () => {
  it('defaults: the trail log group, the cis profile, the control alarm, our topic by name', () => {
    expect(desired({})).toEqual({
      region: 'us-east-1',
      accountId: ACCOUNT,
      logGroupName: LOG_GROUP,
      healTrailLogging: true,
      filter: {
        name: 'CIS-4.10-SecurityGroupChanges',
        profile: SECURITY_GROUP_CHANGES.profiles.cis,
        metricNamespace: 'CISBenchmark',
        metricName: 'SecurityGroupEventCount',
        metricValue: '1',
      },
      alarm: {
        ...SECURITY_GROUP_CHANGES.alarm,
        name: 'CIS-4.10-SecurityGroupChanges',
        description:
          'CIS-4.10 (Security Hub CloudWatch.10): Log metric filter and alarm for security group changes. Managed by cis-monitoring-enforcer.',
      },
      topic: {
        arn: TOPIC_ARN,
        createName: 'cis-monitoring-alarms',
        subscriptions: [{ protocol: 'email', endpoint: 'sec@example.com' }],
      },
    });
  });

  it.each<[string, Record<string, string>, string, string | undefined]>([
    ['TOPIC_NAME', { TOPIC_NAME: 'sec' }, `arn:aws:sns:us-east-1:${ACCOUNT}:sec`, 'sec'],
    [
      'TOPIC_ARN of this account and region',
      { TOPIC_ARN: `arn:aws:sns:us-east-1:${ACCOUNT}:sec` },
      `arn:aws:sns:us-east-1:${ACCOUNT}:sec`,
      'sec',
    ],
    [
      'TOPIC_ARN of another account',
      { TOPIC_ARN: 'arn:aws:sns:us-east-1:999999999999:sec' },
      'arn:aws:sns:us-east-1:999999999999:sec',
      undefined,
    ],
    [
      'a China region',
      { AWS_REGION: 'cn-north-1' },
      `arn:aws-cn:sns:cn-north-1:${ACCOUNT}:cis-monitoring-alarms`,
      'cis-monitoring-alarms',
    ],
    [
      'a European Sovereign Cloud region',
      { AWS_REGION: 'eusc-de-east-1' },
      `arn:aws-eusc:sns:eusc-de-east-1:${ACCOUNT}:cis-monitoring-alarms`,
      'cis-monitoring-alarms',
    ],
    [
      'a GovCloud region',
      { AWS_REGION: 'us-gov-west-1' },
      `arn:aws-us-gov:sns:us-gov-west-1:${ACCOUNT}:cis-monitoring-alarms`,
      'cis-monitoring-alarms',
    ],
  ])('%s: topic ARN and whether it may be created by name', (_label, env, arn, createName) => {
    const topic = desired(env).topic;
    expect(topic.arn).toBe(arn);
    expect(topic.createName).toBe(createName);
  });

  it.each(['cis', 'cis-v5', 'securityhub'] as const)('PATTERN_PROFILE=%s selects that profile', (profile) => {
    expect(desired({ PATTERN_PROFILE: profile }).filter.profile).toBe(
      SECURITY_GROUP_CHANGES.profiles[profile],
    );
  });
});
