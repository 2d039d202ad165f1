/**
 * `npm run bench`: bundle size and cold init, then API calls, sequential rounds and wall time per
 * case against the local AWS API emulator. Prints a markdown report and records it in
 * docs/benchmarks.md. Targets are reported beside the measurements; a missed target never fails.
 *
 * BENCH_RUNS (default 20) runs per case, BENCH_COLD (default 20) processes per artifact.
 */
import { join } from 'node:path';
import { machine, recordInDoc } from './record';
import { benchBundle } from './size-and-cold';

function positive(name: string, fallback: number): number {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const root = process.cwd();
  const started = Date.now();
  const cold = positive('BENCH_COLD', 20);
  console.error(`bench: packaging and timing cold init (${cold} processes per artifact)…`);
  const bundle = benchBundle(root, cold);
  const markdown = [
    `Measured on ${machine()} in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    '### Bundle and cold start',
    '',
    bundle.markdown,
  ].join('\n');
  console.log(markdown);
  recordInDoc(join(root, 'docs', 'benchmarks.md'), markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
