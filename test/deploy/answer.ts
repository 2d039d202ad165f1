import { createClients } from '../../src/aws/clients';
import type { Deps } from '../../src/reconcile';
import type { Report } from '../../src/report';
import type { Setup } from '../../src/triggers/cold-start';
import { answerCloudFormation } from '../../src/triggers/deploy';
import { runEvent } from '../../src/triggers/run';
import { type AccountMocks, type AccountState, configFor, mockAccount, REGION } from '../support/builders';
import type { cfnEvent } from './cfn-events';
import { type ResponseServer, startResponseServer } from './response-server';

/** A fresh stand-in for the response URL around each test, console output silenced; returns a getter. */
export function useResponseServer(): () => ResponseServer {
  let server: ResponseServer | undefined;
  beforeEach(async () => {
    server = await startResponseServer();
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      jest.spyOn(console, method).mockImplementation(() => undefined);
    }
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the response server is started in beforeEach');
    return server;
  };
}

/** What the handler's cold start builds, for BASE_ENV plus `env`. */
export const setupFor = (env: Record<string, string> = {}): Setup<Deps> => ({
  ready: { config: configFor(env), clients: createClients(REGION) },
});

/** Answers `event` for an account in `state` through the real reconcile; checks the URL got the answer once. */
export async function answerFor(
  server: ResponseServer,
  event: ReturnType<typeof cfnEvent>,
  state: AccountState,
) {
  const mocks = mockAccount(state);
  const runs: Report[] = [];
  const run = async (deps: Deps) => {
    const report = await runEvent(deps, event);
    runs.push(report);
    return report;
  };
  const response = await answerCloudFormation(event, setupFor(), run);
  expect(server.received.map((r) => r.body)).toEqual([response]);
  return { response, runs, mocks };
}

/** How many calls the account received, over all clients. */
export const callCount = (mocks: AccountMocks): number =>
  Object.values(mocks).reduce((n, m: AccountMocks['sts']) => n + m.calls().length, 0);

/** Polls `condition` for up to 2 s. */
export async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
