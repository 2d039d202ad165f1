import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { type Config, ConfigError, loadConfig } from '../../src/config';

const REGION = { AWS_REGION: 'eu-west-1' };

/** The problems of the ConfigError `env` raises (fails the test when it raises none). */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig: defaults', () => {
  const config = loadConfig(REGION);
  it.each<[keyof Config, unknown]>([
    ['region', 'eu-west-1'],
    ['control', SECURITY_GROUP_CHANGES],
    ['logGroupName', undefined],
    ['filterName', 'CIS-4.10-SecurityGroupChanges'],
    ['metricNamespace', 'CISBenchmark'],
    ['metricName', 'SecurityGroupEventCount'],
    ['alarmName', 'CIS-4.10-SecurityGroupChanges'],
    ['topic', { kind: 'name', name: 'cis-monitoring-alarms' }],
    ['subscriptions', []],
    ['patternProfile', 'cis'],
    ['mode', 'enforce'],
    ['healTrailLogging', true],
    ['ownRole', undefined],
  ])('%s defaults to %p', (key, value) => {
    expect(config[key]).toEqual(value);
  });

  it('blank and whitespace-only values mean "use the default"', () => {
    const blank = {
      ...REGION,
      FILTER_NAME: '  ',
      MODE: '',
      HEAL_TRAIL_LOGGING: ' ',
      TOPIC_NAME: '',
      LOG_GROUP_NAME: ' ',
    };
    expect(loadConfig(blank)).toEqual(config);
  });

  it('AWS_DEFAULT_REGION is used when AWS_REGION is unset', () => {
    expect(loadConfig({ AWS_DEFAULT_REGION: 'ap-southeast-2' }).region).toBe('ap-southeast-2');
  });
});

describe('loadConfig: values', () => {
  it.each<[string, Record<string, string>, Partial<Config>]>([
    [
      'LOG_GROUP_NAME',
      { LOG_GROUP_NAME: '/aws/cloudtrail/org#1' },
      { logGroupName: '/aws/cloudtrail/org#1' },
    ],
    ['PATTERN_PROFILE cis-v5', { PATTERN_PROFILE: 'cis-v5' }, { patternProfile: 'cis-v5' }],
    ['PATTERN_PROFILE securityhub', { PATTERN_PROFILE: 'securityhub' }, { patternProfile: 'securityhub' }],
    ['MODE detect', { MODE: 'detect' }, { mode: 'detect' }],
    ['HEAL_TRAIL_LOGGING false', { HEAL_TRAIL_LOGGING: 'false' }, { healTrailLogging: false }],
    ['HEAL_TRAIL_LOGGING FALSE', { HEAL_TRAIL_LOGGING: 'FALSE' }, { healTrailLogging: false }],
    [
      'ENFORCER_ROLE_ARN',
      { ENFORCER_ROLE_ARN: 'arn:aws:iam::123456789012:role/enforcer-prod' },
      {
        ownRole: {
          arn: 'arn:aws:iam::123456789012:role/enforcer-prod',
          partition: 'aws',
          accountId: '123456789012',
          name: 'enforcer-prod',
        },
      },
    ],
    [
      'ENFORCER_ROLE_ARN with a path, in GovCloud',
      { ENFORCER_ROLE_ARN: 'arn:aws-us-gov:iam::123456789012:role/service/enforcer' },
      { ownRole: expect.objectContaining({ partition: 'aws-us-gov', name: 'enforcer' }) },
    ],
    [
      'ALARM_NAME with spaces and colons',
      { ALARM_NAME: 'SG: changes (prod)' },
      { alarmName: 'SG: changes (prod)' },
    ],
    ['TOPIC_NAME', { TOPIC_NAME: 'security-alarms' }, { topic: { kind: 'name', name: 'security-alarms' } }],
    [
      'TOPIC_ARN',
      { TOPIC_ARN: 'arn:aws:sns:eu-west-1:999999999999:central' },
      { topic: { kind: 'arn', arn: 'arn:aws:sns:eu-west-1:999999999999:central' } },
    ],
  ])('%s', (_label, env, expected) => {
    expect(loadConfig({ ...REGION, ...env })).toMatchObject(expected);
  });

  it.each([
    'email:sec@example.com',
    'email-json:sec@example.com',
    'https:https://hooks.example.com/x?token=1',
    'http:http://hooks.example.com/x',
    'sqs:arn:aws:sqs:us-east-1:123456789012:alarms',
    'lambda:arn:aws:lambda:us-east-1:123456789012:function:page',
    'sms:+15555550100',
  ])('SUBSCRIPTIONS=%p is accepted', (raw) => {
    const colon = raw.indexOf(':');
    expect(loadConfig({ ...REGION, SUBSCRIPTIONS: raw }).subscriptions).toEqual([
      { protocol: raw.slice(0, colon), endpoint: raw.slice(colon + 1) },
    ]);
  });

  it('SUBSCRIPTIONS: protocol:endpoint pairs, endpoints may hold colons, blanks and duplicates dropped', () => {
    const raw =
      ' email:sec@example.com,https:https://hooks.example.com/x , ,email:sec@example.com,sms:+15555550100';
    expect(loadConfig({ ...REGION, SUBSCRIPTIONS: raw }).subscriptions).toEqual([
      { protocol: 'email', endpoint: 'sec@example.com' },
      { protocol: 'https', endpoint: 'https://hooks.example.com/x' },
      { protocol: 'sms', endpoint: '+15555550100' },
    ]);
  });
});

