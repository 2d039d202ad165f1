import { spawnSync } from 'node:child_process';
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
  readonly firstRunMs?: number;
}

const SCRIPT = `
const t0 = process.hrtime.bigint();
const { handler } = require(process.argv[1]);
const initMs = Number(process.hrtime.bigint() - t0) / 1e6;
const event = process.argv[2];
if (!event) console.log(JSON.stringify({ initMs }));
else {
  const t1 = process.hrtime.bigint();
  handler(JSON.parse(event)).then((report) => {
    const firstRunMs = Number(process.hrtime.bigint() - t1) / 1e6;
    console.log(JSON.stringify({ initMs, firstRunMs, status: report.status }));
  });
}`;

/** Loads the handler in a fresh Node process (config and clients are built then) and maybe runs it once. */
export function coldOnce(file: string, env: Env = {}, event?: unknown): ColdSample {
  const args = ['-e', SCRIPT, file, ...(event === undefined ? [] : [JSON.stringify(event)])];
  const run = spawnSync(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...HANDLER_ENV, ...env },
    encoding: 'utf8',
  });
  const lines = run.stdout.trim().split('\n');
  try {
    return JSON.parse(lines.at(-1) ?? '') as ColdSample;
  } catch {
    throw new Error(`loading ${file} failed (exit ${run.status}):\n${run.stderr}`);
  }
}

/** Spreads of init and first-run times per artifact. */
export interface ColdResult {
  readonly init: Spread;
  readonly firstRun?: Spread;
}

/**
 * `processes` fresh processes per artifact, interleaved so drift hits all alike; one unsampled
 * process each first, so every artifact is read from a warm page cache.
 */
export function cold(
  artifacts: readonly Artifact[],
  processes: number,
  env: Env = {},
  event?: unknown,
): Map<Artifact, ColdResult> {
  const samples = new Map<Artifact, ColdSample[]>(artifacts.map((a) => [a, []]));
  for (const a of artifacts) coldOnce(a.file, env, event);
  for (let i = 0; i < processes; i++) {
    for (const a of artifacts) samples.get(a)?.push(coldOnce(a.file, env, event));
  }
  return new Map(
    [...samples].map(([a, s]) => {
      const first = s.flatMap((x) => (x.firstRunMs === undefined ? [] : [x.firstRunMs]));
      return [
        a,
        { init: spread(s.map((x) => x.initMs)), ...(first.length ? { firstRun: spread(first) } : {}) },
      ];
    }),
  );
}
