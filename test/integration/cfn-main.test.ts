/**
 * The packaged main template deployed into the emulator's CloudFormation (moto), the way `sls deploy`
 * deploys it: first the create-stack template (the deployment bucket alone) reaches CREATE_COMPLETE, the
 * code zip is uploaded to that bucket under the template's key, then the update-stack template (every
 * resource) reaches UPDATE_COMPLETE. The function, both rules, the three queues, the event source
 * mapping and the role are then read back from the emulator's APIs, as the template declares them.
 * The full template also reaches CREATE_COMPLETE in one CreateStack when its code comes from a bucket
 * made beforehand (the stack's own deployment bucket would be empty when the function is created).
 * What the emulator cannot run is left out, and said here:
 * - the deploy custom resource (Custom::ReconcileOnDeploy): moto answers it by invoking the function in
 *   a Docker container, which this suite does not run; the variant drops it (nothing refers to it) and
 *   test/deploy/custom-resource*.test.ts cover the function's answer;
 * - AWS::CloudWatch::Alarm, AWS::Lambda::EventInvokeConfig, AWS::SQS::QueuePolicy and
 *   AWS::S3::BucketPolicy: moto 5.2.5 has no CloudFormation model for them; it skips each with a
 *   warning and lists it as a resource with no id and no type (counted below, so a moto that models
 *   them shows here); test/deploy/template.test.ts and test/deploy/event-queue.test.ts check the
 *   alarms, the invoke configuration and the queue policies in the template;
 * - the event source mapping is created but never polls (moto invokes no function from SQS here):
 *   test/hostile/burst-queue.integration.test.ts delivers batches to the handler instead.
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
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACCOUNT_ID, resetEmulator } from '../../scripts/lib/emulator';
import { packageService } from '../../scripts/lib/package';
import { UNMODELLED } from './support/cfn-unmodelled';
import { workerEndpoint } from './support/harness';

type Resource = { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown };
type Template = { Resources: Record<string, Resource> } & Record<string, unknown>;

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** A packaging of the service: its two templates and its zip. */
interface Packaged {
  readonly create: Template;
  readonly update: Template;
  readonly zip: Buffer;
}

