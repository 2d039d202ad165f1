import { applyEach } from './apply';
import type { Clients } from './aws/clients';
import { type StepError, toStepError } from './aws/errors';
import { paced } from './aws/pace';
import type { Config, ControlConfig } from './config';
import { type Discovery, recheckTrail } from './discover';
import { noTrailReport } from './discover/applicable';
import { placeNews, trailFindings, withNews } from './discover/news';
import type { ActualState, DesiredState, TrailView } from './model';
import { noticeOf } from './notify/notice';
import type { CloudTrailRequest } from './notify/request';
import type { Observation } from './observe';
import { withFeeders } from './observe/filters';
import { discoverAndRead, type Reads, readStates } from './observe/reads';
import { shareReads } from './observe/shared-reads';
import { changeKey, type Finding, type Plan, plan } from './plan';
import {
  adoptedPlan,
  bothHoldFinding,
  type ExistingChains,
  heldByOthers,
  takeoverNews,
  wouldBuild,
} from './plan/adopt';
import { droppedActionNews } from './plan/alarm';
import { historyOutcomes, historySettled, readsActionHistory, startHistoryReads } from './plan/alarm-actions';
import { baseReport, type ControlPart, combineParts, type Report, reportChange, statusOf } from './report';
import type { Trigger } from './triggers/events';
import { type Assessment, assessControl } from './verdict';

/** What a run needs from outside: clients built once per cold start, the validated configuration. */
export interface Deps {
  readonly clients: Clients;
  readonly config: Config;
  readonly now?: () => number;
}

interface Pass {
  readonly actual: ActualState & Pick<Observation, 'filters'> & Pick<Reads, 'regionFilters'>;
  readonly plan: Plan;
  readonly errors: readonly StepError[];
  readonly ourMetricAlarms: Reads['ourMetricAlarms'];
}

function passOf(desired: DesiredState, trail: TrailView, reads: Reads, findings: readonly Finding[]): Pass {
  const observed = withFeeders(reads.observation, reads.ourMetricFeeders);
  const region = reads.regionFilters ? { regionFilters: reads.regionFilters } : {};
  const actual = { ...observed, ...region, trail };
  const planned = plan(desired, actual);
  return {
    actual,
    // The blocking findings about the trail keep every control from holding.
    plan: findings.length ? { ...planned, findings: [...planned.findings, ...findings] } : planned,
    errors: observed.errors,
    ourMetricAlarms: reads.ourMetricAlarms,
  };
}

/** The trail as it is after apply: re-read only when apply restarted its logging (the same trail). */
async function trailAfter(deps: Deps, before: Discovery, restarted: boolean): Promise<TrailView | undefined> {
  if (!restarted || !before.trail) return before.trail;
  return recheckTrail(deps.clients, deps.config, before.trail.arn);
}

type Fields = Partial<Report> & Pick<Report, 'status'>;

/** One selected control in this run: its configuration, desired state and how it is judged and told. */
interface ControlRun {
  readonly selected: ControlConfig;
  readonly desired: DesiredState;
  /** The account-wide verdict on a pass, read through `clients` (shared by the judgements of one moment). */
  readonly judge: (p: Pass, clients: Clients) => Promise<Assessment>;
  /** News, the touch and the alert's audience, from a pass and the triggering call. */
  readonly notice: (p: Pass) => ReturnType<typeof noticeOf>;
}

/** What the steps of one run share once a trail qualifies. */
interface Run {
  readonly deps: Deps;
  readonly trail: TrailView;
  readonly where: Pick<Report, 'accountId' | 'trail' | 'logGroup'>;
  /** Blocking findings about the chosen trail (selectors it cannot judge, two homes of our filter). */
  readonly trailFindings: readonly Finding[];
  /** Per control id: failed notifications in its alarm's history (sweep and manual runs only). */
  readonly actionFindings?: ReadonlyMap<string, readonly Finding[]>;
  readonly controls: readonly ControlRun[];
  readonly existingChains: ExistingChains;
  /** Per control: the verdict judged on the first observation, when adoption needed it before planning. */
  readonly early: readonly (Assessment | undefined)[];
  /** Per control: true when another chain holds it and the enforcer builds nothing for it. */
  readonly adopted: readonly boolean[];
}

/** The blocking findings about the trail for one control: the run's, and its events the trail leaves out. */
function findingsFor(
  run: Pick<Run, 'trailFindings' | 'actionFindings'>,
  control: ControlRun,
  trail: TrailView,
): readonly Finding[] {
  const id = control.selected.control.id;
  const missed = trail.unrecorded && Object.hasOwn(trail.unrecorded, id) ? trail.unrecorded[id] : undefined;
  const unrecorded: Finding[] = missed
    ? [{ code: 'trail-events-missing', message: missed, blocking: true }]
    : [];
  return [...run.trailFindings, ...unrecorded, ...(run.actionFindings?.get(id) ?? [])];
}

