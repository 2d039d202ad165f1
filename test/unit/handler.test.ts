import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessDeniedException, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import type { Report } from '../../src/report';
import { STATUSES } from '../../src/report';
import { type AccountMocks, compliant, mockAccount } from '../support/builders';

/** The environment serverless.yml gives the function in stage prod, region us-east-1 (unset parameters empty). */
const ENV = {
  AWS_REGION: 'us-east-1',
  ENFORCER_ROLE_ARN: 'arn:aws:iam::123456789012:role/cis-monitoring-enforcer-prod-us-east-1',
  ALARM_NAME: 'CIS-4.10-SecurityGroupChanges',
  SUBSCRIPTIONS: 'email:sec@example.com',
  FILTER_NAME: '',
  TOPIC_ARN: '',
  MODE: '',
  LOG_LEVEL: 'SILENT',
  // Keeps the run's EMF metric lines out of the test output.
  POWERTOOLS_METRICS_DISABLED: 'true',
};
const EVENTS_DIR = join(__dirname, '..', '..', 'events');
const FILES = readdirSync(EVENTS_DIR).filter((f) => f.endsWith('.json'));
type Json = Record<string, unknown>;
const load = (file: string): Json => JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8')) as Json;
const kindOf = (file: string) =>
  file.startsWith('cloudtrail-')
    ? 'cloudtrail'
    : file === 'manual-drill.json'
      ? 'drill'
      : file.replace(/(-dry-run)?\.json$/, '');

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
beforeEach(() => {
  // The handler builds its own clients: mock the client classes, on a compliant account.
  mocks = mockAccount(compliant());
});
afterEach(() => {
  for (const mock of Object.values(mocks) as AccountMocks[keyof AccountMocks][]) mock.restore();
});

const anyCall = () =>
  Object.values(mocks).some((m: AccountMocks[keyof AccountMocks]) => m.calls().length > 0);

describe('handler: every sample in events/ against a compliant account', () => {
  it.each(FILES)('%s', async (file) => {
    const event = load(file);
    const report = await handler(event);
    expect(STATUSES).toContain(report.status);
    expect(report.trigger.kind).toBe(kindOf(file));
    if (file === 'cloudtrail-own-change.json') {
      expect(report.status).toBe('IGNORED_OWN_CHANGE');
      expect(anyCall()).toBe(false);
      return;
    }
    expect(report).toMatchObject({
      status: 'COMPLIANT',
      control: 'CIS-4.10',
      region: 'us-east-1',
      errors: [],
    });
    expect(report.mode).toBe(file === 'manual-dry-run.json' ? 'detect' : 'enforce');
    if (report.trigger.kind === 'cloudtrail') {
      const detail = event.detail as Json;
      const identity = detail.userIdentity as Json;
      expect(report.trigger).toMatchObject({
        eventName: detail.eventName,
        eventTime: detail.eventTime,
        actor: { arn: identity.arn },
      });
    }
  });
});

describe('handler: failures', () => {
  const denied = () =>
    mocks.cloudtrail
      .on(DescribeTrailsCommand)
      .rejects(new AccessDeniedException({ $metadata: {}, message: 'denied' }));

  it('an asynchronous trigger (schedule) that errs is thrown, so Lambda retries it', async () => {
    denied();
    await expect(handler(load('schedule.json'))).rejects.toThrow(
      'reconcile failed: cloudtrail:DescribeTrails on *: AccessDeniedException',
    );
  });

  it('a manual invoke that errs returns the ERROR report', async () => {
    denied();
    const report = await handler({});
    expect(report.status).toBe('ERROR');
    expect(report.errors).toEqual([expect.objectContaining({ action: 'cloudtrail:DescribeTrails' })]);
  });

  it('an unrecognised payload is ignored without any AWS call', async () => {
    const report = await handler({ hello: 'world' });
    expect(report).toMatchObject({ status: 'IGNORED', trigger: { kind: 'unknown' } });
    expect(anyCall()).toBe(false);
  });
});