const BAD: readonly [string, string, RegExp][] = [
  ['AWS_REGION', 'mars-1', /^AWS_REGION="mars-1" is not an AWS region$/],
  ['LOG_GROUP_NAME', 'has spaces', /^LOG_GROUP_NAME="has spaces"/],
  ['FILTER_NAME', 'a:b', /^FILTER_NAME="a:b"/],
  ['METRIC_NAMESPACE', 'Cost$', /^METRIC_NAMESPACE="Cost\$"/],
  ['METRIC_NAME', 'x*', /^METRIC_NAME="x\*"/],
  ['ALARM_NAME', 'tab\there', /^ALARM_NAME="tab\\there"/],
  ['TOPIC_NAME', 'my topic', /^TOPIC_NAME="my topic"/],
  ['TOPIC_ARN', 'arn:aws:sqs:us-east-1:123456789012:q', /^TOPIC_ARN=".*" is not an SNS topic ARN$/],
  ['SUBSCRIPTIONS', 'fax:123', /^SUBSCRIPTIONS entry "fax:123" has unknown protocol "fax"/],
  [
    'PATTERN_PROFILE',
    'cis-v9',
    /^PATTERN_PROFILE="cis-v9" must be one of cis-v1.2, cis, cis-v5, securityhub$/,
  ],
  ['MODE', 'fix', /^MODE="fix" must be one of enforce, detect$/],
  ['HEAL_TRAIL_LOGGING', 'yes', /^HEAL_TRAIL_LOGGING="yes" must be true or false$/],
  ['ENFORCER_ROLE_ARN', 'enforcer-prod', /^ENFORCER_ROLE_ARN="enforcer-prod" is not an IAM role ARN/],
];

