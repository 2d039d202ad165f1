/**
 * The AWS API emulator (moto server, pinned in requirements-emulator.txt) as a component of the test
 * suite, the demo and the benchmark: install it when missing, start it on a free loopback port, wait
 * until it answers, reset it between scenarios, stop it. Failures throw an EmulatorError saying why.
 *
 *   const emulator = await startEmulator();
 *   process.env = { ...process.env, ...emulatorEnv(emulator.endpoint) };
 *   await emulator.reset();
 *   await emulator.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { EmulatorError, ensureEmulatorInstalled, projectRoot } from './emulator-install';

export { EmulatorError, ensureEmulatorInstalled, projectRoot } from './emulator-install';

/** The region every emulated scenario runs in. */
export const REGION = 'us-east-1';
/** The account moto answers as (STS GetCallerIdentity) with any dummy credentials. */
export const ACCOUNT_ID = '123456789012';

/** A running emulator. */
export interface Emulator {
  readonly endpoint: string;
  readonly port: number;
  /** Forgets every resource in every account and region (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stops the server and waits until it has exited; safe to call twice. */
  stop(): Promise<void>;
}

/** Silences the SDK's Node 20 end-of-support warning (older and newer SDK versions read different names). */
export const QUIET_SDK = {
  AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;

/** Environment that points every AWS SDK client at the emulator, with dummy credentials. */
export function emulatorEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    ...QUIET_SDK,
  };
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** POSTs /moto-api/reset: every resource of every account and region is forgotten. */
export async function resetEmulator(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' }).catch((error: unknown) => {
    throw new EmulatorError(`cannot reset the emulator at ${endpoint}: it does not answer`, { cause: error });
  });
  if (!response.ok)
    throw new EmulatorError(`resetting the emulator at ${endpoint} failed: ${response.status}`);
}

/** Starts moto server on a free loopback port and resolves once it answers HTTP. */
export async function startEmulator(options: { root?: string; timeoutMs?: number } = {}): Promise<Emulator> {
  const bin = ensureEmulatorInstalled(options.root ?? projectRoot());
  let lastError: unknown;
  for (let tries = 0; tries < 3; tries++) {
    const port = await freePort();
    try {
      return await launch(bin, port, options.timeoutMs ?? 30_000);
    } catch (error) {
      lastError = error;
      if (!(error instanceof EmulatorError && /address already in use/i.test(error.message))) throw error;
    }
  }
  throw lastError;
}

/** Spawns one server and waits for it; on failure the error carries the server's last output lines. */
async function launch(bin: string, port: number, timeoutMs: number): Promise<Emulator> {
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(child);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<string>((resolveExit) => {
    child.once('error', (error) => resolveExit(`could not be started: ${error.message}`));
    child.once('exit', (code, signal) => resolveExit(`exited (${signal ?? `code ${code}`})`));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const outcome = await Promise.race([answers(endpoint, timeoutMs), exited]);
  if (outcome !== true) {
    killOnExit();
    process.removeListener('exit', killOnExit);
    const why = outcome === false ? `did not answer within ${timeoutMs} ms` : outcome;
    throw new EmulatorError(`moto_server (${bin}) on port ${port} ${why}; its last output:\n${output()}`);
  }
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopChild(child, exited).finally(() => process.removeListener('exit', killOnExit));
    return stopped;
  };
  return { endpoint, port, reset: () => resetEmulator(endpoint), stop };
}

/** Polls the emulator's own API until it answers (true) or the time is up (false). */
async function answers(endpoint: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((wake) => setTimeout(wake, 50));
  }
  return false;
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** Keeps draining the server's output (a full pipe would block it) and remembers the last lines. */
function tail(child: ChildProcess, keep = 20): () => string {
  const lines: string[] = [];
  const add = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => lines.join('\n') || '(no output)';
}
