/**
 * The StackSet template deployed into the emulator's CloudFormation, as two StackSet instances of one
 * account would be: us-east-1 and eu-west-1, each reading the code from its own `<prefix>-<region>`
 * bucket. What the emulator cannot run is left out, and said here:
 * - the deploy custom resource (Custom::ReconcileOnDeploy): moto answers it by invoking the function in
 *   a Docker container, which this suite does not run; the emulator variant drops it (nothing else
 *   refers to it) and test/deploy/custom-resource*.test.ts cover the function's answer;
 * - the types moto 5.2.5 has no CloudFormation model for (alarms, the invoke configuration, the queue
 *   policies; support/cfn-unmodelled.ts): it skips them and the test counts the skipped entries.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ACCOUNT_ID, resetEmulator } from '../../scripts/lib/emulator';
import { type Built, buildStackSet } from '../../scripts/stackset/build';
import { parseOptions } from '../../scripts/stackset/options';
import { refersTo, type Template } from '../../scripts/stackset/template';
import { UNMODELLED } from '../integration/support/cfn-unmodelled';
import { workerEndpoint } from '../integration/support/harness';

const PREFIX = 'my-org-artifacts';

/** The template without its custom resources, which the emulator cannot answer; throws if one is referred to. */
function emulatorVariant(template: Template): Template {
  const variant = structuredClone(template);
  for (const [id, resource] of Object.entries(variant.Resources)) {
    if (!resource.Type.startsWith('Custom::')) continue;
    delete variant.Resources[id];
    if (refersTo(variant, id)) throw new Error(`${id} is referred to: the variant would not be the template`);
  }
  return variant;
}

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
let endpoint: string;
let built: Built;
let dir: string;
beforeAll(async () => {
  endpoint = workerEndpoint();
  await resetEmulator(endpoint);
  dir = mkdtempSync(join(tmpdir(), 'cis-stackset-emulator-'));
  built = buildStackSet(dir, parseOptions(['--bucket-prefix', PREFIX]));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clients = (region: string) => ({
  cfn: new CloudFormationClient({ endpoint, region, credentials }),
  s3: new S3Client({ endpoint, region, credentials, forcePathStyle: true }),
  lambda: new LambdaClient({ endpoint, region, credentials }),
});

/** Creates the region's code bucket and uploads each zip under the key the template reads. */
async function uploadCode(region: string): Promise<void> {
  const { s3 } = clients(region);
  const Bucket = `${PREFIX}-${region}`;
  const LocationConstraint = region as BucketLocationConstraint;
  const where = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint } };
  await s3.send(new CreateBucketCommand({ Bucket, ...where }));
  for (const a of built.artifacts)
    await s3.send(new PutObjectCommand({ Bucket, Key: a.key, Body: readFileSync(a.file) }));
}

