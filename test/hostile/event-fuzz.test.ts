/**
 * Any payload into runEvent, against a compliant account: always a report (never a throw), the
 * status is COMPLIANT or a reasoned IGNORED, and nothing is written. About 10,000 cases per run.
 */
import fc from 'fast-check';
import { createClients } from '../../src/clients';
import { STATUSES } from '../../src/report';
import { runEvent } from '../../src/run';
import {
  type AccountMocks,
  compliant,
  configFor,
  mockAccount,
  REGION,
  writesSent,
} from '../support/builders';
import { anyJson, eventShaped, mutatedSample, SAMPLES } from './support/event-arbitraries';

const OWN_ROLE = 'cis-monitoring-enforcer-prod-us-east-1';
const QUIET = new Set(['COMPLIANT', 'IGNORED', 'IGNORED_OWN_CHANGE']);

let mocks: AccountMocks;
const deps = { clients: createClients(REGION), config: configFor({ ENFORCER_ROLE_NAME: OWN_ROLE }) };

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

  it('arbitrary JSON values → a quiet report, never a throw', async () => {
    await fc.assert(fc.asyncProperty(anyJson, expectQuietReport), { numRuns: 3000 });
  });

  it('EventBridge-shaped records with arbitrary fields → a quiet report', async () => {
    await fc.assert(fc.asyncProperty(eventShaped, expectQuietReport), { numRuns: 3000 });
  });

  it('every sample with random edits → a quiet report', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSample, ({ event }) => expectQuietReport(event)),
      { numRuns: 4000 },
    );
  });
});
