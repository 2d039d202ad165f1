/**
 * A name IAM would expand (*, ?, ${…}) never reaches the role: `sls print` (offline, no credentials)
 * fails naming the parameter, and loadConfig refuses the same values at cold start. The role's alarm
 * statement names the alarm of each control `--param controls` selects; a control name that selects
 * nothing, or a per-control name given for several controls, fails the packaging too.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { wildcardProblem } from '../../src/config/names';

const ROOT = join(__dirname, '..', '..');

/** `sls print --format json` with `params`; its exit status, the resolved config or the error text. */
function print(params: readonly string[]): { ok: boolean; config?: Record<string, unknown>; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AWS_')) delete env[key];
  const args = ['print', '--format', 'json', ...params.map((p) => `--param=${p}`)];
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'sls'), args, {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) return { ok: false, output };
  return { ok: true, config: JSON.parse(result.stdout) as Record<string, unknown>, output };
}

type Statement = { Action: string[]; Resource: unknown };
type Printed = {
  provider: { environment: Record<string, unknown>; iam: { role: { statements: Statement[] } } };
};
const printed = (config: Record<string, unknown> | undefined) => config as Printed | undefined;
const statements = (config: Record<string, unknown> | undefined): Statement[] =>
  printed(config)?.provider.iam.role.statements ?? [];
const resourceOf = (config: Record<string, unknown> | undefined, action: string) =>
  statements(config).find((s) => s.Action.includes(action))?.Resource;
/** The alarm names the role's alarm statement grants, in order. */
const alarmsOf = (config: Record<string, unknown> | undefined): string[] => {
  const resource = resourceOf(config, 'cloudwatch:PutMetricAlarm');
  return (Array.isArray(resource) ? resource : [resource]).map((r) => {
    const sub = (r as { 'Fn::Sub'?: unknown } | undefined)?.['Fn::Sub'];
    const [, name] = String(sub).split(':alarm:');
    return name ?? `not an alarm ARN: ${JSON.stringify(r)}`;
  });
};
const environment = (config: Record<string, unknown> | undefined) => printed(config)?.provider.environment;

describe('serverless.yml refuses names that would widen the role', () => {
  it.each([
    ['alarmName=*', 'alarmName=*'],
    ['alarmName=CIS-4.10-?', 'alarmName=CIS-4.10-?'],
    ['topicName=cis-*', 'topicName=cis-*'],
    ['topicArn=arn:aws:sns:us-east-1:123456789012:*', 'topicArn=arn:aws:sns:us-east-1:123456789012:*'],
  ])(
    '--param=%s fails the packaging, naming it',
    (param, named) => {
      const result = print([param]);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(
        `--param="${named}" contains an IAM wildcard or policy variable (*, ?, \${…}): the role would be granted every resource it matches`,
      );
    },
    120_000,
  );

  it('literal names are scoped into the role as given', () => {
    const result = print([
      'alarmName=SG changes (prod)',
      'topicArn=arn:aws:sns:us-east-1:123456789012:central',
    ]);
    expect(result.ok).toBe(true);
    expect(alarmsOf(result.config)).toEqual(['SG changes (prod)']);
    expect(environment(result.config)?.ALARM_NAME).toBe('SG changes (prod)');
    expect(resourceOf(result.config, 'sns:Publish')).toBe('arn:aws:sns:us-east-1:123456789012:central');
  }, 120_000);
});

