import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClients } from '../../src/aws/clients';
import { type Config, loadConfig } from '../../src/config';
import { createNotifier, type Notifier } from '../../src/notify';
import type { Deps } from '../../src/reconcile';
import { runEvent } from '../../src/triggers/run';
import { type Emulator, emulatorEnv, startEmulator } from '../lib/emulator';
import { type FaithfulEmulator, openFaithful } from '../lib/emulator-faithful';
import { type AccountClients, CONTROL, type Human } from '../lib/seed';
import { type Recorder, recordCalls } from './calls';
import type { RunSample } from './table';

/** The emulator, a person's clients to seed and tamper with, and the enforcer's instrumented deps. */
export interface Session {
  readonly emulator: Emulator;
  /** The emulator behind the AWS-faithful layer, which every client here goes through. */
  readonly faithful: FaithfulEmulator;
  readonly account: AccountClients;
  /** The person who confirms the email subscriptions they seed (pending on AWS until then). */
  readonly human: Human;
  /** Resets the emulator and the faithful layer's state. */
  reset(): Promise<void>;
  readonly deps: Deps;
  readonly config: Config;
  readonly recorder: Recorder;
  readonly notifier: Notifier;
  /** The environment that points SDK clients at the emulator (dummy credentials). */
  readonly env: Readonly<Record<string, string>>;
  /** A sample event from events/ by file name (without .json). */
  event(name: string): unknown;
}

/**
 * Starts the emulator (installing it when missing) and builds the enforcer's config and clients the
 * way the handler does, with one configured subscription, pointed through the env at the emulator
 * behind the AWS-faithful layer (so calls are counted as AWS would answer them: pages of 50 filters,
 * email subscriptions pending until confirmed).
 */
export async function openSession(root: string): Promise<Session> {
  const emulator = await startEmulator({ root });
  const faithful = await openFaithful(emulator.endpoint);
  const env = {
    ...emulatorEnv(faithful.enforcer.endpoint),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  Object.assign(process.env, env);
  const config = loadConfig({ ...env, SUBSCRIPTIONS: `email:${CONTROL.subscriber}` });
  const clients = createClients(config.region);
  const recorder = recordCalls(clients);
  const events = new Map<string, unknown>();
  const event = (name: string): unknown => {
    if (!events.has(name)) {
      events.set(name, JSON.parse(readFileSync(join(root, 'events', `${name}.json`), 'utf8')));
    }
    return events.get(name);
  };
  const notifier = createNotifier({ sns: clients.sns, config });
  const { account, human } = faithful;
  const reset = () => faithful.reset();
  return {
    emulator,
    faithful,
    account,
    human,
    reset,
    deps: { config, clients },
    config,
    recorder,
    notifier,
    env,
    event,
  };
}

/**
 * The same emulator, clients and recorder with the enforcer configured with `settings` on top (e.g.
 * `CONTROLS: 'all'`): its own configuration and notifier, as a cold start with those variables builds them.
 */
export function withSettings(s: Session, settings: Readonly<Record<string, string>>): Session {
  const config = loadConfig({ ...s.env, SUBSCRIPTIONS: `email:${CONTROL.subscriber}`, ...settings });
  const { clients } = s.deps;
  return { ...s, config, deps: { config, clients }, notifier: createNotifier({ sns: clients.sns, config }) };
}

/**
 * One enforcer run on `event` as handlers/reconcile.ts makes it (run, then alert; its log line and
 * metrics call no API), timed, with the API calls it made.
 */
export async function runOnce(s: Session, event: unknown): Promise<RunSample> {
  s.recorder.take();
  const start = performance.now();
  const report = await s.notifier.notify(await runEvent(s.deps, event));
  const wallMs = performance.now() - start;
  return { status: report.status, wallMs, calls: s.recorder.take() };
}

/** `runs` measured runs; `before` (untimed, unrecorded) prepares the account before each. */
export async function measure(
  s: Session,
  runs: number,
  event: unknown,
  before?: () => Promise<unknown>,
): Promise<RunSample[]> {
  const samples: RunSample[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    samples.push(await runOnce(s, event));
  }
  return samples;
}
