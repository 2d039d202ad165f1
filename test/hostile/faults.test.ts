/**
 * AWS faults on every call the enforcer makes (aws-sdk-client-mock, the services' real exception
 * classes): each yields ERROR naming the IAM action, the resource and the code, with a hint for the
 * operator; every repair that does not depend on the failed call is still made.
 */
import { createClients } from '../../src/aws/clients';
import type { Report } from '../../src/report';
import { runFailed } from '../../src/report';
import { runEvent } from '../../src/triggers/run';
import { type AccountMocks, configFor, mockAccount, REGION, writesSent } from '../support/builders';
import { driftedEverywhere, topicMissing, withCustomSelectors } from './support/accounts';
import { ADVISORY_COMMANDS, CALLS, type Call } from './support/calls';

type Kind = 'throttling' | 'denied' | 'invalid' | 'network' | 'timeout';

const network = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const timeout = () =>
  Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' });

/** The hint each fault kind must carry. */
const HINT: Record<Kind, (call: Call) => RegExp> = {
  throttling: (c) => new RegExp(`AWS throttled ${c.action} on every attempt`),
  denied: (c) => new RegExp(`may not call ${c.action} on ${literal(c.resource)}: grant it`),
  invalid: (c) => new RegExp(`AWS rejected the ${c.action} request as invalid`),
  network: (c) => new RegExp(`no answer from the AWS endpoint for ${c.action} \\(ECONNRESET\\)`),
  timeout: (c) => new RegExp(`no answer from the AWS endpoint for ${c.action} \\(TimeoutError\\)`),
};
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function errorFor(call: Call, kind: Kind): (() => Error) | undefined {
  if (kind === 'network') return network;
  if (kind === 'timeout') return timeout;
  return call.faults[kind];
}

const ROWS = CALLS.flatMap((call) =>
  (['throttling', 'denied', 'invalid', 'network', 'timeout'] as const).flatMap((kind) => {
    const error = errorFor(call, kind);
    return error ? [{ label: `${call.action} ${kind}`, call, kind, error }] : [];
  }),
);

let mocks: AccountMocks | undefined;
afterEach(() => {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  mocks = undefined;
});

const clients = createClients(REGION);
const schedule = { 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2026-11-26T06:00:00Z' };

/** Runs a scheduled reconcile on `call.account()` with `call` failing as `error` says. */
async function runWithFault(call: Call, error?: () => Error): Promise<{ report: Report; sent: string[] }> {
  mocks = mockAccount(call.account());
  if (error) call.inject(mocks, async () => Promise.reject(error()));
  const report = await runEvent({ clients, config: configFor() }, schedule);
  return { report, sent: writesSent(mocks).map((w) => w.command) };
}

describe('every call the enforcer makes, failing', () => {
  it.each(ROWS)('$label → ERROR naming action, resource and code; independent repairs made', async (row) => {
    const { call, kind, error } = row;
    const expectedCode = codeOf(error());
    const { report, sent } = await runWithFault(call, error);

    expect(report.status).toBe('ERROR');
    expect(report.errors).toContainEqual(
      expect.objectContaining({ action: call.action, resource: call.resource, code: expectedCode }),
    );
    const failed = report.errors.find((e) => e.action === call.action);
    expect(failed?.hint).toMatch(HINT[kind](call));
    expect(runFailed(report).message).toContain(`${call.action} on ${call.resource}: ${expectedCode}`);

    const { sent: planned } = await baseline(call);
    const applied = new Set(report.changes.map((c) => c.resource));
    for (const w of planned.filter((w) => !call.blocks.includes(w))) {
      expect(sent).toContain(w);
      if (w !== call.command) expect(applied).toContain(RESOURCE_OF[w]);
    }
    for (const w of call.blocks) expect(applied).not.toContain(RESOURCE_OF[w]);
  });
});

/** The same run without the fault, for the writes it plans. */
async function baseline(call: Call) {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  return runWithFault(call);
}

const codeOf = (e: Error) => ((e as Error & { code?: unknown }).code as string | undefined) ?? e.name;

const RESOURCE_OF: Record<string, string> = {
  StartLoggingCommand: 'trail',
  CreateTopicCommand: 'topic',
  SetTopicAttributesCommand: 'topic-policy',
  SubscribeCommand: 'subscription',
  PutMetricFilterCommand: 'metric-filter',
  PutMetricAlarmCommand: 'alarm',
};

describe('the scenarios themselves', () => {
  const repairs = ['trail', 'topic-policy', 'subscription', 'metric-filter', 'alarm'];
  // The configured email is subscribed in each and pending until a person confirms it; the topic's
  // other confirmed subscriber was configured by nobody, so none of them holds yet: NON_COMPLIANT.
  it.each([
    { label: 'driftedEverywhere', account: driftedEverywhere, status: 'NON_COMPLIANT', resources: repairs },
    {
      label: 'topicMissing',
      account: topicMissing,
      status: 'NON_COMPLIANT',
      resources: ['trail', 'topic', 'subscription', 'metric-filter', 'alarm'],
    },
    {
      label: 'withCustomSelectors',
      account: withCustomSelectors,
      status: 'NON_COMPLIANT',
      resources: repairs,
    },
  ])('$label without faults → $status with every kind of repair', async ({ account, status, resources }) => {
    const call = { ...(CALLS[0] as Call), account };
    const { report } = await runWithFault(call);
    expect(report.status).toBe(status);
    expect(report.changes.map((c) => c.resource)).toEqual(resources);
  });
});

describe('the table is complete', () => {
  it('covers every command a run sends, in every scenario', async () => {
    const sent = new Set<string>();
    const env = { VERIFY_WITH_TEST_METRIC_FILTER: 'true' };
    for (const account of [driftedEverywhere, topicMissing, withCustomSelectors]) {
      mocks = mockAccount(account());
      await runEvent({ clients, config: configFor(env) }, schedule);
      for (const stub of Object.values(mocks)) {
        for (const call of stub.calls()) sent.add((call.args[0] as object).constructor.name);
      }
      for (const stub of Object.values(mocks)) stub.restore();
    }
    const covered = new Set([...CALLS.map((c) => c.command), ...ADVISORY_COMMANDS]);
    expect([...sent].filter((command) => !covered.has(command)).sort()).toEqual([]);
  });
});
