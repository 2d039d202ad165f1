import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL, seedAccount, seedControl, TRAIL } from '../lib/seed';
import { log } from './log';
import { SCALE, seedScale } from './scale';
import { measure, runOnce, type Session } from './session';
import { type CaseResult, type RunSample, summarise } from './table';

/** Targets of issue 7 for a compliant run and a repair from scratch. */
export const TARGETS = { compliantCalls: 8, compliantRounds: 3, repairCalls: 10 } as const;

/** Seeds the trail, the user's resources and the control (and the scale case), then lets the enforcer converge once. */
export async function compliantAccount(s: Session, scale: boolean): Promise<void> {
  await s.reset();
  await seedAccount(s.account, s.human);
  if (scale) {
    const started = Date.now();
    await seedScale(s.account);
    log(
      `seeded ${SCALE.filters} filters, ${SCALE.alarms} alarms, ${SCALE.topics} topics in ${Date.now() - started} ms`,
    );
  }
  await seedControl(s.account, s.human);
  const converged = await runOnce(s, s.event('schedule'));
  if (scale) log(`converged (${converged.status}); the log group holds ${await filterCount(s)} filters`);
}

/** Filters on the trail's log group, every page. */
export async function filterCount(s: Session): Promise<number> {
  let n = 0;
  const input = { logGroupName: TRAIL.logGroupName };
  for await (const page of paginateDescribeMetricFilters({ client: s.account.logs }, input)) {
    n += page.metricFilters?.length ?? 0;
  }
  return n;
}

const deleteAlarm = (s: Session) => () =>
  s.account.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] }));

/**
 * Observations in a sample: on a small account each makes two DescribeMetricFilters calls of one page
 * (the log group's filters, and the region's first page, which then holds every filter of the region).
 */
const observations = (runs: readonly RunSample[]): number =>
  (runs[0]?.calls.filter((c) => c.operation === 'DescribeMetricFilters').length ?? 0) / 2;

/**
 * The scale twin of a case: flat means the same calls, plus what a log group holding 100 filters forces
 * per observation: a second page of its filters (AWS returns at most 50 a page), which waits for the
 * first (a round), and one DescribeMetricFilters by our metric, since the region's first page no longer
 * holds every filter (read beside the observation, no round).
 */
function flatTargets(base: CaseResult): CaseResult['targets'] {
  const s = summarise(base);
  const n = observations(base.runs);
  const note = `flat: ${base.name} + ${n} forced filter page${n === 1 ? '' : 's'} + ${n} feeder read${n === 1 ? '' : 's'}`;
  return {
    calls: { max: s.calls.max + 2 * n, note },
    writes: { max: s.writes.max },
    rounds: { max: s.rounds.max + n },
  };
}

const NO_TARGET: CaseResult['targets'] = { calls: {}, writes: {}, rounds: {} };

/** Runs one case: `runs` measured runs of `event`, `before` preparing the account before each. */
async function runCase(
  s: Session,
  runs: number,
  c: { name: string; event: string; targets?: CaseResult['targets']; before?: () => Promise<unknown> },
): Promise<CaseResult> {
  log(`${c.name} × ${runs}`);
  const samples = await measure(s, runs, s.event(c.event), c.before);
  return { name: c.name, targets: c.targets ?? NO_TARGET, runs: samples };
}

/** The single-control cases, and the two the all-controls cases are compared with. */
export interface SingleCases {
  readonly cases: readonly CaseResult[];
  readonly tampered: CaseResult;
  readonly repair: CaseResult;
}

/**
 * Every single-control case, in an order that reuses seeded state: compliant, tamper, repair, then the
 * scale pair. The account is left at scale.
 */
export async function runCases(s: Session, runs: number): Promise<SingleCases> {
  const subs = s.config.subscriptions.length;
  const compliantTargets = {
    calls: { max: TARGETS.compliantCalls },
    writes: { max: 0 },
    rounds: { max: TARGETS.compliantRounds },
  };
  const repairTargets = {
    ...NO_TARGET,
    calls: { max: TARGETS.repairCalls + subs, note: `10 + ${subs} subscription` },
  };
  const fresh = async () => {
    await s.reset();
    await seedAccount(s.account, s.human);
  };
  const tamper = {
    name: 'one tamper: alarm deleted',
    event: 'cloudtrail-delete-alarms',
    before: deleteAlarm(s),
  };
  await compliantAccount(s, false);
  const base = await runCase(s, runs, { name: 'compliant', event: 'schedule', targets: compliantTargets });
  // The same account on an event (someone else's alarm deleted): an event-driven run reads no alarm
  // history, so it costs what a compliant run cost before the sweep's history read.
  const onEvent = await runCase(s, runs, {
    name: 'compliant, event-driven',
    event: 'cloudtrail-delete-user-alarm',
    targets: compliantTargets,
  });
  const tampered = await runCase(s, runs, tamper);
  const repair = await runCase(s, runs, {
    name: 'repair from scratch',
    event: 'schedule',
    targets: repairTargets,
    before: fresh,
  });
  await compliantAccount(s, true);
  const atScale = { name: 'scale: compliant', event: 'schedule', targets: flatTargets(base) };
  const scaleBase = await runCase(s, runs, atScale);
  const scaleTampered = await runCase(s, runs, {
    ...tamper,
    name: 'scale: one tamper',
    targets: flatTargets(tampered),
  });
  return { cases: [base, onEvent, repair, tampered, scaleBase, scaleTampered], tampered, repair };
}
