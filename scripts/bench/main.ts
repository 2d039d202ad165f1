/**
 * `npm run bench`: API calls, sequential rounds and wall time per case against the local AWS API
 * emulator — one control (the default) and all fifteen (CONTROLS=all) — the pacing of the all-controls
 * cases whose time it sets, then bundle sizes and cold start of the deployed build and of the
 * SDK-external variant. Prints a markdown report and records it in docs/benchmarks.md. Targets are
 * reported beside the measurements; a missed target never fails the command.
 *
 * BENCH_RUNS (default 20) runs per case (at most SLOW_RUNS for the two slow all-controls cases),
 * BENCH_COLD (default 30) fresh processes per artifact.
 */
import { join } from 'node:path';
import { CONTROL } from '../lib/seed';
import { compliantAccount, runCases } from './cases';
import { runAllControls } from './cases-all';
import { cold } from './coldstart';
import { log } from './log';
import { pacingTable, STAMP_SLACK_MS, WINDOW_MS } from './pacing';
import { machine, recordInDoc, revision } from './record';
import { openSession } from './session';
import { buildArtifacts } from './size-and-cold';
import { bundleTable, casesTable, ratioLine } from './table';

function positive(name: string, fallback: number): number {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Cases first, then cold start on the compliant (unscaled) account; the emulator is stopped in any case. */
async function measureAll(root: string, runs: number, processes: number) {
  log('packaging the service and building the variants…');
  const artifacts = buildArtifacts(root);
  log('starting the emulator (installing it first when .venv/moto is missing)…');
  const session = await openSession(root);
  try {
    const single = await runCases(session, runs);
    const all = await runAllControls(session, runs, single);
    log(`cold start × ${processes} processes per artifact…`);
    await compliantAccount(session, false);
    const env = { ...session.env, SUBSCRIPTIONS: `email:${CONTROL.subscriber}` };
    const coldRuns = await cold(artifacts.rows, processes, env, session.event('schedule'));
    return {
      cases: [...single.cases, ...all.cases],
      paced: all.paced,
      artifacts,
      cold: coldRuns,
    };
  } finally {
    await session.faithful.close();
    await session.emulator.stop();
  }
}

type Measured = Awaited<ReturnType<typeof measureAll>>;

/** The external variant against the bundled one, when both were measured. */
function ratios(m: Measured): string[] {
  const bundled = m.artifacts.rows.find((r) => r.label.startsWith('SDK bundled'));
  const external = m.artifacts.rows.find((r) => r.label.includes('external'));
  return bundled && external ? [ratioLine(bundled, external, m.cold)] : [];
}

async function main(): Promise<void> {
  const root = process.cwd();
  const started = Date.now();
  const processes = positive('BENCH_COLD', 30);
  const measured = await measureAll(root, positive('BENCH_RUNS', 20), processes);
  const markdown = [
    `Measured ${revision(root)} on ${machine()}; the whole bench took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    '### API calls per run (local emulator)',
    '',
    casesTable(measured.cases),
    '',
    ...measured.paced.flatMap((c) => [`### Pacing: ${c.name} (n=${c.runs.length})`, '', pacingTable(c), '']),
    'Peaks are the highest of any run; "started in 1 s" counts starts less than ' +
      `${WINDOW_MS - STAMP_SLACK_MS} ms apart (the recorder stamps a call a moment after the pacing admits it).`,
    '',
    '### Bundle and cold start',
    '',
    bundleTable(measured.artifacts.rows, measured.cold),
    '',
    ...ratios(measured),
    ...measured.artifacts.notes,
    'Cold init = `require` of the handler module in a fresh `node` process (config and SDK clients are built then); ' +
      "first run = the handler's first invocation right after, on the compliant account in the emulator; " +
      `${processes} processes per artifact, interleaved.`,
  ].join('\n');
  console.log(markdown);
  recordInDoc(join(root, 'docs', 'benchmarks.md'), markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
