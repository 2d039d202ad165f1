/**
 * A name IAM would expand (*, ?, ${…}) never reaches the role: `sls print` (offline, no credentials)
 * fails naming the parameter, and loadConfig refuses the same values at cold start.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { wildcardProblem } from '../../src/config-names';

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
type Printed = { provider: { iam: { role: { statements: Statement[] } } } };
const statements = (config: Record<string, unknown> | undefined): Statement[] =>
  (config as Printed | undefined)?.provider.iam.role.statements ?? [];
const resourceOf = (config: Record<string, unknown> | undefined, action: string) =>
  statements(config).find((s) => s.Action.includes(action))?.Resource;

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
    const alarm = JSON.stringify(resourceOf(result.config, 'cloudwatch:PutMetricAlarm'));
    expect(alarm).toMatch(/:alarm:SG changes \(prod\)"/);
    expect(resourceOf(result.config, 'sns:Publish')).toBe('arn:aws:sns:us-east-1:123456789012:central');
  }, 120_000);
});

describe('the package-time rule and the cold-start rule agree', () => {
  const packaging = require(join(ROOT, 'scripts', 'iam-names.cjs')) as {
    alarmName: (ctx: {
      resolveConfigurationProperty: (path: string[]) => Promise<unknown>;
    }) => Promise<string>;
  };
  const packages = (value: string) =>
    packaging.alarmName({ resolveConfigurationProperty: async () => value }).then(
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
