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

async function filterCount(s: Session): Promise<number> {
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
 * Observations of the log group in a sample: each makes two DescribeMetricFilters calls of one page on a
 * small log group (the group's filters, and the region's filters writing to our metric, by metric).
 */
const filterReads = (runs: readonly RunSample[]): number =>
  (runs[0]?.calls.filter((c) => c.operation === 'DescribeMetricFilters').length ?? 0) / 2;

/**
 * The scale twin of a case: flat means the same calls, plus the one extra DescribeMetricFilters page
 * per observation that a log group holding 100 filters forces (the API returns at most 50 a page).
 */
function flatTargets(base: CaseResult): CaseResult['targets'] {
  const s = summarise(base);
  const pages = filterReads(base.runs);
  const note = `flat: ${base.name} + ${pages} forced filter page${pages === 1 ? '' : 's'}`;
  return {
    calls: { max: s.calls.max + pages, note },
    writes: { max: s.writes.max },
    rounds: { max: s.rounds.max + pages },
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

/** Every case, in an order that reuses seeded state: compliant, tamper, repair, then the scale pair. */
export async function runCases(s: Session, runs: number): Promise<CaseResult[]> {
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
  return [base, repair, tampered, scaleBase, scaleTampered];
}
