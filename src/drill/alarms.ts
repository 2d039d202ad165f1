import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  type MetricAlarm,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import { type ActionRecord, readActions } from '../observe/alarm-history';
import type { DrillAlarm } from './types';

/**
 * IAM actions a drill calls, on the enforcer's own alarms only: it reads their state, sets them to
 * ALARM and reads their action history for the notification.
 */
export const DRILL_GRANTS = grants(
  'alarm',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:SetAlarmState',
  'cloudwatch:DescribeAlarmHistory',
);

/** One selected control's alarm, as the drill targets it. */
export interface Target {
  readonly control: string;
  readonly alarm: string;
}

/** The targets' alarms as they are now, by name (one DescribeAlarms: at most 15 names). */
export async function readDrillAlarms(
  cloudwatch: CloudWatchClient,
  names: readonly string[],
): Promise<Map<string, MetricAlarm>> {
  const out = await attempt('drill', 'cloudwatch:DescribeAlarms', names.join(','), () =>
    cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [...names], AlarmTypes: ['MetricAlarm'] })),
  );
  return new Map((out?.MetricAlarms ?? []).map((a) => [a.AlarmName ?? '', a]));
}

/** Why an alarm is not set to ALARM by the drill; undefined when it is drilled. */
export function whyNotDrilled(alarm: MetricAlarm | undefined, topicArn: string): string | undefined {
  if (!alarm) return 'the alarm does not exist (the run says why it could not be built)';
  if (alarm.ActionsEnabled === false) {
    return 'its actions are disabled: in ALARM it would notify nobody (the run reports it)';
  }
  if (!(alarm.AlarmActions ?? []).includes(topicArn)) return `${topicArn} is not among its alarm actions`;
  if (alarm.StateValue === 'ALARM') {
    return 'it is already in ALARM (a real alarm may be under way): setting ALARM again runs no action';
  }
  return undefined;
}

/** The StateReason of a drill: who asked and when, and that the next evaluation restores the state. */
export function drillReason(at: string, by: 'manual' | 'schedule'): string {
  const who = by === 'manual' ? 'a manual {"drill": true} invoke' : 'its drill schedule';
  return (
    `DRILL by cis-monitoring-enforcer at ${at}, requested by ${who}: not a real event. ` +
    "The alarm's next evaluation of its metric restores its state."
  );
}

/** Sets one alarm to ALARM for the drill; the failure, if any. */
export async function setDrillState(
  cloudwatch: CloudWatchClient,
  alarm: string,
  reason: string,
  at: string,
): Promise<StepError | undefined> {
  try {
    await attempt('drill', 'cloudwatch:SetAlarmState', alarm, () =>
      cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: alarm,
          StateValue: 'ALARM',
          StateReason: reason,
          StateReasonData: JSON.stringify({ drill: true, by: 'cis-monitoring-enforcer', at }),
        }),
      ),
    );
    return undefined;
  } catch (error) {
    return toStepError('drill', error);
  }
}

/** Time as the drill's wait sees it. */
export interface DrillClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The pauses between looks at the history: 60 s in all, soon at first (CloudWatch acts within seconds). */
export const POLL_DELAYS_MS: readonly number[] = [2_000, 3_000, 5_000, 10_000, 10_000, 15_000, 15_000];
/** CloudWatch's clock and the function's may differ a little: actions this much before the drill count. */
const SKEW_MS = 5_000;

/** The newest action on the topic recorded since the drill started, if any. */
function drillAction(actions: readonly ActionRecord[], topicArn: string, since: number) {
  return actions.find(
    (a) => a.at.getTime() >= since - SKEW_MS && (a.resource === undefined || a.resource === topicArn),
  );
}

/**
 * Looks at each alarm's action history until CloudWatch recorded the drill's action for the topic, or the
 * wait ends (60 s, or less when the budget says so). One DescribeAlarmHistory per alarm still waited for
 * per look. Returns each alarm's action, or its last read failure, or nothing (not seen in time).
 */
export async function awaitActions(
  cloudwatch: CloudWatchClient,
  alarms: readonly string[],
  topicArn: string,
  since: number,
  clock: DrillClock,
  budgetMs: number,
): Promise<Map<string, ActionRecord | StepError | undefined>> {
  const found = new Map<string, ActionRecord | StepError | undefined>(alarms.map((a) => [a, undefined]));
  const waiting = () => alarms.filter((a) => !(found.get(a) && 'ok' in (found.get(a) as object)));
  const start = clock.now();
  for (const delay of POLL_DELAYS_MS) {
    if (waiting().length === 0 || clock.now() + delay - start > budgetMs) break;
    await clock.sleep(delay);
    await Promise.all(
      waiting().map(async (alarm) => {
        const read = await readActions(cloudwatch, alarm, clock.now());
        found.set(alarm, 'error' in read ? read.error : drillAction(read.actions, topicArn, since));
      }),
    );
  }
  return found;
}

/** One alarm's drill line from what the wait found. */
export function outcomeOf(
  target: Target,
  previousState: string | undefined,
  seen: ActionRecord | StepError | undefined,
): DrillAlarm {
  const base = { control: target.control, alarm: target.alarm, stateSet: true, previousState };
  if (seen && 'ok' in seen) {
    const recordedAt = seen.at.toISOString();
    return seen.ok
      ? { ...base, outcome: 'handed-to-sns', recordedAt }
      : { ...base, outcome: 'failed', recordedAt, reason: seen.reason ?? seen.summary };
  }
  const why = seen ? `; the last history read failed: ${seen.action} ${seen.code}` : '';
  return { ...base, outcome: 'not-seen', reason: `no action was recorded for the topic in time${why}` };
}