/** Creates a stack from `template`; resolves with its final status (or why it was refused) and its resources. */
async function createStack(
  StackName: string,
  region: string,
  template: Template,
  parameters: Record<string, string> = {},
) {
  const { cfn } = clients(region);
  const created = await cfn
    .send(
      new CreateStackCommand({
        StackName,
        TemplateBody: JSON.stringify(template),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
          ParameterKey,
          ParameterValue,
        })),
      }),
    )
    .then(
      () => undefined,
      // moto answers a failed resource with that service's error body, which the SDK cannot parse as
      // CloudFormation's: the body text is kept on the error.
      (error: Error & { $responseBodyText?: string }) => `${error.message} ${error.$responseBodyText ?? ''}`,
    );
  if (created !== undefined) return { status: `CreateStack refused: ${created}`, resources: [] };
  for (let wait = 0; ; wait++) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
    const status = stack?.StackStatus ?? 'missing';
    if (!status.endsWith('_IN_PROGRESS') || wait > 100) {
      const listed = await cfn.send(new ListStackResourcesCommand({ StackName }));
      return { status, resources: listed.StackResourceSummaries ?? [] };
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

const byId = (resources: StackResourceSummary[]) =>
  Object.fromEntries(resources.map((r) => [r.LogicalResourceId, r]));
/** The resources the emulator can create: the variant's, but the types it has no model for. */
const expectedIds = (variant: Template) =>
  Object.entries(variant.Resources)
    .filter(([, r]) => !UNMODELLED.includes(r.Type))
    .map(([id]) => id)
    .sort();

describe('the StackSet template in the emulator, as two instances of one account', () => {
  const subscriptions = 'email:security@example.com';

  it('in us-east-1: CREATE_COMPLETE with every resource it declares, the function configured by the parameters', async () => {
    await uploadCode('us-east-1');
    const variant = emulatorVariant(built.stackSet.template);
    const { status, resources } = await createStack('instance-us-east-1', 'us-east-1', variant, {
      Subscriptions: subscriptions,
      Mode: 'detect',
    });
    expect(status).toBe('CREATE_COMPLETE');
    const named = resources.filter((r) => r.LogicalResourceId);
    expect(named.map((r) => r.LogicalResourceId).sort()).toEqual(expectedIds(variant));
    for (const r of named)
      expect([r.LogicalResourceId, r.ResourceStatus]).toEqual([r.LogicalResourceId, 'CREATE_COMPLETE']);
    // moto lists each resource it skipped as an entry with no logical id and no type.
    const skipped = Object.values(variant.Resources).filter((r) => UNMODELLED.includes(r.Type));
    expect(resources.filter((r) => !r.LogicalResourceId && !r.ResourceType)).toHaveLength(skipped.length);
    expect(named.map((r) => r.ResourceType)).toEqual(
      expect.arrayContaining([
        'AWS::Lambda::Function',
        'AWS::Events::Rule',
        'AWS::SQS::Queue',
        'AWS::IAM::Role',
      ]),
    );

    const fn = byId(resources).ReconcileLambdaFunction?.PhysicalResourceId;
    const config = await clients('us-east-1').lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: fn }),
    );
    const role = `arn:aws:iam::${ACCOUNT_ID}:role/cis-monitoring-enforcer-prod-us-east-1`;
    expect(config.Role).toBe(role);
    expect(config.Environment?.Variables).toMatchObject({
      SUBSCRIPTIONS: subscriptions,
      MODE: 'detect',
      TOPIC_ARN: '',
      CONTROLS: '',
      ENFORCER_ROLE_ARN: role,
    });
  });

  it('reads the code from the bucket of its own region: without it there, the create fails', async () => {
    const { status } = await createStack(
      'without-code',
      'eu-central-1',
      emulatorVariant(built.stackSet.template),
    );
    expect(status).toMatch(/NoSuchBucket/);
  });

  it('in eu-west-1 of the same account: CREATE_COMPLETE beside the us-east-1 stack, with its own role', async () => {
    await uploadCode('eu-west-1');
    const { status, resources } = await createStack(
      'instance-eu-west-1',
      'eu-west-1',
      emulatorVariant(built.stackSet.template),
    );
    expect(status).toBe('CREATE_COMPLETE');
    expect(byId(resources).IamRoleLambdaExecution?.PhysicalResourceId).toBe(
      'cis-monitoring-enforcer-prod-eu-west-1',
    );
  });

  it('would collide there with a role name fixed at packaging, as the main template has', async () => {
    const variant = emulatorVariant(built.stackSet.template);
    const role = variant.Resources.IamRoleLambdaExecution;
    const fixed = built.packaged.Resources.IamRoleLambdaExecution?.Properties?.RoleName;
    expect(fixed).toBe('cis-monitoring-enforcer-prod-us-east-1');
    if (role?.Properties) role.Properties.RoleName = fixed;
    const { status } = await createStack('fixed-role-name', 'eu-west-1', variant);
    expect(status).toMatch(/Role with name cis-monitoring-enforcer-prod-us-east-1 already exists/);
  });
});
