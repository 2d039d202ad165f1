import { join } from 'node:path';
import type { ApiCall, ApiProxy } from '../../../scripts/lib/api-proxy';
import { emulatorEnv } from '../../../scripts/lib/emulator';
import { type FaithfulEmulator, openFaithful } from '../../../scripts/lib/emulator-faithful';
import type { PendingSubscription } from '../../../scripts/lib/faithful';
import {
  type AccountClients,
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

/** What the humans AWS waits for do in a scenario (the AWS-faithful layer keeps their side). */
export interface Faithful {
  /**
   * Confirms the pending subscription of `endpoint` (to the control's topic unless `topicArn` is
   * given) as its owner would, with the token of the message AWS sent; resolves with its ARN.
   */
  confirm(endpoint: string, topicArn?: string): Promise<string>;
  /** The subscriptions still waiting for their owner. */
  pending(): readonly PendingSubscription[];
  /**
   * Makes every later alarm action on `topicArn` fail with AWS's `error` text, as a broken topic
   * policy or key would (undefined: they succeed again); the layer records actions in alarm history.
   */
  failActions(topicArn: string, error: string | undefined): void;
}

/** A scenario's world: the account (a person's clients), its user snapshot and the enforcer to invoke. */
export interface World {
  /** A person's clients, through the AWS-faithful layer (not recorded). */
  readonly account: AccountClients;
  /** The user's resources as seeded, before anything happened. */
  readonly snapshot: () => UserSnapshot;
  readonly invoke: (event: string, env?: EnforcerEnv) => Promise<Run>;
  readonly faithful: Faithful;
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

/**
 * Handlers loaded once per configuration (one cold start each), then invoked warm within a test;
 * `clear` forgets them, so each test starts from a cold container (the alert memory lives in it).
 */
function handlerCache(handlerPath: string): { get: (env: EnforcerEnv) => Handler; clear: () => void } {
  const handlers = new Map<string, Handler>();
  return {
    get: (env) => {
      const key = JSON.stringify(env);
      const handler = handlers.get(key) ?? loadHandler(handlerPath, env);
      handlers.set(key, handler);
      return handler;
    },
    clear: () => handlers.clear(),
  };
}

/**
 * Registers jest hooks: this worker's emulator behind the AWS-faithful layer (the enforcer's calls
 * recorded, the person's not); before each test the emulator and the layer are reset and the account
 * seeded (`fresh`: trail and the user's resources; `compliant`: and the control), its subscriptions
 * confirmed by their owners. `invoke` runs the real handler (source, or `handlerPath`) with a sample
 * event: loaded cold in each test, warm for the test's later invocations.
 */
export function useWorld(start: Start, handlerPath = join(ROOT, 'handlers', 'reconcile')): World {
  const world = {} as { emulator: FaithfulEmulator; snapshot: UserSnapshot };
  beforeAll(async () => {
    world.emulator = await openFaithful(workerEndpoint());
    // POWERTOOLS_DEV: the handler's logs and metrics go to jest's console (silenced per invocation).
    Object.assign(process.env, emulatorEnv(world.emulator.enforcer.endpoint), { POWERTOOLS_DEV: 'true' });
  });
  afterAll(async () => {
    await world.emulator?.close();
  });
  const handlers = handlerCache(handlerPath);
  beforeEach(async () => {
    handlers.clear();
    const { account, human } = world.emulator;
    await world.emulator.reset();
    await seedAccount(account, human);
    if (start === 'compliant') await seedControl(account, human);
    world.snapshot = await snapshotUserResources(account);
  });
  return {
    get account() {
      return world.emulator.account;
    },
    snapshot: () => world.snapshot,
    invoke: (event, env = DEFAULT_ENV) => invokeOnce(handlers.get(env), world.emulator.enforcer, event),
    faithful: {
      confirm: (endpoint, topicArn = CONTROL.topicArn) => world.emulator.human.confirm(topicArn, endpoint),
      pending: () => world.emulator.layer.inbox.pending(),
      failActions: (topicArn, error) => world.emulator.layer.alarmActions.failTopic(topicArn, error),
    },
  };
}
