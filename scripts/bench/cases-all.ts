import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL_SPECS } from '../../src/catalog/specs';
import type { Report } from '../../src/report';
import { runEvent } from '../../src/triggers/run';
import { CONTROL, NothingToConfirmError, seedAccount, seedTrail, TRAIL } from '../lib/seed';
import { filterCount, type SingleCases } from './cases';
import { log } from './log';
import { SCALE } from './scale';
import { measure, runOnce, type Session, withSettings } from './session';
import { type CaseResult, type Limit, summarise } from './table';

/**
 * Targets of the family issue (13, item 7) for a run keeping all fifteen controls: a compliant run costs
 * what a single-control run costs when only the enforcer's chains exist, plus at most 2 reads (the alarms on
 * its metric, its topic's subscribers) for each other chain the verdict judges.
 */
export const ALL_TARGETS = { compliantCalls: 8, compliantRounds: 3, readsPerOtherChain: 2 } as const;

/** Runs of the slow all-controls cases at most: a repair from scratch takes about 8 s (15 alarms paced). */
export const SLOW_RUNS = 5;

const NONE: Limit = {};
const NO_TARGETS: CaseResult['targets'] = { calls: NONE, writes: NONE, rounds: NONE };
const FURTHER = CONTROL_SPECS.length - 1;

/** Chains of someone else that the verdicts of a report judged (ours excluded), over every control. */
const otherChains = (report: Report): number =>
  (report.controls ?? []).reduce((n, p) => n + (p.verdict?.chains ?? []).filter((c) => !c.ours).length, 0);

/**
 * Lets the enforcer with CONTROLS=all build every chain, the owner confirm the subscription and one
 * more run converge; returns how many chains of the user the converged run judged.
 */
async function converge(all: Session): Promise<number> {
  await runOnce(all, all.event('schedule'));
  await all.human.confirm(CONTROL.topicArn, CONTROL.subscriber).catch((error: unknown) => {
    if (!(error instanceof NothingToConfirmError)) throw error; // at scale it was confirmed before
  });
  const report = await runEvent(all.deps, all.event('schedule'));
  const group = await filterCount(all);
  log(`all controls: ${report.status}, ${otherChains(report)} chains of the user judged, ${group} filters`);
  return otherChains(report);
}

async function runCase(
  s: Session,
  runs: number,
  c: { name: string; event: string; targets: CaseResult['targets']; before?: () => Promise<unknown> },
): Promise<CaseResult> {
  log(`${c.name} × ${runs}`);
  return { name: c.name, targets: c.targets, runs: await measure(s, runs, s.event(c.event), c.before) };
}

/** A compliant run: 8 calls in 3 rounds with the enforcer's chains alone, + 2 reads per other chain judged. */
function compliantTargets(others: number): CaseResult['targets'] {
  const max = ALL_TARGETS.compliantCalls + ALL_TARGETS.readsPerOtherChain * others;
  return {
    calls: { max, ...(others ? { note: `8 + 2 × ${others} other chains` } : {}) },
    writes: { max: 0 },
    rounds: others ? NONE : { max: ALL_TARGETS.compliantRounds },
  };
}

/** Flat: the unscaled case plus what one observation pays at scale (a filter page and its round, a feeder read). */
function scaleTargets(unscaled: CaseResult): CaseResult['targets'] {
  const s = summarise(unscaled);
  const note = `flat: ${unscaled.name} + 1 forced filter page + 1 feeder read`;
  return { calls: { max: s.calls.max + 2, note }, writes: { max: 0 }, rounds: { max: s.rounds.max + 1 } };
}

/** The same count as a single-control case: reads do not grow with the controls kept. */
const flatAs = (single: CaseResult, extra = 0, why = ''): Limit => ({
  max: summarise(single).calls.max + extra,
  note: `flat: ${single.name}${why}`,
});

/** The bench filters seedScale numbered last: deleting fourteen makes room for the other controls' filters. */
const lastBenchFilters = (count: number) =>
  Array.from({ length: count }, (_, i) => `bench-filter-${String(SCALE.filters - 1 - i).padStart(4, '0')}`);

/**
 * Compliant at scale, on the account the single-control scale cases leave (the user's monitoring, 99
 * other filters with ours, 5,000 alarms, 500 topics): the last fourteen bench filters make room, so the
 * log group holds 100 filters (the quota) once the enforcer has built the other fourteen chains.
 */
async function atScale(all: Session, runs: number): Promise<CaseResult> {
  for (const filterName of lastBenchFilters(FURTHER)) {
    await all.account.logs.send(
      new DeleteMetricFilterCommand({ logGroupName: TRAIL.logGroupName, filterName }),
    );
  }
  await converge(all);
  const name = "scale: all 15 compliant, the user's chains too";
  return runCase(all, Math.min(runs, SLOW_RUNS), { name, event: 'schedule', targets: NO_TARGETS });
}

/**
 * The all-controls cases (CONTROLS=all), after the single-control ones (`single`, whose scale account
 * they start from): compliant at scale; compliant with only the enforcer's chains and one tamper there
 * (the 4.10 alarm deleted); compliant with the user's monitoring too (its chains hold 4.3 and 4.6); a
 * repair from scratch (the trail alone before each run). Returns them in table order, and the two whose
 * time the pacing sets.
 */
export async function runAllControls(s: Session, runs: number, single: SingleCases) {
  const all = withSettings(s, { CONTROLS: 'all' });
  const scaled = await atScale(all, runs);
  const [compliant, tamper] = await enforcerOnly(all, runs, single.tampered);
  await all.reset();
  await seedAccount(all.account, all.human);
  const others = await converge(all);
  const name = "all 15: compliant, the user's chains too";
  const withUser = await runCase(all, runs, { name, event: 'schedule', targets: compliantTargets(others) });
  const repair = await fromScratch(all, runs, single.repair);
  const scaledWithTargets = { ...scaled, targets: scaleTargets(withUser) };
  return {
    cases: [compliant, withUser, tamper, repair, scaledWithTargets],
    paced: [repair, scaledWithTargets],
  };
}

/** Compliant with only the enforcer's chains, then one tamper there (as flat as `single`'s tamper). */
async function enforcerOnly(
  all: Session,
  runs: number,
  single: CaseResult,
): Promise<[CaseResult, CaseResult]> {
  await all.reset();
  await seedTrail(all.account);
  await converge(all);
  const targets = compliantTargets(0);
  const compliant = await runCase(all, runs, { name: 'all 15: compliant', event: 'schedule', targets });
  const deleteAlarm = () =>
    all.account.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] }));
  const tamper = await runCase(all, runs, {
    name: 'all 15: one tamper: 4.10 alarm deleted',
    event: 'cloudtrail-delete-alarms',
    targets: {
      calls: flatAs(single),
      writes: { max: 2, note: 'the one alarm + the alert' },
      rounds: { max: summarise(single).rounds.max },
    },
    before: deleteAlarm,
  });
  return [compliant, tamper];
}

/** A repair from scratch (the trail alone before each run): the single-control reads, 2 writes per further control. */
function fromScratch(all: Session, runs: number, single: CaseResult): Promise<CaseResult> {
  const fresh = async () => {
    await all.reset();
    await seedTrail(all.account);
  };
  const calls = flatAs(single, 2 * FURTHER, ` + 2 writes × ${FURTHER} further controls`);
  return runCase(all, Math.min(runs, SLOW_RUNS), {
    name: 'all 15: repair from scratch',
    event: 'schedule',
    targets: { ...NO_TARGETS, calls },
    before: fresh,
  });
}
