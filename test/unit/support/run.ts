import { createClients } from '../../../src/aws/clients';
import type { Deps } from '../../../src/reconcile';
import type { Report } from '../../../src/report';
import { runEvent } from '../../../src/triggers/run';
import {
  type AccountMocks,
  type AccountState,
  configFor,
  mockAccount,
  REGION,
  type SentCall,
  writesSent,
} from '../../support/builders';

/** One run against a mocked account, with what it wrote. */
export interface Run {
  readonly report: Report;
  readonly writes: SentCall[];
  readonly mocks: AccountMocks;
  readonly deps: Deps;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** False: writes are accepted but do not change the account. */
  readonly sticky?: boolean;
  readonly event?: unknown;
  /** Overrides some answers (faults) after the account is mocked. */
  readonly arrange?: (mocks: AccountMocks) => void;
}

/** Runs `event` (a manual `{}` by default) against `state` served by mocks on clients from createClients. */
export async function runOn(state: AccountState, options: RunOptions = {}): Promise<Run> {
  const clients = createClients(REGION);
  const mocks = mockAccount(state, { targets: clients, sticky: options.sticky });
  options.arrange?.(mocks);
  const deps: Deps = { clients, config: configFor(options.env) };
  const report = await runEvent(deps, options.event ?? {});
  return { report, writes: writesSent(mocks), mocks, deps };
}

/** Runs again on the same (possibly repaired) account, with fresh call histories. */
export async function runAgain(previous: Run, event: unknown = {}): Promise<Run> {
  for (const mock of Object.values(previous.mocks) as AccountMocks[keyof AccountMocks][]) mock.resetHistory();
  const report = await runEvent(previous.deps, event);
  return { ...previous, report, writes: writesSent(previous.mocks) };
}
