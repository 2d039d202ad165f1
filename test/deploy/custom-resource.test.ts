import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import 'aws-sdk-client-mock-jest';
import { createClients } from '../../src/clients';
import type { Setup } from '../../src/cold-start';
import { ConfigError } from '../../src/config';
import { answerCloudFormation } from '../../src/deploy';
import type { Deps } from '../../src/reconcile';
import type { Report } from '../../src/report';
import { runEvent } from '../../src/run';
import {
  type AccountMocks,
  type AccountState,
  compliant,
  configFor,
  mockAccount,
  REGION,
  without,
  writesSent,
} from '../support/builders';
import { cfnEvent } from './cfn-events';
import { type ResponseServer, startResponseServer } from './response-server';

let server: ResponseServer;
beforeEach(async () => {
  server = await startResponseServer();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await server.close();
});

const setupFor = (env: Record<string, string> = {}): Setup<Deps> => ({
  ready: { config: configFor(env), clients: createClients(REGION) },
});
type Event = ReturnType<typeof cfnEvent>;

/** Answers `event` for an account in `state` through the real reconcile; returns what the URL received. */
async function answer(event: Event, state: AccountState, setup: Setup<Deps> = setupFor()) {
  const mocks = mockAccount(state);
  const runs: Report[] = [];
  const run = async (deps: Deps) => {
    const report = await runEvent(deps, event);
    runs.push(report);
    return report;
  };
  const response = await answerCloudFormation(event, setup, run);
  expect(server.received).toHaveLength(1);
  expect(server.received[0]?.body).toEqual(response);
  return { response, runs, mocks };
}

const calls = (mocks: AccountMocks) =>
  Object.values(mocks).reduce((n, m: AccountMocks['sts']) => n + m.calls().length, 0);

describe('the deploy custom resource always answers CloudFormation', () => {
  it('Create: reconciles once and answers SUCCESS with the report status', async () => {
    const { response, runs, mocks } = await answer(cfnEvent('Create', server.url), without('alarm'));
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      [{ kind: 'deploy', requestType: 'Create' }, 'REPAIRED'],
    ]);
    expect(writesSent(mocks).map((w) => w.command)).toEqual(['PutMetricAlarmCommand']);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'reconcile-on-deploy',
      RequestId: 'request-1',
      LogicalResourceId: 'ReconcileOnDeploy',
      Data: { Status: 'REPAIRED', Changes: '1' },
    });
    expect(response.Reason).toMatch(/^reconcile REPAIRED with 1 change\(s\) in 123456789012 us-east-1/);
  });

  it('Update: reconciles once and keeps the physical id', async () => {
    const { response, runs, mocks } = await answer(cfnEvent('Update', server.url), compliant());
    expect(runs.map((r) => r.status)).toEqual(['COMPLIANT']);
    expect(writesSent(mocks)).toEqual([]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'reconcile-on-deploy',
      Reason: 'reconcile COMPLIANT in 123456789012 us-east-1',
      Data: { Status: 'COMPLIANT', Changes: '0' },
    });
  });

  it.each([
    ['Delete', 'stack deleted: nothing reconciled; the filter, alarm, topic and subscriptions stay'],
    ['Rollback', 'stack rolling back: nothing reconciled'],
  ] as const)('%s: answers SUCCESS at once without calling AWS', async (type, reason) => {
    const { response, runs, mocks } = await answer(cfnEvent(type, server.url), without('alarm'));
    expect(runs).toEqual([]);
    expect(calls(mocks)).toBe(0);
    expect(response).toMatchObject({ Status: 'SUCCESS', Reason: reason, Data: {} });
  });

  it('a reconcile that throws is still answered, SUCCESS with the failure in the reason', async () => {
    const event = cfnEvent('Update', server.url);
    const boom = async (): Promise<Report> => {
      throw new TypeError('unexpected shape');
    };
    const response = await answerCloudFormation(event, setupFor(), boom);
    expect(server.received.map((r) => r.body)).toEqual([response]);
    expect(response.Status).toBe('SUCCESS');
    expect(response.Reason).toBe(
      'reconcile failed (TypeError: unexpected shape); the stack is deployed, the next run retries',
    );
  });

  it('a reconcile that ends in ERROR is answered SUCCESS, naming the failed call', async () => {
    const state = compliant();
    const mocks = mockAccount(state);
    mocks.cloudtrail
      .on(DescribeTrailsCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    const event = cfnEvent('Create', server.url);
    const response = await answerCloudFormation(event, setupFor(), (deps) => runEvent(deps, event));
    expect(response.Status).toBe('SUCCESS');
    expect(response.Data).toEqual({ Status: 'ERROR', Changes: '0' });
    expect(response.Reason).toContain('cloudtrail:DescribeTrails on *: AccessDeniedException: not allowed');
  });

  it('a trail that exists but lacks its log group is reported, not failed', async () => {
    const { response } = await answer(cfnEvent('Create', server.url), without('log-group'));
    expect(response.Status).toBe('SUCCESS');
    expect(response.Data?.Status).toBe('NON_COMPLIANT');
    expect(response.Reason).toContain('does not exist; the enforcer does not create it');
  });
});

