/**
 * The StackSet template (`npm run package:stackset`): code from the instance region's bucket, no
 * deployment bucket, a role name per region, the main template's permission test unchanged, and the
 * function settings as parameters wired to its environment (at given values, the template is the main
 * template packaged with the same `--param`s).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Built, buildStackSet } from '../../scripts/stackset/build';
import { moveCode } from '../../scripts/stackset/code';
import { instantiate } from '../../scripts/stackset/instantiate';
import { parseOptions } from '../../scripts/stackset/options';
import { PACKAGING_TIME, parameterName } from '../../scripts/stackset/parameters';
import type { Template } from '../../scripts/stackset/template';
import { declaredGrants } from '../../src/aws/permissions';
import { CATALOG } from '../../src/catalog';
import { expectedPairs, grantProblems, type Statement } from './role';
import { type Template as Packaged, packageTemplate, resolve, resource, resourcesOf } from './template';

const PREFIX = 'my-org-artifacts';
const dirs: string[] = [];
/** Builds the StackSet artifact into a temporary directory (removed after the file). */
function build(params: string[] = []): Built {
  const dir = mkdtempSync(join(tmpdir(), 'cis-stackset-test-'));
  dirs.push(dir);
  return buildStackSet(
    dir,
    parseOptions(['--bucket-prefix', PREFIX, ...params.flatMap((p) => ['--param', p])]),
  );
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let built: Built;
let stackSet: Template;
beforeAll(() => {
  built = build();
  stackSet = built.stackSet.template;
}, 120_000);

const props = (from: Packaged, id: string) => resource(from, id).Properties ?? {};
const roleStatements = (from: Packaged): Statement[] =>
  resourcesOf(from, 'AWS::IAM::Role').flatMap(([id]) =>
    (props(from, id).Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    ),
  );
const functions = (from: Packaged) => resourcesOf(from, 'AWS::Lambda::Function');
const variablesOf = (from: Packaged, id: string) =>
  (props(from, id).Environment as { Variables: Record<string, unknown> }).Variables;
const alarmActions = (from: Packaged) =>
  resourcesOf(from, 'AWS::CloudWatch::Alarm').map(([id, r]) => [id, r.Properties?.AlarmActions]);
const inRegion = (value: unknown, region: string) => resolve(value).replaceAll('us-east-1', region);

describe('the code comes from the bucket of the instance region, not a deployment bucket', () => {
  it('has no bucket, no bucket policy and nothing that refers to the deployment bucket', () => {
    expect(resourcesOf(stackSet, 'AWS::S3::Bucket')).toEqual([]);
    expect(resourcesOf(stackSet, 'AWS::S3::BucketPolicy')).toEqual([]);
    expect(built.stackSet.removed).toEqual([
      'ServerlessDeploymentBucket',
      'ServerlessDeploymentBucketPolicy',
    ]);
    expect(JSON.stringify(stackSet)).not.toContain('ServerlessDeploymentBucket');
    expect(Object.keys(stackSet.Outputs ?? {})).toEqual(['ReconcileLambdaFunctionQualifiedArn']);
  });

  it("reads each function's zip from the bucket <prefix>-<region>, under a key versioned by the zip's hash", () => {
    expect(functions(stackSet).length).toBeGreaterThan(0);
    for (const [id] of functions(stackSet)) {
      const code = props(stackSet, id).Code as { S3Bucket: unknown; S3Key: string };
      expect(code.S3Bucket).toEqual({ 'Fn::Sub': `${PREFIX}-\${AWS::Region}` });
      expect(inRegion(code.S3Bucket, 'eu-west-1')).toBe(`${PREFIX}-eu-west-1`);
      const zip = readFileSync(join(built.dir, 'cis-monitoring-enforcer.zip'));
      const hash = createHash('sha256').update(zip).digest('hex');
      expect(code.S3Key).toBe(`cis-monitoring-enforcer/prod/${hash}/cis-monitoring-enforcer.zip`);
      expect(built.artifacts.map((a) => a.key)).toEqual([code.S3Key]);
    }
  });

  it('refuses a template in which something else still refers to the removed bucket', () => {
    const broken = structuredClone(built.packaged);
    broken.Resources.Extra = {
      Type: 'AWS::SNS::Topic',
      Properties: { DisplayName: { Ref: 'ServerlessDeploymentBucket' } },
    };
    expect(() => moveCode(broken, PREFIX, () => 'hash')).toThrow(
      'the template still refers to ServerlessDeploymentBucket after it was removed',
    );
  });
});

describe('one account can hold instances in several regions', () => {
  it('names the role after the instance region; in the packaging region, as the main template does', () => {
    const name = props(stackSet, 'IamRoleLambdaExecution').RoleName;
    expect(name).toEqual({ 'Fn::Sub': `cis-monitoring-enforcer-prod-\${AWS::Region}` });
    expect(resolve(name)).toBe(props(built.packaged, 'IamRoleLambdaExecution').RoleName);
    expect(inRegion(name, 'eu-west-1')).not.toBe(resolve(name));
    expect(inRegion(name, 'ap-southeast-5').length).toBeLessThanOrEqual(64);
  });

  it('leaves no literal of the packaging region in any resource or output', () => {
    const text = JSON.stringify({ r: stackSet.Resources, o: stackSet.Outputs });
    expect(JSON.stringify({ r: built.packaged.Resources })).toContain('us-east-1');
    expect(text).not.toContain('us-east-1');
  });
});

describe("the main template's permission test holds for the StackSet template", () => {
  it('has one role, assumed by Lambda only, with inline statements only', () => {
    expect(resourcesOf(stackSet, 'AWS::IAM::Role').map(([id]) => id)).toEqual(['IamRoleLambdaExecution']);
    expect(resourcesOf(stackSet, 'AWS::IAM::Policy')).toEqual([]);
    expect(resourcesOf(stackSet, 'AWS::IAM::ManagedPolicy')).toEqual([]);
    expect(props(stackSet, 'IamRoleLambdaExecution').AssumeRolePolicyDocument).toEqual(
      props(built.packaged, 'IamRoleLambdaExecution').AssumeRolePolicyDocument,
    );
  });

  it('at its defaults grants exactly the declared grants and the stack infrastructure, no Delete* or *', () => {
    expect(grantProblems(roleStatements(instantiate(stackSet)), expectedPairs(declaredGrants()))).toEqual([]);
  });

  it('packaged with --param controls=all, names exactly the fifteen alarms (controls fixed at packaging)', () => {
    const all = build(['controls=all']);
    const alarms = CATALOG.map((control) => control.defaults.alarmName);
    const statements = roleStatements(instantiate(all.stackSet.template));
    expect(grantProblems(statements, expectedPairs(declaredGrants(), alarms))).toEqual([]);
    expect(all.fixed.CONTROLS).toBe('all');
    expect(all.stackSet.template.Parameters).not.toHaveProperty('Controls');
  }, 120_000);

  it('would fail if the topic parameters let a wildcard through to the role', () => {
    const allowed = (name: string, value: string) =>
      new RegExp(stackSet.Parameters?.[name]?.AllowedPattern ?? '').test(value);
    for (const value of ['*', 'alarms*', 'a?', `\${aws:username}`])
      expect(allowed('TopicName', value)).toBe(false);
    expect(allowed('TopicArn', 'arn:aws:sns:eu-west-1:123456789012:*')).toBe(false);
    expect(allowed('TopicName', '')).toBe(true);
    expect(allowed('TopicName', 'team_alarms-1')).toBe(true);
    expect(allowed('TopicArn', 'arn:aws:sns:eu-west-1:123456789012:central')).toBe(true);
  });
});

describe("the settings are parameters wired to the function's environment", () => {
  it('makes every literal variable a parameter of the same default, but those the role fixes', () => {
    for (const [id] of functions(built.packaged)) {
      const packaged = variablesOf(built.packaged, id);
      const variables = variablesOf(stackSet, id);
      for (const [name, value] of Object.entries(packaged)) {
        if (typeof value !== 'string' || name in PACKAGING_TIME) expect(variables[name]).toEqual(value);
        else {
          expect(variables[name]).toEqual({ Ref: parameterName(name) });
          expect(stackSet.Parameters?.[parameterName(name)]?.Default).toBe(value);
        }
      }
    }
    expect(variablesOf(stackSet, 'ReconcileLambdaFunction').ENFORCER_ROLE_ARN).toEqual({
      'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'],
    });
    expect(Object.keys(stackSet.Parameters ?? {})).toEqual(
      expect.arrayContaining(['Subscriptions', 'TopicArn', 'Mode']),
    );
  });

  // The template at these values against the main template packaged with the same --param values.
  const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:central-alarms';
  it.each<[string, Record<string, string>]>([
    [
      'a topic ARN and every other setting',
      {
        TopicArn: TOPIC_ARN,
        Subscriptions: 'email:sec@example.com',
        PatternProfile: 'cis-v5',
        Mode: 'detect',
        LogGroupName: 'org-trail-logs',
        MetricNamespace: 'Org/CIS',
        HealTrailLogging: 'false',
        VerifyWithTestMetricFilter: 'false',
        LogLevel: 'DEBUG',
        EnforcerMetricsNamespace: 'Org/Enforcer',
      },
    ],
    ['a topic name', { TopicName: 'team-alarms' }],
  ])(
    'with %s, is the main template packaged with them',
    (_name, values) => {
      const params = Object.entries(values).map(([k, v]) => `${k.charAt(0).toLowerCase()}${k.slice(1)}=${v}`);
      const main = packageTemplate(params);
      const instance = instantiate(stackSet, values);
      expect(variablesOf(instance, 'ReconcileLambdaFunction')).toEqual(
        variablesOf(main, 'ReconcileLambdaFunction'),
      );
      expect(roleStatements(instance)).toEqual(roleStatements(main));
      expect(alarmActions(instance)).toEqual(alarmActions(main));
      expect(JSON.stringify(roleStatements(instance))).not.toContain('cis-monitoring-alarms');
    },
    120_000,
  );
});