/** A control's part of the report: its fields and which control it is. */
type Part = Fields & Pick<ControlPart, 'control' | 'key'>;

const named = (control: ControlRun, fields: Fields): Part => ({
  ...fields,
  control: control.selected.control.id,
  key: control.selected.control.key,
});

/**
 * Nothing to write (compliant, or held by another chain), or a dry run: the first observation is the
 * answer. `early` is the verdict already judged on it, when adoption asked for it.
 */
async function reportFirst(
  run: Run,
  at: number,
  first: Pass,
  dryRun: boolean,
  judging: Clients,
): Promise<Part> {
  const control = run.controls[at] as ControlRun;
  const early = run.early[at];
  const status = statusOf({ ...first.plan, errors: first.errors, persisting: [], dryRun });
  const judged = early ?? (await control.judge(first, judging));
  const fields = withVerdict(summarise(first.plan), judged, control, run.existingChains);
  const held = run.adopted[at] ? { heldBy: heldByOthers(early, control.desired) } : {};
  return named(control, { status, ...fields, ...held, ...control.notice(first), errors: first.errors });
}

/**
 * Applies every control's plan at once (each shared write once: trail, topic, policy, subscriptions),
 * observes every control again and reports, per control, what holds now (DRIFT_PERSISTS if its plan is
 * not empty).
 */
async function repairAndVerify(run: Run, discovery: Discovery, firsts: readonly Pass[]): Promise<Part[]> {
  const { deps } = run;
  const building = run.controls.filter((_, i) => !run.adopted[i]);
  const outcomes = await applyEach(
    deps.clients,
    firsts.flatMap((p) => p.plan.changes),
  );
  const restarted = outcomes.some((o) => o.ok && o.change.resource === 'trail');
  const trailNow = (await trailAfter(deps, discovery, restarted)) ?? { ...run.trail, isLogging: false };
  // Controls another chain holds were decided on the first observation: only the others are read again.
  const reads = await readStates(
    deps.clients,
    building.map((c) => c.desired),
  );
  const judging = shareReads(deps.clients);
  return Promise.all(
    run.controls.map(async (control, i): Promise<Part> => {
      const first = firsts[i] as Pass;
      if (run.adopted[i]) return reportFirst(run, i, first, false, judging);
      const read = reads[building.indexOf(control)] as Reads;
      const second = passOf(control.desired, trailNow, read, findingsFor(run, control, trailNow));
      const mine = new Set(first.plan.changes.map(changeKey));
      const ownOutcomes = outcomes.filter((o) => mine.has(changeKey(o.change)));
      const applied = ownOutcomes.flatMap((o) => (o.ok ? [o.change] : []));
      const applyErrors = ownOutcomes.flatMap((o) => (o.ok ? [] : [o.error]));
      const errors = distinct([...first.errors, ...applyErrors, ...second.errors]);
      const persisting = second.plan.changes;
      const { findings } = second.plan;
      const status = statusOf({ findings, changes: applied, errors, persisting, dryRun: false });
      const fields = { changes: applied.map(reportChange), findings: findings.map((f) => f.message) };
      const verdict = withVerdict(fields, await control.judge(second, judging), control, run.existingChains);
      const part = {
        status,
        ...verdict,
        ...control.notice(second),
        ...(persisting.length ? { remaining: persisting.map(reportChange) } : {}),
        errors,
      };
      const built = applied.some((c) => c.resource === 'metric-filter' || c.resource === 'alarm');
      const takeover = built ? takeoverNews(control.selected.control.id, run.early[i], control.desired) : [];
      return named(control, withNews(part, [...takeover, ...droppedActionNews(applied)]));
    }),
  );
}

