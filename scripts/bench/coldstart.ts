import { spawnSync } from 'node:child_process';
import type { Artifact } from './bundle';
import { type Spread, spread } from './stats';

/** The environment a deployed handler module needs to load: a region; everything else defaults. */
const HANDLER_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
  ENFORCER_ROLE_NAME: 'cis-monitoring-enforcer-prod-us-east-1',
};

/** Milliseconds to `require` the module in a fresh Node process (config and clients are built then). */
export function coldInitOnce(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const run = spawnSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', ...HANDLER_ENV },
    encoding: 'utf8',
  });
  const ms = Number.parseFloat(run.stdout.trim());
  if (run.status !== 0 || !Number.isFinite(ms)) throw new Error(`loading ${file} failed:\n${run.stderr}`);
  return ms;
}

/** Cold init of each artifact over `processes` fresh processes each, interleaved so drift hits all alike. */
export function coldInit(artifacts: readonly Artifact[], processes: number): Map<Artifact, Spread> {
  const samples = new Map<Artifact, number[]>(artifacts.map((a) => [a, []]));
  for (const a of artifacts) coldInitOnce(a.file); // warm the page cache once, outside the sample
  for (let i = 0; i < processes; i++) {
    for (const a of artifacts) samples.get(a)?.push(coldInitOnce(a.file));
  }
  return new Map([...samples].map(([a, ms]) => [a, spread(ms)]));
}
