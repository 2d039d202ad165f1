import { apply } from './apply';
import type { Clients } from './clients';
import type { Config } from './config';
import { type Discovery, recheckTrail } from './discover';
import { type StepError, toStepError } from './errors';
import type { Trigger } from './events';
import type { ActualState, DesiredState, TrailView } from './model';
import { noticeOf } from './notify/notice';
import type { CloudTrailRequest } from './notify/request';
import type { Observation } from './observe';
import { withFeeders } from './observe-filters';
import { type Finding, type Plan, plan } from './plan';
import { droppedActionNews } from './plan/alarm';
import { discoverAndRead, type Reads, readState } from './reads';
import { baseReport, type Report, reportChange, statusOf } from './report';
import { placeNews, trailFindings, withNews } from './trail-news';
import { type Assessment, assessControl } from './verdict';

/** What a run needs from outside: clients built once per cold start, the validated configuration. */
export interface Deps {
  readonly clients: Clients;
  readonly config: Config;
  readonly now?: () => number;
}

interface Pass {
  readonly actual: ActualState & Pick<Observation, 'filters'>;
  readonly plan: Plan;
  readonly errors: readonly StepError[];
  readonly ourMetricAlarms: Reads['ourMetricAlarms'];
}

function passOf(desired: DesiredState, trail: TrailView, reads: Reads): Pass {
  const observed = withFeeders(reads.observation, reads.ourMetricFeeders);
  const actual = { ...observed, trail };
  return {
    actual,
    plan: plan(desired, actual),
    errors: observed.errors,
    ourMetricAlarms: reads.ourMetricAlarms,
  };
}

/** The pass with the blocking findings about its trail added (they keep the control from holding). */
function withFindings(pass: Pass, findings: readonly Finding[]): Pass {
  if (findings.length === 0) return pass;
  return { ...pass, plan: { ...pass.plan, findings: [...pass.plan.findings, ...findings] } };
}

/** The trail as it is after apply: re-read only when apply restarted its logging (the same trail). */
async function trailAfter(deps: Deps, before: Discovery, restarted: boolean): Promise<TrailView | undefined> {
  if (!restarted || !before.trail) return before.trail;
  return recheckTrail(deps.clients, deps.config, before.trail.arn);
}

type Fields = Partial<Report> & Pick<Report, 'status'>;

/** What the steps of one run share once a trail qualifies. */
interface Run {
  readonly deps: Deps;
  readonly desired: DesiredState;
  readonly where: Pick<Report, 'accountId' | 'trail' | 'logGroup'>;
  readonly judge: (p: Pass) => Promise<Assessment>;
  /** Blocking findings about the chosen trail (selectors it cannot judge, two homes of our filter). */
  readonly trailFindings: readonly Finding[];
  /** News of this run's choice of trail (a change of trail or log group). */
  readonly news: readonly string[];
  /** News, the touch and the alert's audience, from a pass and the triggering call. */
  readonly notice: (p: Pass) => ReturnType<typeof noticeOf>;
}

/** Nothing to write (compliant), or a dry run: the first observation is the answer. */
async function reportFirst(run: Run, first: Pass, dryRun: boolean): Promise<Fields> {
  const status = statusOf({ ...first.plan, errors: first.errors, persisting: [], dryRun });
  const fields = withVerdict(summarise(first.plan), await run.judge(first));
  return { status, ...run.where, ...fields, ...run.notice(first), errors: first.errors };
}

/** Applies the plan, observes again and reports what holds now (DRIFT_PERSISTS if the plan is not empty). */
async function repairAndVerify(
  run: Run,
  discovery: Discovery,
  trail: TrailView,
  first: Pass,
): Promise<Fields> {
  const { deps, desired } = run;
  const applied = await apply(deps.clients, first.plan.changes);
  const restarted = applied.applied.some((c) => c.resource === 'trail');
  const trailNow = (await trailAfter(deps, discovery, restarted)) ?? { ...trail, isLogging: false };
  const second = withFindings(
    passOf(desired, trailNow, await readState(deps.clients, desired)),
    run.trailFindings,
  );
  const errors = distinct([...first.errors, ...applied.errors, ...second.errors]);
  const persisting = second.plan.changes;
  const { findings } = second.plan;
  const status = statusOf({ findings, changes: applied.applied, errors, persisting, dryRun: false });
  const fields = { changes: applied.applied.map(reportChange), findings: findings.map((f) => f.message) };
  const verdict = withVerdict(fields, await run.judge(second));
  return withNews(
    {
      status,
      ...run.where,
      ...verdict,
      ...run.notice(second),
      ...(persisting.length ? { remaining: persisting.map(reportChange) } : {}),
      errors,
    },
    droppedActionNews(applied.applied),
  );
}

/**
 * One level-based run: discover → observe → plan → apply → observe again; never throws. The first
 * observation overlaps the second half of discovery (see `discoverAndRead`). `request` (the CloudTrail
 * call that triggered it) decides what the run tells as news: a touch, who added a subscriber.
 */
export async function reconcile(
  deps: Deps,
  trigger: Trigger,
  dryRun: boolean,
  request?: CloudTrailRequest,
): Promise<Report> {
  const now = deps.now ?? Date.now;
  const started = now();
  const base = baseReport(deps.config, trigger, dryRun);
  const finish = (fields: Fields): Report => ({ ...base, ...fields, durationMs: now() - started });
  try {
    const { discovery, found } = await discoverAndRead(deps.clients, deps.config);
    const { accountId } = discovery;
    if (!found) {
      const hint = discovery.regionHint ? { regionHint: discovery.regionHint } : {};
      return finish({ status: 'NON_COMPLIANT', accountId, findings: discovery.problems, ...hint });
    }
    const { trail, desired } = found;
    const verify = deps.config.verifyWithTestMetricFilter;
    const run: Run = {
      deps,
      desired,
      where: { accountId, trail: trail.arn, logGroup: trail.logGroupName },
      judge: (p) => assessControl(deps.clients, desired, p.actual, verify, p.ourMetricAlarms),
      trailFindings: trailFindings(discovery, trail),
      news: placeNews(deps.config, discovery, trail),
      notice: (p) => noticeOf({ desired, trail, actual: p.actual, trigger, request }),
    };
    const first = withFindings(passOf(desired, trail, found.reads), run.trailFindings);
    if (dryRun || first.plan.changes.length === 0) {
      return finish(withNews(await reportFirst(run, first, dryRun), run.news));
    }
    return finish(withNews(await repairAndVerify(run, discovery, trail, first), run.news));
  } catch (error) {
    return finish({ status: 'ERROR', errors: [toStepError('reconcile', error)] });
  }
}

/** Each failure once: a read that fails in both observations is one problem, not two. */
function distinct(errors: readonly StepError[]): StepError[] {
  const key = (e: StepError) => [e.step, e.action, e.resource, e.code].join('\n');
  return errors.filter((e, i) => errors.findIndex((other) => key(other) === key(e)) === i);
}

function summarise(p: Plan): Pick<Report, 'changes' | 'findings'> {
  return { changes: p.changes.map(reportChange), findings: p.findings.map((f) => f.message) };
}

/** Adds the account-wide verdict (judged on the last observation) and its findings to the report fields. */
function withVerdict(fields: Pick<Report, 'changes' | 'findings'>, judged: Assessment) {
  const { verdict, controlSatisfiedBy } = judged;
  return { ...fields, findings: [...fields.findings, ...judged.findings], controlSatisfiedBy, verdict };
}
