/**
 * The Lambda handler given a batch from the event queue (aws-sdk-client-mock on the SDK client classes
 * the handler builds): a run that succeeds returns, so Lambda deletes the batch; a failed run (ERROR)
 * throws, so the whole batch returns to the queue, is retried and then kept in its dead-letter queue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessDeniedException, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { Report } from '../../src/report';
import { type AccountMocks, compliant, mockAccount, without } from '../support/builders';

/** The environment serverless.yml gives the function in stage prod, region us-east-1. */
const ENV = {
  AWS_REGION: 'us-east-1',
  ENFORCER_ROLE_ARN: 'arn:aws:iam::123456789012:role/cis-monitoring-enforcer-prod-us-east-1',
  SUBSCRIPTIONS: 'email:sec@example.com',
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
};
type Json = Record<string, unknown>;
const EVENTS = join(__dirname, '..', '..', 'events');
const load = (path: string): Json => JSON.parse(readFileSync(join(EVENTS, path), 'utf8')) as Json;
const SAMPLE_BATCH = load('sqs/batch.json');
const recordsOf = (batch: Json) => batch.Records as Json[];

type Handler = (event: unknown) => Promise<Report>;
let handler: Handler;
let mocks: AccountMocks;
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, ENV);
  // Imported only now: the handler reads its configuration once, at module load (cold start).
  ({ handler } = (await import('../../handlers/reconcile')) as unknown as { handler: Handler });
});
afterAll(() => {
  process.env = saved;
});
afterEach(() => {
  for (const mock of Object.values(mocks) as AccountMocks[keyof AccountMocks][]) mock.restore();
});

describe('handler: a batch from the event queue', () => {
  it('the sample batch (events/sqs/batch.json) on a compliant account returns one report for its three events', async () => {
    mocks = mockAccount(compliant());
    const report = await handler(SAMPLE_BATCH);
    expect(report).toMatchObject({ status: 'COMPLIANT', errors: [], trigger: { eventName: 'DeleteAlarms' } });
    expect(report.batch).toHaveLength(recordsOf(SAMPLE_BATCH).length);
    expect(mocks.cloudtrail.commandCalls(DescribeTrailsCommand)).toHaveLength(1);
  });

  it('a repair sends one alert for the whole batch', async () => {
    mocks = mockAccount(without('alarm'));
    const report = await handler(SAMPLE_BATCH);
    expect(report.status).toBe('REPAIRED');
    const alerts = mocks.sns.commandCalls(PublishCommand);
    expect(alerts).toHaveLength(1);
    const message = String(alerts[0]?.args[0].input.Message);
    expect(message).toContain('3 queued events, one run for all:');
    expect(message).toContain('StopLogging by arn:aws:sts::123456789012:assumed-role/Admin/alice');
  });

  it('a failed run (ERROR) throws, so the queue retries the whole batch and then keeps it', async () => {
    mocks = mockAccount(compliant());
    mocks.cloudtrail
      .on(DescribeTrailsCommand)
      .rejects(new AccessDeniedException({ $metadata: {}, message: 'denied' }));
    await expect(handler(SAMPLE_BATCH)).rejects.toThrow(
      'reconcile failed: cloudtrail:DescribeTrails on *: AccessDeniedException',
    );
  });

  it('a batch with nothing to act on returns (its messages are deleted), having called nothing', async () => {
    mocks = mockAccount(compliant());
    const [own] = recordsOf(SAMPLE_BATCH);
    const report = await handler({ Records: [own, own] });
    expect(report).toMatchObject({ status: 'IGNORED_OWN_CHANGE' });
    const calls = Object.values(mocks).flatMap((m) => (m as { calls(): unknown[] }).calls());
    expect(calls).toEqual([]);
  });
});