describe('the role names exactly the alarms of the selected controls', () => {
  it('one control by CIS id, with its alarm named by the parameter', () => {
    const result = print(['controls=4.3', 'alarmName=Root used (prod)']);
    expect(result.ok).toBe(true);
    expect(alarmsOf(result.config)).toEqual(['Root used (prod)']);
    expect(environment(result.config)).toMatchObject({ CONTROLS: '4.3', ALARM_NAME: 'Root used (prod)' });
  }, 120_000);

  it('controls by key and Security Hub id: their default names, in catalog order, names left empty', () => {
    const result = print(['controls=CloudWatch.10, root-usage']);
    expect(result.ok).toBe(true);
    expect(alarmsOf(result.config)).toEqual(['CIS-4.3-RootAccountUsage', 'CIS-4.10-SecurityGroupChanges']);
    expect(environment(result.config)).toMatchObject({
      CONTROLS: 'CloudWatch.10, root-usage',
      ALARM_NAME: '',
      FILTER_NAME: '',
      METRIC_NAME: '',
    });
  }, 120_000);

  it('a control the catalog does not have fails the packaging with the valid names', () => {
    const result = print(['controls=4.16,root-usage']);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('--param="controls=4.16,root-usage": CONTROLS: unknown "4.16"');
    expect(result.output).toContain('root-usage = 4.3 = CloudWatch.1');
  }, 120_000);

  it.each([
    ['controls=all', 'alarmName=Mine', 15],
    ['controls=4.1,4.2', 'filterName=Mine', 2],
    ['controls=all', 'metricName=Mine', 15],
  ])(
    '--param=%s with --param=%s fails the packaging',
    (controls, name, count) => {
      const result = print([controls, name]);
      expect(result.ok).toBe(false);
      const [key] = name.split('=');
      expect(result.output).toContain(
        `--param="${name}" names one control's resource, but --param="${controls}" selects ${count} controls: leave ${key} unset and each control keeps its default name`,
      );
    },
    120_000,
  );
});

describe('every setting of the function is a --param', () => {
  // The parameter of a variable: LOG_GROUP_NAME is --param=logGroupName=…
  const paramOf = (variable: string) =>
    variable.toLowerCase().replace(/_([a-z])/g, (_whole, letter: string) => letter.toUpperCase());
  // ENFORCER_ROLE_ARN is the stack's own role (test/deploy/event-rule.test.ts), not a setting.
  const FROM_THE_STACK = ['ENFORCER_ROLE_ARN'];

  it('each variable of the function is empty when unset and exactly its parameter when set', () => {
    const unset = environment(print([]).config) ?? {};
    const settings = Object.keys(unset).filter((key) => !FROM_THE_STACK.includes(key));
    expect(settings).toEqual(
      expect.arrayContaining(['CONTROLS', 'ALARM_NAME', 'PATTERN_PROFILE', 'SUBSCRIPTIONS']),
    );
    // Unset, each is empty and the code's default applies (no default name is written in twice).
    for (const key of settings) expect([key, unset[key]]).toEqual([key, '']);
    const value = (key: string) => (key === 'CONTROLS' ? 'root-usage' : `set-${paramOf(key)}`);
    const result = print(settings.map((key) => `${paramOf(key)}=${value(key)}`));
    expect(result.ok).toBe(true);
    const env = environment(result.config) ?? {};
    for (const key of settings) expect([key, env[key]]).toEqual([key, value(key)]);
  }, 240_000);
});

describe('the package-time rule and the cold-start rule agree', () => {
  const packaging = require(join(ROOT, 'scripts', 'iam-names.cjs')) as {
    alarmName: (ctx: {
      resolveConfigurationProperty: (path: readonly string[]) => Promise<unknown>;
    }) => Promise<string>;
  };
  // The alarmName parameter is `value`, every other parameter unset.
  const packages = (value: string) =>
    packaging
      .alarmName({
        resolveConfigurationProperty: async ([, key]) => (key === 'alarmNameParam' ? value : ''),
      })
      .then(
        () => true,
        () => false,
      );
  it.each([
    '*',
    'a?b',
    'x*y',
    `$\{aws:username}`,
    'CIS-4.10-SecurityGroupChanges',
    'SG: changes (prod)',
    '$x',
    '{}',
  ])('%p', async (value) => {
    expect(await packages(value)).toBe(wildcardProblem('ALARM_NAME', value) === undefined);
  });
});