describe('loadConfig: names that would widen the IAM role', () => {
  const WILDCARD =
    /contains an IAM wildcard or policy variable \(\*, \?, \$\{…\}\): the role would be granted every resource it matches$/;
  it.each<[string, string]>([
    ['ALARM_NAME', '*'],
    ['ALARM_NAME', 'CIS-*'],
    ['ALARM_NAME', 'CIS-4.10-SecurityGroupChange?'],
    ['ALARM_NAME', `$\{aws:username}`],
    ['FILTER_NAME', 'CIS-4.10-?'],
    ['TOPIC_NAME', 'cis-*'],
    ['TOPIC_NAME', 'cis-monitoring-alarm?'],
  ])('%s=%p → named as a wildcard', (key, value) => {
    const problems = problemsOf({ ...REGION, [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(WILDCARD);
    expect(problems[0]?.startsWith(`${key}=${JSON.stringify(value)} `)).toBe(true);
  });

  it.each([
    'arn:aws:iam::123456789012:role/*',
    'arn:aws:iam::123456789012:role/enforcer?',
    'arn:aws:iam::123456789012:user/enforcer',
    'arn:aws:iam::12345:role/enforcer',
    'arn:aws:sts::123456789012:assumed-role/enforcer/s',
  ])('ENFORCER_ROLE_ARN=%p is not a role ARN', (arn) => {
    expect(problemsOf({ ...REGION, ENFORCER_ROLE_ARN: arn })).toEqual([
      `ENFORCER_ROLE_ARN=${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    ]);
  });
});

describe('loadConfig: bad values', () => {
  it.each(BAD)('%s=%p is named', (key, value, message) => {
    expect(problemsOf({ ...REGION, [key]: value })).toEqual([expect.stringMatching(message)]);
  });

  it('every bad variable at once → ONE ConfigError naming each of them', () => {
    const env = Object.fromEntries(
      BAD.filter(([key]) => key !== 'TOPIC_NAME').map(([key, value]) => [key, value]),
    );
    const problems = problemsOf(env);
    expect(problems).toHaveLength(BAD.length - 1);
    for (const [key, , message] of BAD.filter(([k]) => k !== 'TOPIC_NAME')) {
      expect(problems).toContainEqual(expect.stringMatching(message));
      expect(problems.join('\n')).toContain(key);
    }
  });

  it('TOPIC_ARN in another region is named: an alarm can only notify a topic in its own region', () => {
    expect(problemsOf({ ...REGION, TOPIC_ARN: 'arn:aws:sns:us-east-1:999999999999:central' })).toEqual([
      'TOPIC_ARN="arn:aws:sns:us-east-1:999999999999:central" is not in eu-west-1: an alarm can only notify a topic in its own region',
    ]);
  });

  it('the thrown error message lists the problems too', () => {
    expect(() => loadConfig({ MODE: 'fix' })).toThrow(/^invalid configuration: AWS_REGION="".*; MODE="fix"/);
  });

  it('no region at all is a problem, not a silent default', () => {
    expect(problemsOf({})).toEqual(['AWS_REGION="" is not an AWS region']);
  });

  it('TOPIC_ARN and TOPIC_NAME together → named as a conflict', () => {
    const env = { ...REGION, TOPIC_NAME: 'x', TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:y' };
    expect(problemsOf(env)).toEqual(['TOPIC_ARN and TOPIC_NAME are both set: set one']);
  });

  it.each<[string, RegExp]>([
    ['sec@example.com', /^SUBSCRIPTIONS entry "sec@example.com" must be protocol:endpoint$/],
    ['email', /^SUBSCRIPTIONS entry "email" must be protocol:endpoint$/],
    ['email:', /^SUBSCRIPTIONS entry "email:" has an invalid email endpoint$/],
    ['email:not-an-address', /has an invalid email endpoint$/],
    ['https:http://plain.example.com', /has an invalid https endpoint$/],
    ['sqs:my-queue', /has an invalid sqs endpoint$/],
    ['EMAIL:sec@example.com', /has unknown protocol "EMAIL"/],
  ])('SUBSCRIPTIONS=%p', (raw, message) => {
    expect(problemsOf({ ...REGION, SUBSCRIPTIONS: raw })).toEqual([expect.stringMatching(message)]);
  });

  it('several bad SUBSCRIPTIONS entries → each named', () => {
    expect(problemsOf({ ...REGION, SUBSCRIPTIONS: 'fax:1,email:x,email:ok@example.com,sms:12' })).toEqual([
      expect.stringMatching(/"fax:1"/),
      expect.stringMatching(/"email:x"/),
      expect.stringMatching(/"sms:12"/),
    ]);
  });
});
