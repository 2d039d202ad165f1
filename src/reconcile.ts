import { apply } from './apply';
import type { Clients } from './clients';
import type { Config } from './config';
import { type Discovery, discover } from './discover';
import { type StepError, toStepError } from './errors';
import type { Trigger } from './events';
import type { ActualState, DesiredState, TrailView } from './model';
import type { Observation } from './observe';
import { type Plan, plan } from './plan';
import { discoverAndRead, type Reads, readState } from './reads';
import { baseReport, type Report, reportChange, statusOf } from './report';
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

function passOf(desired: DesiredState, trail: TrailView, { observation, ourMetricAlarms }: Reads): Pass {
  const actual = { ...observation, trail };
  return { actual, plan: plan(desired, actual), errors: observation.errors, ourMetricAlarms };
}

/** The trail as it is after apply: re-read only when apply restarted its logging. */
async function trailAfter(deps: Deps, before: Discovery, restarted: boolean): Promise<TrailView | undefined> {
  if (!restarted) return before.trail;
  return (await discover(deps.clients, deps.config)).trail;
}

/**
 * One level-based run: discover → observe → plan → apply → observe again; never throws. The first
 * observation overlaps the second half of discovery (see `discoverAndRead`).
 */
export async function reconcile(deps: Deps, trigger: Trigger, dryRun: boolean): Promise<Report> {
  const now = deps.now ?? Date.now;
  const started = now();
  const base = baseReport(deps.config, trigger, dryRun);
  const finish = (fields: Partial<Report> & Pick<Report, 'status'>): Report => ({
    ...base,
    ...fields,
    durationMs: now() - started,
  });
  try {
    const { discovery, found } = await discoverAndRead(deps.clients, deps.config);
    const { accountId } = discovery;
    if (!found) {
      const hint = discovery.regionHint ? { regionHint: discovery.regionHint } : {};
      return finish({ status: 'NON_COMPLIANT', accountId, findings: discovery.problems, ...hint });
    }
    const { trail, desired } = found;
    const where = { accountId, trail: trail.arn, logGroup: trail.logGroupName };
    const first = passOf(desired, trail, found.reads);
    const verify = deps.config.verifyWithTestMetricFilter;
    const judge = (p: Pass) => assessControl(deps.clients, desired, p.actual, verify, p.ourMetricAlarms);
    const { changes } = first.plan;
    if (dryRun || changes.length === 0) {
      const status = statusOf({ ...first.plan, errors: first.errors, persisting: [], dryRun });
      const fields = withVerdict(summarise(first.plan), await judge(first));
      return finish({ status, ...where, ...fields, errors: first.errors });
    }
    const applied = await apply(deps.clients, changes);
    const restarted = applied.applied.some((c) => c.resource === 'trail');
    const trailNow = (await trailAfter(deps, discovery, restarted)) ?? { ...trail, isLogging: false };
    const second = passOf(desired, trailNow, await readState(deps.clients, desired));
    const errors = distinct([...first.errors, ...applied.errors, ...second.errors]);
    const persisting = second.plan.changes;
    const judged = await judge(second);
    const status = statusOf({
      findings: second.plan.findings,
      changes: applied.applied,
      errors,
      persisting,
      dryRun,
    });
    return finish({
      status,
      ...where,
      ...withVerdict(
        { changes: applied.applied.map(reportChange), findings: second.plan.findings.map((f) => f.message) },
        judged,
      ),
      ...(persisting.length ? { remaining: persisting.map(reportChange) } : {}),
      errors,
    });
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
