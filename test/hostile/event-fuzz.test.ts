/**
 * Any payload into runEvent, against a compliant account: always a report (never a throw), the
 * status is COMPLIANT or a reasoned IGNORED, and nothing is written. 10,012 cases per run (mutated
 * samples run a whole reconcile, so they are the fewest; about 15 s in all).
 */
import fc from 'fast-check';
import { createClients } from '../../src/aws/clients';
import { STATUSES } from '../../src/report';
import { isCloudFormationRequest } from '../../src/triggers/deploy';
import { runEvent } from '../../src/triggers/run';
import {
  type AccountMocks,
  compliant,
  configFor,
  mockAccount,
  REGION,
  TOPIC_ARN,
  writesSent,
} from '../support/builders';
import { anyJson, eventShaped, mutatedSample, SAMPLES } from './support/event-arbitraries';
import { OWN_ROLE_ARN, quietHandler } from './support/quiet-handler';

const QUIET = new Set(['COMPLIANT', 'IGNORED', 'IGNORED_OWN_CHANGE']);

let mocks: AccountMocks;
const deps = { clients: createClients(REGION), config: configFor({ ENFORCER_ROLE_ARN: OWN_ROLE_ARN }) };

beforeAll(() => {
  mocks = mockAccount(compliant());
});
afterAll(() => {
  for (const mock of Object.values(mocks)) mock.restore();
});

/** What must hold for every payload: a well-formed, quiet report and no write call. */
async function expectQuietReport(payload: unknown): Promise<void> {
  for (const mock of Object.values(mocks)) mock.resetHistory();
  // Lambda hands the function parsed JSON: normalise what the generators built the same way.
  const event: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
  const report = await runEvent(deps, event);
  expect(STATUSES).toContain(report.status);
  expect(QUIET.has(report.status) ? report.status : report).toBe(report.status);
  if (report.status !== 'COMPLIANT') expect(report.reason).toMatch(/\S/);
  expect(report.errors).toEqual([]);
  expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(JSON.stringify(report)));
  expect(writesSent(mocks)).toEqual([]);
}

describe('runEvent under arbitrary payloads (compliant account)', () => {
  it('every sample as it is → a quiet report', async () => {
    for (const [, event] of SAMPLES) await expectQuietReport(event);
  });

  it('names of Object.prototype as event name or source → a quiet report (no table lookup through the prototype)', async () => {
    const names = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
    for (const [, sample] of SAMPLES as readonly (readonly [string, Record<string, unknown>])[]) {
      const detail = sample.detail as Record<string, unknown> | undefined;
      if (detail === undefined) continue;
      for (const name of names) {
        await expectQuietReport({ ...sample, detail: { ...detail, eventName: name } });
        await expectQuietReport({ ...sample, detail: { ...detail, eventSource: name } });
      }
    }
  });

  it('arbitrary JSON values → a quiet report, never a throw', async () => {
    await fc.assert(fc.asyncProperty(anyJson, expectQuietReport), { numRuns: 4000 });
  });

  it('EventBridge-shaped records with arbitrary fields → a quiet report', async () => {
    await fc.assert(fc.asyncProperty(eventShaped, expectQuietReport), { numRuns: 3000 });
  });

  it('every sample with random edits → a quiet report', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSample, ({ event }) => expectQuietReport(event)),
      { numRuns: 2400 },
    );
  });
});

describe('the handler under arbitrary payloads (DEBUG logs of the event shape, metrics, alerts)', () => {
  const payload = fc
    .oneof(
      anyJson,
      eventShaped,
      mutatedSample.map((m) => m.event),
    )
    .map((p): unknown => JSON.parse(JSON.stringify(p ?? null)))
    // CloudFormation requests are answered over HTTP to their ResponseURL: test/deploy covers them.
    .filter((event) => !isCloudFormationRequest(event));

  // A touch of the control by someone else is news (an alert) even when the control holds: the only
  // call beside the reads may be that alert, to the enforcer's own topic; nothing in the account changes.
  it('returns a quiet report, never throws, changes nothing (an alert at most, to our topic)', async () => {
    const handler = quietHandler({ LOG_LEVEL: 'DEBUG' });
    await fc.assert(
      fc.asyncProperty(payload, async (event) => {
        for (const mock of Object.values(mocks)) mock.resetHistory();
        const report = await handler(event);
        expect(QUIET.has(report.status)).toBe(true);
        const sent = writesSent(mocks);
        expect(sent.filter((w) => w.command !== 'PublishCommand')).toEqual([]);
        for (const alert of sent) expect(alert.input.TopicArn).toBe(TOPIC_ARN);
        if (sent.length > 0) expect(report.news?.length).toBeGreaterThan(0);
      }),
      { numRuns: 600 },
    );
  });
});
