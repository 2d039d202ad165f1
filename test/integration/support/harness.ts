import { join } from 'node:path';
import { type ApiCall, type ApiProxy, startApiProxy } from '../../../scripts/lib/api-proxy';
import { emulatorEnv, resetEmulator } from '../../../scripts/lib/emulator';
import {
  type AccountClients,
  accountClients,
  CONTROL,
  seedAccount,
  seedControl,
  snapshotUserResources,
  type UserSnapshot,
} from '../../../scripts/lib/seed';
import type { Report } from '../../../src/report';
import { ENDPOINTS_VARIABLE } from './global-setup';
import { type EnforcerEnv, type Handler, loadHandler, sampleEvent } from './handler';

export { type EnforcerEnv, sampleEvent } from './handler';

const ROOT = join(__dirname, '..', '..', '..');

/** The role serverless.yml gives the enforcer in stage prod, us-east-1. */
export const OWN_ROLE = 'cis-monitoring-enforcer-prod-us-east-1';
/** Its ARN, as the stack passes it in ENFORCER_ROLE_ARN. */
export const OWN_ROLE_ARN = `arn:aws:iam::123456789012:role/${OWN_ROLE}`;
/** The person every tamper event names. */
export const ALICE = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

/** What the deployed function gets by default in these scenarios. */
export const DEFAULT_ENV: EnforcerEnv = {
  SUBSCRIPTIONS: `email:${CONTROL.subscriber}`,
  ENFORCER_ROLE_ARN: OWN_ROLE_ARN,
};

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** One invocation: the report and every AWS request the emulator received meanwhile. */
export interface Run {
  readonly report: Report;
  readonly calls: readonly ApiCall[];
  /** `service:Operation` of each request that changes the account, in order (alerts excluded). */
  readonly writes: readonly string[];
  /** `sns:Publish` requests: alerts sent to the security team, not changes to the account. */
  readonly alerts: readonly ApiCall[];
}

const isAlert = (c: ApiCall) => c.service === 'sns' && c.operation === 'Publish';

/** The emulator of this jest worker (global-setup starts one per worker). */
export function workerEndpoint(): string {
  const endpoints = (process.env[ENDPOINTS_VARIABLE] ?? '').split(',').filter(Boolean);
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const endpoint = endpoints[(worker - 1) % Math.max(1, endpoints.length)];
  if (!endpoint) {
    throw new Error(
      `${ENDPOINTS_VARIABLE} is not set: run integration tests through jest's integration project`,
    );
  }
  return endpoint;
}

/** The account state a scenario starts from. */
export type Start = 'fresh' | 'compliant';

/** A scenario's world: the account (a person's clients), its user snapshot and the enforcer to invoke. */
export interface World {
  readonly account: AccountClients;
  /** The user's resources as seeded, before anything happened. */
  readonly snapshot: () => UserSnapshot;
  readonly invoke: (event: string, env?: EnforcerEnv) => Promise<Run>;
}

/** Runs one handler with a sample event, its console silenced, and names every request it sent. */
async function invokeOnce(handler: Handler, proxy: ApiProxy, event: string): Promise<Run> {
  proxy.take();
  const quiet = CONSOLE_METHODS.map((name) => jest.spyOn(console, name).mockImplementation(() => undefined));
  try {
    const report = await handler(sampleEvent(event));
    const calls = proxy.take();
    const writes = calls.filter((c) => c.write && !isAlert(c)).map((c) => `${c.service}:${c.operation}`);
    return { report, calls, writes, alerts: calls.filter(isAlert) };
  } finally {
    for (const spy of quiet) spy.mockRestore();
  }
}

/** Handlers loaded once per configuration (one cold start each), then invoked warm. */
function handlerCache(handlerPath: string): (env: EnforcerEnv) => Handler {
  const handlers = new Map<string, Handler>();
  return (env) => {
    const key = JSON.stringify(env);
    const handler = handlers.get(key) ?? loadHandler(handlerPath, env);
    handlers.set(key, handler);
    return handler;
  };
}

/**
 * Registers jest hooks: a recording proxy in front of this worker's emulator; before each test the
 * emulator is reset and the account seeded (`fresh`: trail and the user's resources; `compliant`: and
 * the control). `invoke` runs the real handler (source, or `handlerPath`) with a sample event.
 */
export function useWorld(start: Start, handlerPath = join(ROOT, 'handlers', 'reconcile')): World {
  const world = {} as { proxy: ApiProxy; account: AccountClients; snapshot: UserSnapshot };
  beforeAll(async () => {
    world.proxy = await startApiProxy(workerEndpoint());
    // POWERTOOLS_DEV: the handler's logs and metrics go to jest's console (silenced per invocation).
    Object.assign(process.env, emulatorEnv(world.proxy.endpoint), { POWERTOOLS_DEV: 'true' });
    world.account = accountClients(workerEndpoint());
  });
  afterAll(async () => {
    for (const client of Object.values(world.account ?? {})) client.destroy();
    await world.proxy?.close();
  });
  beforeEach(async () => {
    await resetEmulator(workerEndpoint());
    await seedAccount(world.account);
    if (start === 'compliant') await seedControl(world.account);
    world.snapshot = await snapshotUserResources(world.account);
  });
  const handlerFor = handlerCache(handlerPath);
  return {
    get account() {
      return world.account;
    },
    snapshot: () => world.snapshot,
    invoke: (event, env = DEFAULT_ENV) => invokeOnce(handlerFor(env), world.proxy, event),
  };
}
