import { apply } from './apply';
import type { Clients } from './clients';
import type { Config } from './config';
import { desiredState } from './desired';
import { type Discovery, discover } from './discover';
import { type StepError, toStepError } from './errors';
import type { Trigger } from './events';
import type { ActualState, DesiredState, TrailView } from './model';
import { observe } from './observe';
import { type Plan, plan } from './plan';
import { baseReport, type Report, reportChange, statusOf } from './report';

/** What a run needs from outside: clients built once per cold start, the validated configuration. */
export interface Deps {
  readonly clients: Clients;
  readonly config: Config;
  readonly now?: () => number;
}

interface Pass {
  readonly actual: ActualState;
  readonly plan: Plan;
  readonly errors: readonly StepError[];
}

async function pass(clients: Clients, desired: DesiredState, trail: TrailView): Promise<Pass> {
  const observation = await observe(clients, desired);
  const actual: ActualState = { ...observation, trail };
  return { actual, plan: plan(desired, actual), errors: observation.errors };
}

/** The trail as it is after apply: re-read only when apply restarted its logging. */
async function trailAfter(deps: Deps, before: Discovery, restarted: boolean): Promise<TrailView | undefined> {
  if (!restarted) return before.trail;
  return (await discover(deps.clients, deps.config)).trail;
}

/** One level-based run: discover → observe → plan → apply → observe again; never throws. */
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
    const discovery = await discover(deps.clients, deps.config);
    const { accountId, trail } = discovery;
    if (!trail) {
      const hint = discovery.regionHint ? { regionHint: discovery.regionHint } : {};
      return finish({ status: 'NON_COMPLIANT', accountId, findings: discovery.problems, ...hint });
    }
    const where = { accountId, trail: trail.arn, logGroup: trail.logGroupName };
    const desired = desiredState(deps.config, accountId, trail);
    const first = await pass(deps.clients, desired, trail);
    const { changes } = first.plan;
    if (dryRun || changes.length === 0) {
      const status = statusOf({ ...first.plan, errors: first.errors, persisting: [], dryRun });
      return finish({ status, ...where, ...summarise(first.plan), errors: first.errors });
    }
    const applied = await apply(deps.clients, changes);
    const restarted = applied.applied.some((c) => c.resource === 'trail');
    const trailNow = (await trailAfter(deps, discovery, restarted)) ?? { ...trail, isLogging: false };
    const second = await pass(deps.clients, desired, trailNow);
    const errors = [...first.errors, ...applied.errors, ...second.errors];
    const persisting = second.plan.changes;
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
      changes: applied.applied.map(reportChange),
      ...(persisting.length ? { remaining: persisting.map(reportChange) } : {}),
      findings: second.plan.findings.map((f) => f.message),
      errors,
    });
  } catch (error) {
    return finish({ status: 'ERROR', errors: [toStepError('reconcile', error)] });
  }
}

function summarise(p: Plan): Pick<Report, 'changes' | 'findings'> {
  return { changes: p.changes.map(reportChange), findings: p.findings.map((f) => f.message) };
}
