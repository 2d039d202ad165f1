import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { StepError } from '../aws/errors';
import { toStepError } from '../aws/errors';
import { paced } from '../aws/pace';
import { topicArn } from '../plan/desired';
import { type Deps, reconcile } from '../reconcile';
import { baseReport, type Report } from '../report';
import type { Trigger } from '../triggers/events';
import {
  awaitActions,
  type DrillClock,
  drillReason,
  outcomeOf,
  readDrillAlarms,
  setDrillState,
  type Target,
  whyNotDrilled,
} from './alarms';
import { withDrill } from './report';
import type { DrillAlarm, DrillReport } from './types';

export { DRILL_GRANTS } from './alarms';
export type { DrillAlarm, DrillOutcome, DrillReport } from './types';

/** The drill's wait: at most 60 s, and never closer than this to the Lambda deadline (the alert follows). */
export const DRILL_WAIT_MS = 60_000;
const DEADLINE_MARGIN_MS = 30_000;

/** What a drill needs beyond a run's deps: its clock, and how long the invocation has left. */
export interface DrillOptions {
  readonly clock?: DrillClock;
  /** Milliseconds the Lambda invocation has left (context.getRemainingTimeInMillis). */
  readonly remainingMs?: () => number;
}

const SYSTEM_CLOCK: DrillClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

type DrillTrigger = Extract<Trigger, { kind: 'drill' }>;

/** MODE=detect: a clear report, nothing read or written. */
function refused(deps: Deps, trigger: DrillTrigger): Report {
  const reason =
    'a fire drill sets the alarms to ALARM (a write): MODE=detect refuses it; nothing was read or written';
  const drill: DrillReport = { at: '', by: trigger.by, alarms: [], waitedMs: 0, refused: reason };
  return { ...baseReport(deps.config, trigger, true), status: 'IGNORED', reason, drill, durationMs: 0 };
}

/**
 * A fire drill: a normal run first (so the chain is whole and its topic observed), then each selected
 * control's alarm that exists, notifies the topic with actions enabled and is not already in ALARM is set
 * to ALARM with a reason saying it is a drill; the drill waits for CloudWatch to record each action and
 * reports per alarm whether the notification was handed to SNS, failed (AWS's reason) or was not seen in
 * time, and how many confirmed subscribers the topic has. Refused in MODE=detect. Never throws.
 */
export async function runDrill(
  deps: Deps,
  trigger: DrillTrigger,
  options: DrillOptions = {},
): Promise<Report> {
  if (deps.config.mode === 'detect') return refused(deps, trigger);
  const report = await reconcile(deps, trigger, false);
  if (!report.accountId) {
    const reason = 'the account id was not discovered, so the topic is unknown: nothing was drilled';
    return withDrill(report, { at: '', by: trigger.by, alarms: [], waitedMs: 0, refused: reason }, []);
  }
  const clock = options.clock ?? SYSTEM_CLOCK;
  const left = options.remainingMs?.() ?? Number.POSITIVE_INFINITY;
  const budget = Math.max(0, Math.min(DRILL_WAIT_MS, left - DEADLINE_MARGIN_MS));
  const topic = topicArn(deps.config, report.accountId);
  const targets = deps.config.controls.map((c) => ({ control: c.control.id, alarm: c.alarmName }));
  const { alarms, errors, waitedMs, at } = await drillAlarms(deps, targets, topic, trigger.by, clock, budget);
  const confirmed = report.audience ? { confirmedSubscribers: report.audience.confirmed } : {};
  return withDrill(report, { at, by: trigger.by, topicArn: topic, alarms, waitedMs, ...confirmed }, errors);
}

interface Drilled {
  readonly alarms: DrillAlarm[];
  readonly errors: StepError[];
  readonly waitedMs: number;
  readonly at: string;
}

/** Reads, sets and waits for the targets' alarms; failures are errors of the drill, never thrown. */
async function drillAlarms(
  deps: Deps,
  targets: readonly Target[],
  topic: string,
  by: DrillTrigger['by'],
  clock: DrillClock,
  budget: number,
): Promise<Drilled> {
  const { cloudwatch } = paced(deps.clients);
  const started = clock.now();
  const at = new Date(started).toISOString();
  let current: Map<string, MetricAlarm>;
  try {
    current = await readDrillAlarms(
      cloudwatch,
      targets.map((t) => t.alarm),
    );
  } catch (error) {
    return { alarms: [], errors: [toStepError('drill', error)], waitedMs: 0, at };
  }
  const skipped: DrillAlarm[] = [];
  const chosen = targets.filter((t) => {
    const reason = whyNotDrilled(current.get(t.alarm), topic);
    const previousState = current.get(t.alarm)?.StateValue;
    if (reason) skipped.push({ ...t, outcome: 'not-drilled', stateSet: false, reason, previousState });
    return !reason;
  });
  const reason = drillReason(at, by);
  const failures = await Promise.all(chosen.map((t) => setDrillState(cloudwatch, t.alarm, reason, at)));
  const set = chosen.filter((_, i) => !failures[i]);
  const errors = failures.flatMap((f) => (f ? [f] : []));
  const notSet = chosen.flatMap((t, i): DrillAlarm[] => {
    const f = failures[i];
    return f
      ? [{ ...t, outcome: 'not-drilled', stateSet: false, reason: `SetAlarmState failed: ${f.code}` }]
      : [];
  });
  const seen = await awaitActions(
    cloudwatch,
    set.map((t) => t.alarm),
    topic,
    started,
    clock,
    budget,
  );
  const drilled = set.map((t) => outcomeOf(t, current.get(t.alarm)?.StateValue, seen.get(t.alarm)));
  const order = (a: DrillAlarm) => targets.findIndex((t) => t.alarm === a.alarm);
  const alarms = [...drilled, ...notSet, ...skipped].sort((a, b) => order(a) - order(b));
  return { alarms, errors, waitedMs: Math.round(clock.now() - started), at };
}