/**
 * One level-based run for every selected control: discover → observe → plan → apply → observe again;
 * never throws. The first observation overlaps the second half of discovery (see `discoverAndRead`);
 * the controls share the trail, the topic and each read and write they have in common. `request` (the
 * CloudTrail call that triggered it) decides what the run tells as news: a touch, who added a subscriber.
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
  // Each API this run calls is paced under AWS's request-rate quota (src/aws/pace.ts, docs/quotas.md):
  // fifteen controls' reads and writes never throttle each other. Runs are apart; a run paces itself.
  deps = { ...deps, clients: paced(deps.clients) };
  // The alarms' action history needs no discovery: read beside it, within the run's rounds.
  const history = readsActionHistory(trigger)
    ? startHistoryReads(deps.clients, deps.config.controls, started)
    : undefined;
  const finish = (fields: Fields): Report => ({ ...base, ...fields, durationMs: now() - started });
  try {
    const { discovery, found, region } = await discoverAndRead(deps.clients, deps.config);
    const { accountId } = discovery;
    // No trail qualifies: NON_COMPLIANT, or NOT_APPLICABLE when the trails serve another account or region.
    if (!found) return finish(await noTrailReport(deps.clients, deps.config, discovery, region));
    const { trail } = found;
    const verify = deps.config.verifyWithTestMetricFilter;
    const controls = found.controls.map(
      ({ selected, desired }): ControlRun => ({
        selected,
        desired,
        judge: (p, clients) => assessControl(clients, desired, p.actual, verify, p.ourMetricAlarms),
        notice: (p) => noticeOf({ desired, trail, actual: p.actual, trigger, request }),
      }),
    );
    const histories = await historyOutcomes(history, found.controls);
    const actionFindings = new Map(
      controls.map((c, i) => [c.selected.control.id, histories[i]?.findings ?? []]),
    );
    const shared = { deps, trail, controls, trailFindings: trailFindings(discovery, trail), actionFindings };
    const news = placeNews(deps.config, discovery, trail);
    const planned = found.controls.map((c, i) =>
      passOf(
        c.desired,
        trail,
        withReadErrors(c.reads, histories[i]?.errors ?? []),
        findingsFor(shared, controls[i] as ControlRun, trail),
      ),
    );
    // Adoption: a control the run would build from nothing is judged first; another chain holding it
    // means nothing of ours is built for it (DESIGN rule 10).
    const existingChains = deps.config.existingChains;
    const judging = shareReads(deps.clients);
    const early = await Promise.all(
      controls.map((c, i) => {
        const p = planned[i] as Pass;
        return existingChains === 'adopt' && wouldBuild(p.plan, p.actual) ? c.judge(p, judging) : undefined;
      }),
    );
    const adopted = early.map(
      (judged, i) => heldByOthers(judged, (controls[i] as ControlRun).desired).length > 0,
    );
    const firsts = planned.map((p, i) =>
      adopted[i] ? { ...p, plan: adoptedPlan(findingsFor(shared, controls[i] as ControlRun, trail)) } : p,
    );
    const run: Run = {
      ...shared,
      where: { accountId, trail: trail.arn, logGroup: trail.logGroupName },
      existingChains,
      early,
      adopted,
    };
    const parts =
      dryRun || firsts.every((p) => p.plan.changes.length === 0)
        ? await Promise.all(firsts.map((p, i) => reportFirst(run, i, p, dryRun, judging)))
        : await repairAndVerify(run, discovery, firsts);
    return finish(withNews({ ...run.where, ...combineParts(parts) }, news));
  } catch (error) {
    return finish({ status: 'ERROR', errors: [toStepError('reconcile', error)] });
  } finally {
    // Nothing left running: a run that ends early (no trail, discovery failed) still waits for them.
    await historySettled(history);
  }
}

/** The reads with more failed reads of this pass (the alarm's history): the run reports them as errors. */
function withReadErrors(reads: Reads, errors: readonly StepError[]): Reads {
  if (errors.length === 0) return reads;
  return {
    ...reads,
    observation: { ...reads.observation, errors: [...reads.observation.errors, ...errors] },
  };
}

/** Each failure once: a read that fails in both observations is one problem, not two. */
function distinct(errors: readonly StepError[]): StepError[] {
  const key = (e: StepError) => [e.step, e.action, e.resource, e.code].join('\n');
  return errors.filter((e, i) => errors.findIndex((other) => key(other) === key(e)) === i);
}

function summarise(p: Plan): Pick<Report, 'changes' | 'findings'> {
  return { changes: p.changes.map(reportChange), findings: p.findings.map((f) => f.message) };
}

/**
 * Adds the account-wide verdict (judged on the last observation) and its findings to the report fields,
 * and, when the enforcer's chain and another both hold the control, how to remove the enforcer's.
 */
function withVerdict(
  fields: Pick<Report, 'changes' | 'findings'>,
  judged: Assessment,
  control: ControlRun,
  mode: ExistingChains,
) {
  const { verdict, controlSatisfiedBy } = judged;
  const both = bothHoldFinding(control.desired, judged, mode);
  const findings = [...fields.findings, ...judged.findings, ...both];
  return { ...fields, findings, controlSatisfiedBy, verdict };
}
