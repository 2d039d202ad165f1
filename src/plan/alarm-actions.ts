import type { Clients } from '../aws/clients';
import type { StepError } from '../aws/errors';
import type { ControlConfig } from '../config';
import type { DesiredState } from '../model';
import {
  type ActionRecord,
  type ActionsRead,
  failedSinceSuccess,
  readActions,
} from '../observe/alarm-history';
import type { Trigger } from '../triggers/events';
import type { Finding } from './types';

/**
 * Whether a run reads its alarms' action history: the daily sweep and manual runs do; event-driven runs
 * (and queue batches, which are told as their CloudTrail event) do not, so a compliant run on an event
 * costs no extra call. A failed publish shows nowhere else, so once a day is enough to hear of it.
 */
export function readsActionHistory(trigger: Trigger): boolean {
  return trigger.kind === 'schedule' || trigger.kind === 'manual';
}

/** Each selected control's alarm history read, by alarm name, started at once (it needs no discovery). */
export type PendingHistory = ReadonlyMap<string, Promise<ActionsRead>>;

/** Starts one DescribeAlarmHistory per selected control's alarm, concurrently (paced by the run's clients). */
export function startHistoryReads(
  clients: Clients,
  controls: readonly ControlConfig[],
  now: number,
): PendingHistory {
  const names = [...new Set(controls.map((c) => c.alarmName))];
  return new Map(names.map((name) => [name, readActions(clients.cloudwatch, name, now)]));
}

/** Resolves once every read started has answered (they never reject). */
export async function historySettled(pending: PendingHistory | undefined): Promise<void> {
  await Promise.all(pending?.values() ?? []);
}

/** What one control's alarm history adds to its pass: a blocking finding, or the failed read. */
export interface HistoryOutcome {
  readonly findings: readonly Finding[];
  readonly errors: readonly StepError[];
}

const NONE: HistoryOutcome = { findings: [], errors: [] };

/** The finding for failed notifications of our alarm since its last successful one, quoting AWS. */
export function failedActionFinding(desired: DesiredState, failures: readonly ActionRecord[]): Finding {
  const [latest] = failures;
  const reason = latest?.reason ?? latest?.summary ?? 'no reason recorded';
  const count = failures.length === 1 ? 'once' : `${failures.length} times`;
  const when = latest ? `, last at ${latest.at.toISOString()}` : '';
  return {
    code: 'alarm-action-failed',
    blocking: true,
    message:
      `alarm ${desired.alarm.name} failed to notify ${desired.topic.arn} ${count} since its last ` +
      `successful notification${when}: AWS said "${reason}". Nobody heard those alarms: fix what the ` +
      `reason names (the topic policy must let cloudwatch.amazonaws.com publish; a KMS-encrypted topic's ` +
      `key must let it use kms:Decrypt and kms:GenerateDataKey*), then invoke {"drill": true}: this ` +
      `finding clears once a notification succeeds`,
  };
}

/** One control as the history judgement needs it: its desired state and whether its alarm exists now. */
export interface HistoryOf {
  readonly desired: DesiredState;
  readonly reads: { readonly observation: { readonly alarm?: unknown } };
}

/**
 * Per control (in order), the finding or error its alarm's history adds; nothing when it was not read,
 * and no finding when the enforcer's alarm does not exist now (CloudWatch keeps a deleted alarm's history: a control
 * held by another chain is not judged on an alarm of ours that is gone).
 */
export async function historyOutcomes(
  pending: PendingHistory | undefined,
  controls: readonly HistoryOf[],
): Promise<HistoryOutcome[]> {
  if (!pending) return controls.map(() => NONE);
  return Promise.all(
    controls.map(async ({ desired: d, reads }): Promise<HistoryOutcome> => {
      const read = await pending.get(d.alarm.name);
      if (!read) return NONE;
      if ('error' in read) return { findings: [], errors: [read.error] };
      if (reads.observation.alarm === undefined) return NONE;
      const failures = failedSinceSuccess(read.actions, d.topic.arn);
      return failures.length ? { findings: [failedActionFinding(d, failures)], errors: [] } : NONE;
    }),
  );
}