function packaged(params: readonly string[] = []): Packaged {
  const dir = mkdtempSync(join(tmpdir(), 'cis-cfn-main-'));
  try {
    packageService(dir, params);
    const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Template;
    return {
      create: read('cloudformation-template-create-stack.json'),
      update: read('cloudformation-template-update-stack.json'),
      zip: readFileSync(join(dir, 'cis-monitoring-enforcer.zip')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The template without its custom resources, which the emulator cannot answer; throws if one is referred to. */
function emulatorVariant(template: Template): Template {
  const variant = structuredClone(template);
  for (const [id, resource] of Object.entries(variant.Resources)) {
    if (!resource.Type.startsWith('Custom::')) continue;
    delete variant.Resources[id];
    if (JSON.stringify(variant).includes(`"${id}"`)) throw new Error(`${id} is referred to`);
  }
  return variant;
}

let endpoint: string;
const clients = () => ({
  cfn: new CloudFormationClient({ endpoint, region: REGION, credentials }),
  s3: new S3Client({ endpoint, region: REGION, credentials, forcePathStyle: true }),
  lambda: new LambdaClient({ endpoint, region: REGION, credentials }),
  sqs: new SQSClient({ endpoint, region: REGION, credentials }),
});

/**
 * An EventBridge (JSON protocol) or IAM (query protocol) call answered by the emulator, as its body text:
 * the project has no SDK client for either, and the emulator checks no signature.
 */
async function call(service: 'events' | 'iam', target: string, body: Record<string, unknown>) {
  const json = service === 'events';
  const headers: Record<string, string> = {
    Authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=x`,
    'Content-Type': json ? 'application/x-amz-json-1.1' : 'application/x-www-form-urlencoded',
  };
  if (json) headers['X-Amz-Target'] = target;
  const payload = json
    ? JSON.stringify(body)
    : new URLSearchParams({
        Action: target,
        Version: '2010-05-08',
        ...(body as Record<string, string>),
      }).toString();
  const response = await fetch(endpoint, { method: 'POST', headers, body: payload });
  const text = await response.text();
  if (!response.ok) throw new Error(`${service} ${target}: ${response.status} ${text}`);
  return text;
}

/** Waits for a stack operation to end; resolves with the final status and the stack's resources. */
async function settled(StackName: string) {
  const { cfn } = clients();
  for (let wait = 0; ; wait++) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
    const status = stack?.StackStatus ?? 'missing';
    if (!status.endsWith('_IN_PROGRESS') || wait > 200) {
      const listed = await cfn.send(new ListStackResourcesCommand({ StackName }));
      return { status, reason: stack?.StackStatusReason, resources: listed.StackResourceSummaries ?? [] };
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/** What an operation's error says, moto's body included (it answers a failed resource in that service's format). */
const refused = (error: Error & { $responseBodyText?: string }) =>
  `${error.message} ${error.$responseBodyText ?? ''}`;

/** Deploys as `sls deploy` does: the create-stack template, the zip into its bucket, the update-stack template. */
async function deploy(StackName: string, pkg: Packaged) {
  const { cfn, s3 } = clients();
  await cfn.send(new CreateStackCommand({ StackName, TemplateBody: JSON.stringify(pkg.create) }));
  const created = await settled(StackName);
  const bucket = created.resources.find((r) => r.LogicalResourceId === 'ServerlessDeploymentBucket');
  const code = pkg.update.Resources.ReconcileLambdaFunction?.Properties?.Code as { S3Key: string };
  await s3.send(new PutObjectCommand({ Bucket: bucket?.PhysicalResourceId, Key: code.S3Key, Body: pkg.zip }));
  const variant = emulatorVariant(pkg.update);
  const error = await cfn
    .send(
      new UpdateStackCommand({
        StackName,
        TemplateBody: JSON.stringify(variant),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    )
    .then(() => undefined, refused);
  const updated = error
    ? { status: `UpdateStack refused: ${error}`, reason: '', resources: [] }
    : await settled(StackName);
  return { created, updated, variant };
}

const byId = (resources: StackResourceSummary[]) =>
  Object.fromEntries(resources.map((r) => [r.LogicalResourceId ?? '', r]));
const physical = (resources: StackResourceSummary[], id: string) => {
  const found = byId(resources)[id]?.PhysicalResourceId;
  if (!found) throw new Error(`the stack has no ${id}`);
  return found;
};

let pkg: Packaged;
beforeAll(async () => {
  endpoint = workerEndpoint();
  await resetEmulator(endpoint);
  pkg = packaged();
}, 180_000);

describe('the packaged main template in the emulator, deployed as sls deploy does', () => {
  let deployed: Awaited<ReturnType<typeof deploy>>;
  beforeAll(async () => {
    deployed = await deploy('cis-monitoring-enforcer-prod', pkg);
  }, 120_000);

  it('the create-stack template (deployment bucket) reaches CREATE_COMPLETE, then every resource UPDATE_COMPLETE', () => {
    expect(deployed.created.status).toBe('CREATE_COMPLETE');
    expect(deployed.updated.status).toBe('UPDATE_COMPLETE');
    const named = deployed.updated.resources.filter((r) => r.LogicalResourceId);
    const expected = Object.entries(deployed.variant.Resources)
      .filter(([, r]) => !UNMODELLED.includes(r.Type))
      .map(([id]) => id)
      .sort();
    expect(named.map((r) => r.LogicalResourceId).sort()).toEqual(expected);
    for (const r of named)
      expect([r.LogicalResourceId, r.ResourceStatus]).toEqual([
        r.LogicalResourceId,
        expect.stringMatching(/^(CREATE|UPDATE)_COMPLETE$/),
      ]);
    // moto lists each resource it skipped as an entry with no logical id and no type.
    const skipped = Object.values(deployed.variant.Resources).filter((r) => UNMODELLED.includes(r.Type));
    expect(skipped.length).toBeGreaterThan(0);
    expect(deployed.updated.resources.filter((r) => !r.LogicalResourceId && !r.ResourceType)).toHaveLength(
      skipped.length,
    );
    const types = named.map((r) => r.ResourceType);
    expect(types.filter((t) => t === 'AWS::SQS::Queue')).toHaveLength(3);
    // The watched calls, the daily schedule and the fire-drill schedule (disabled by default).
    expect(types.filter((t) => t === 'AWS::Events::Rule')).toHaveLength(3);
    expect(types).toEqual(
      expect.arrayContaining(['AWS::Lambda::Function', 'AWS::Lambda::EventSourceMapping', 'AWS::IAM::Role']),
    );
  });

  it('the function runs as the role, with the 900 s timeout, and reserves no concurrency', async () => {
    const { lambda } = clients();
    const FunctionName = physical(deployed.updated.resources, 'ReconcileLambdaFunction');
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    expect(config.Role).toBe(`arn:aws:iam::${ACCOUNT_ID}:role/cis-monitoring-enforcer-prod-us-east-1`);
    expect(config).toMatchObject({
      Timeout: 900,
      Runtime: 'nodejs22.x',
      Handler: 'handlers/reconcile.handler',
    });
    const concurrency = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName }));
    expect(concurrency.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('the event queue is FIFO with content deduplication, 5400 s visibility and a FIFO dead-letter queue after 3 receives', async () => {
    const queueUrl = physical(deployed.updated.resources, 'EventQueue');
    const dlqUrl = physical(deployed.updated.resources, 'EventDeadLetterQueue');
    const attributes = async (QueueUrl: string) =>
      (await clients().sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })))
        .Attributes ?? {};
    const queue = await attributes(queueUrl);
    const dlq = await attributes(dlqUrl);
    expect(queue).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      VisibilityTimeout: '5400',
      MessageRetentionPeriod: '1209600',
    });
    expect(queueUrl).toMatch(/\/cis-monitoring-enforcer-prod-events\.fifo$/);
    expect(JSON.parse(queue.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: dlq.QueueArn,
      maxReceiveCount: 3,
    });
    expect(dlq).toMatchObject({ FifoQueue: 'true', MessageRetentionPeriod: '1209600' });
  });

  it('the watched-calls rule targets the event queue in one message group; the schedule targets the function', async () => {
    const rules = deployed.updated.resources;
    const targets = async (Rule: string) =>
      (
        JSON.parse(await call('events', 'AWSEvents.ListTargetsByRule', { Rule })) as {
          Targets: Record<string, unknown>[];
        }
      ).Targets;
    const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:cis-monitoring-enforcer-prod-events.fifo`;
    const failedArn = expect.stringMatching(new RegExp(`^arn:aws:sqs:${REGION}:${ACCOUNT_ID}:`));
    expect(await targets(physical(rules, 'WatchedCallsRule'))).toEqual([
      expect.objectContaining({
        Id: 'event-queue',
        Arn: queueArn,
        SqsParameters: { MessageGroupId: 'reconcile' },
        DeadLetterConfig: { Arn: failedArn },
      }),
    ]);
    const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:cis-monitoring-enforcer-prod-reconcile`;
    expect(await targets(physical(rules, 'ReconcileEventsRuleSchedule1'))).toEqual([
      expect.objectContaining({ Arn: functionArn }),
    ]);
  });

  it('one event source mapping: the event queue to the function, 10 messages a batch', async () => {
    const { lambda } = clients();
    const FunctionName = physical(deployed.updated.resources, 'ReconcileLambdaFunction');
    // Every mapping of the region: moto filters by the function name as the template gave it (its ARN).
    const mappings = (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings;
    expect(mappings).toEqual([
      expect.objectContaining({
        EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:cis-monitoring-enforcer-prod-events.fifo`,
        FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${FunctionName}`,
        BatchSize: 10,
      }),
    ]);
  });

  it("the role's inline policy lets the event source mapping receive and delete the event queue's messages only", async () => {
    const RoleName = physical(deployed.updated.resources, 'IamRoleLambdaExecution');
    const listed = await call('iam', 'ListRolePolicies', { RoleName });
    const PolicyName = /<member>([^<]+)<\/member>/.exec(listed)?.[1] ?? '';
    const xml = await call('iam', 'GetRolePolicy', { RoleName, PolicyName });
    const escaped = /<PolicyDocument>([^<]+)<\/PolicyDocument>/.exec(xml)?.[1] ?? '{}';
    const entities: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
    const document = decodeURIComponent(
      escaped.replace(/&(quot|amp|lt|gt|apos);/g, (_, e: string) => entities[e] ?? ''),
    );
    // moto 5.2.5 answers a role policy CloudFormation created as a Python dict's text (single quotes):
    // read as JSON with the quotes swapped (no action or ARN here contains a quote).
    const json = document.startsWith("{'") ? document.replace(/'/g, '"') : document;
    const statements = (JSON.parse(json) as { Statement: { Action: string | string[]; Resource: unknown }[] })
      .Statement;
    const sqs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
    const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:cis-monitoring-enforcer-prod-events.fifo`;
    expect(sqs).toEqual(
      expect.arrayContaining([
        {
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
          Resource: [queueArn],
        },
      ]),
    );
    const deleting = statements.filter((s) => [s.Action].flat().some((a) => /:delete/i.test(a)));
    expect(deleting.map((s) => [s.Action, s.Resource])).toEqual([
      [['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], [queueArn]],
    ]);
  });
});

describe('the packaged main template in one CreateStack', () => {
  it('reaches CREATE_COMPLETE with every resource, its code read from a bucket made beforehand', async () => {
    // The one change: the deployment bucket the stack would create empty (so the function's code could
    // not be there yet) is replaced by a bucket holding the zip already; nothing else refers to it.
    await resetEmulator(endpoint);
    const { cfn, s3 } = clients();
    const Bucket = 'code-bucket-made-beforehand';
    await s3.send(new CreateBucketCommand({ Bucket }));
    const variant = emulatorVariant(pkg.update);
    const code = variant.Resources.ReconcileLambdaFunction?.Properties?.Code as Record<string, unknown>;
    await s3.send(new PutObjectCommand({ Bucket, Key: String(code.S3Key), Body: pkg.zip }));
    code.S3Bucket = Bucket;
    delete variant.Resources.ServerlessDeploymentBucket;
    delete variant.Resources.ServerlessDeploymentBucketPolicy;
    delete (variant.Outputs as Record<string, unknown> | undefined)?.ServerlessDeploymentBucketName;
    expect(JSON.stringify(variant)).not.toContain('ServerlessDeploymentBucket');
    const StackName = 'cis-monitoring-enforcer-prod';
    await cfn.send(
      new CreateStackCommand({
        StackName,
        TemplateBody: JSON.stringify(variant),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    const { status, resources } = await settled(StackName);
    expect(status).toBe('CREATE_COMPLETE');
    const expected = Object.entries(variant.Resources)
      .filter(([, r]) => !UNMODELLED.includes(r.Type))
      .map(([id]) => id)
      .sort();
    const named = resources.filter((r) => r.LogicalResourceId);
    expect(named.map((r) => r.LogicalResourceId).sort()).toEqual(expected);
    for (const r of named)
      expect([r.LogicalResourceId, r.ResourceStatus]).toEqual([r.LogicalResourceId, 'CREATE_COMPLETE']);
    expect(expected).toEqual(
      expect.arrayContaining([
        'ReconcileLambdaFunction',
        'WatchedCallsRule',
        'ReconcileEventsRuleSchedule1',
        'EventQueue',
        'EventDeadLetterQueue',
        'FailedInvocationsQueue',
        'ReconcileEventSourceMappingSQSEventQueue',
        'IamRoleLambdaExecution',
      ]),
    );
  }, 120_000);
});

describe('packaged with --param reservedConcurrency=1, in the emulator', () => {
  it('the function reserves exactly that', async () => {
    await resetEmulator(endpoint);
    const reserved = packaged(['reservedConcurrency=1']);
    const { updated } = await deploy('cis-monitoring-enforcer-prod', reserved);
    expect(updated.status).toBe('UPDATE_COMPLETE');
    const FunctionName = physical(updated.resources, 'ReconcileLambdaFunction');
    const concurrency = await clients().lambda.send(new GetFunctionConcurrencyCommand({ FunctionName }));
    expect(concurrency.ReservedConcurrentExecutions).toBe(1);
  }, 180_000);
});
