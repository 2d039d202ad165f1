/**
 * `sls package` into a directory of the caller's, offline and without credentials. serverless-esbuild
 * builds in the project's `.esbuild/` folder, so two packagings at once (two jest workers, a test and the
 * benchmark) would overwrite each other's build: a lock directory serialises them across processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LOCK = join(tmpdir(), `cis-monitoring-enforcer-package-${ROOT.replace(/[^\w]/g, '_')}.lock`);
const STALE_MS = 5 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Holds the package lock while `work` runs; a lock older than five minutes is a crashed holder's. */
function withLock<T>(work: () => T): T {
  for (const started = Date.now(); ; sleep(200)) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_MS) rmdirSync(LOCK);
      if (Date.now() - started > 2 * STALE_MS) throw new Error(`timed out waiting for ${LOCK}`);
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(LOCK);
  }
}

/**
 * Packages the service into `outDir` (zip + CloudFormation templates), with `params` as `--param=key=value`;
 * throws with sls's output on failure.
 */
export function packageService(outDir: string, params: readonly string[] = []): void {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  for (const key of Object.keys(env))
    if (key.startsWith('AWS_') && key !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') delete env[key];
  const sls = join(ROOT, 'node_modules', '.bin', 'sls');
  const result = withLock(() =>
    spawnSync(sls, ['package', '--package', outDir, ...params.map((p) => `--param=${p}`)], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 180_000,
    }),
  );
  if (result.status !== 0) {
    const why = result.error?.message ?? `exit ${result.status}`;
    throw new Error(`sls package failed (${why}):\n${result.stdout}\n${result.stderr}`);
  }
}
