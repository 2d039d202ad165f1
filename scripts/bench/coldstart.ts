import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Artifact } from './bundle';
import { type Spread, spread } from './stats';

type Env = Readonly<Record<string, string>>;

/** The environment a deployed handler module needs to load: a region; everything else defaults. */
const HANDLER_ENV: Env = {
  AWS_REGION: 'us-east-1',
  ENFORCER_ROLE_NAME: 'cis-monitoring-enforcer-prod-us-east-1',
  // Lambda runs Node 22, where the SDK emits no Node-version warning; Node 20 here would.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Cold init of one artifact and, when an event is given, the first handler run after it. */
export interface ColdSample {
  readonly initMs: number;
  /** Module files Node loaded for the handler (require.cache after loading it). */
  readonly modules: number;
  readonly firstRunMs?: number;
  /** The report status of the first run. */
  readonly status?: string;
}

/** Prefixes the child's result line: the handler logs its own JSON lines to stdout too. */
const MARK = 'bench-cold-start ';

const SCRIPT = `
const MARK = ${JSON.stringify(MARK)};
const t0 = process.hrtime.bigint();
const { handler } = require(process.argv[1]);
const initMs = Number(process.hrtime.bigint() - t0) / 1e6;
const modules = Object.keys(require.cache).length;
const event = process.argv[2];
const say = (result) => console.log(MARK + JSON.stringify(result));
if (!event) say({ initMs, modules });
else {
  const t1 = process.hrtime.bigint();
  handler(JSON.parse(event)).then((report) => {
    const firstRunMs = Number(process.hrtime.bigint() - t1) / 1e6;
    say({ initMs, modules, firstRunMs, status: report.status });
    process.exit(0); // idle keep-alive sockets to the emulator would hold the process open
  });
}`;

const run = promisify(execFile);

/**
 * Loads the handler in a fresh Node process (config and clients are built then) and maybe runs it
 * once. Asynchronous on purpose: the emulator's output pipe is drained by this process's event loop.
 */
export async function coldOnce(file: string, env: Env = {}, event?: unknown): Promise<ColdSample> {
  const args = ['-e', SCRIPT, file, ...(event === undefined ? [] : [JSON.stringify(event)])];
  const options = { env: { PATH: process.env.PATH ?? '', ...HANDLER_ENV, ...env }, maxBuffer: 16 << 20 };
  const out = await run(process.execPath, args, options).catch((error: unknown) => {
    throw new Error(`loading ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  const line = out.stdout.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`loading ${file} printed no result:\n${out.stderr}`);
  return JSON.parse(line.slice(MARK.length)) as ColdSample;
}

/** Spreads of init and first-run times per artifact. */
export interface ColdResult {
  readonly init: Spread;
  readonly firstRun?: Spread;
  /** Init plus first run, per process: the cold start a triggered invocation pays. */
  readonly total?: Spread;
  /** Distinct report statuses of the first runs. */
  readonly statuses: string;
  /** Module files loaded at init (the most seen). */
  readonly modules: number;
}

/**
 * `processes` fresh processes per artifact, interleaved so drift hits all alike; one unsampled
 * process each first, so every artifact is read from a warm page cache.
 */
export async function cold(
  artifacts: readonly Artifact[],
  processes: number,
  env: Env = {},
  event?: unknown,
): Promise<Map<Artifact, ColdResult>> {
  const samples = new Map<Artifact, ColdSample[]>(artifacts.map((a) => [a, []]));
  for (const a of artifacts) await coldOnce(a.file, env, event);
  for (let i = 0; i < processes; i++) {
    for (const a of artifacts) samples.get(a)?.push(await coldOnce(a.file, env, event));
  }
  return new Map(
    [...samples].map(([a, s]) => {
      const first = s.flatMap((x) => (x.firstRunMs === undefined ? [] : [x.firstRunMs]));
      const total = s.flatMap((x) => (x.firstRunMs === undefined ? [] : [x.initMs + x.firstRunMs]));
      const statuses = [...new Set(s.flatMap((x) => (x.status ? [x.status] : [])))].join(', ');
      const init = spread(s.map((x) => x.initMs));
      const modules = Math.max(0, ...s.map((x) => x.modules));
      const result: ColdResult = {
        init,
        statuses,
        modules,
        ...(first.length ? { firstRun: spread(first), total: spread(total) } : {}),
      };
      return [a, result];
    }),
  );
}
