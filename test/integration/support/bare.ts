import { type AccountClients, accountClients } from '../../../scripts/lib/seed';
import { workerEndpoint } from './harness';

/**
 * A person's clients on the bare emulator (moto's own answers, no AWS-faithful layer), for the tests
 * that show a difference on both sides; built before the file's tests, destroyed after.
 */
export function useBareEmulator(): () => AccountClients {
  let clients: AccountClients | undefined;
  beforeAll(() => {
    clients = accountClients(workerEndpoint());
  });
  afterAll(() => {
    for (const client of Object.values(clients ?? {})) client.destroy();
  });
  return () => {
    if (!clients) throw new Error('the bare emulator clients exist only while the tests run');
    return clients;
  };
}

/** An AWS SDK error as the assertions read it. */
export type SdkError = Error & { Code?: string; $metadata?: { httpStatusCode?: number } };

/** The error a call rejects with (undefined when it succeeds). */
export const rejection = (promise: Promise<unknown>): Promise<SdkError | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => error as SdkError,
  );