describe('FAILED only when the user must act before the enforcer can', () => {
  it.each(['Create', 'Update'] as const)(
    '%s with no qualifying trail fails with the reason',
    async (type) => {
      const { response } = await answer(cfnEvent(type, server.url), without('trail'));
      expect(response).toMatchObject({
        Status: 'FAILED',
        Reason:
          'no CloudTrail trail qualifies in 123456789012 us-east-1: no CloudTrail trail exists in this account',
        Data: { Status: 'NON_COMPLIANT', Changes: '0' },
      });
    },
  );

  it('an invalid configuration fails Create with every bad variable, without reconciling', async () => {
    const configError = new ConfigError([
      'MODE="fix" must be one of enforce, detect',
      'SUBSCRIPTIONS entry "x" must be protocol:endpoint',
    ]);
    const run = jest.fn<Promise<Report>, [Deps]>();
    const response = await answerCloudFormation(cfnEvent('Create', server.url), { configError }, run);
    expect(run).not.toHaveBeenCalled();
    expect(server.received.map((r) => r.body)).toEqual([response]);
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason:
        'invalid configuration: MODE="fix" must be one of enforce, detect; SUBSCRIPTIONS entry "x" must be protocol:endpoint',
      Data: { Status: 'CONFIG_ERROR' },
    });
  });

  it('an invalid configuration does not block deleting the stack', async () => {
    const configError = new ConfigError(['MODE="fix" must be one of enforce, detect']);
    const response = await answerCloudFormation(cfnEvent('Delete', server.url), { configError }, jest.fn());
    expect(response.Status).toBe('SUCCESS');
  });
});

describe('deadlines and delivery', () => {
  it('answers before the deadline while the run goes on, and returns only when the run has finished', async () => {
    let finish: (report: Report) => void = () => undefined;
    const slow = () =>
      new Promise<Report>((resolve) => {
        finish = resolve;
      });
    let returned = false;
    const answered = answerCloudFormation(cfnEvent('Create', server.url), setupFor(), slow, {
      deadlineMs: 50,
    }).then((r) => {
      returned = true;
      return r;
    });
    await waitFor(() => server.received.length === 1);
    expect(server.received[0]?.body).toMatchObject({ Status: 'SUCCESS', Data: { Status: 'RUNNING' } });
    expect(returned).toBe(false);
    const mocks = mockAccount(compliant());
    finish(await runEvent({ config: configFor(), clients: createClients(REGION) }, {}));
    expect((await answered).Reason).toMatch(/^reconcile still running after 0 s/);
    expect(calls(mocks)).toBeGreaterThan(0);
  });

  it('throws when the answer cannot be delivered, so Lambda retries the invocation', async () => {
    server.statuses = [500, 500, 500];
    mockAccount(compliant());
    const event = cfnEvent('Delete', server.url);
    await expect(answerCloudFormation(event, setupFor(), jest.fn())).rejects.toThrow(
      'could not answer CloudFormation: the response URL answered HTTP 500',
    );
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
