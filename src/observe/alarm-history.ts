import {
  type AlarmHistoryItem,
  type CloudWatchClient,
  DescribeAlarmHistoryCommand,
} from '@aws-sdk/client-cloudwatch';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';

/** IAM actions the alarm history read calls: on the enforcer's own alarms only. */
export const HISTORY_GRANTS = grants('alarm', 'cloudwatch:DescribeAlarmHistory');

/** How far back the history is read: CloudWatch keeps an alarm's history for 30 days. */
export const HISTORY_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
/** One page, newest first: the most DescribeAlarmHistory returns in one call. */
export const HISTORY_MAX_RECORDS = 100;

/** One action CloudWatch tried to execute for an alarm, as its history records it. */
export interface ActionRecord {
  readonly at: Date;
  readonly ok: boolean;
  /** The action's ARN (the topic), from HistoryData's notificationResource or the summary. */
  readonly resource?: string;
  /** AWS's reason for a failure: HistoryData's error, or the summary's `Received error: …`. */
  readonly reason?: string;
  readonly summary: string;
}

/** The recent actions of one alarm, newest first, or why they could not be read. */
export type ActionsRead = { readonly actions: readonly ActionRecord[] } | { readonly error: StepError };

type Json = Record<string, unknown>;

function historyData(text: string | undefined): Json {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
  } catch {
    return {};
  }
}

const SUMMARY = /^(Successfully executed|Failed to execute) action (\S+?)\.?(?:\s+Received error:\s*(.*))?$/s;

/**
 * One Action item of an alarm's history: `"actionState": "Succeeded" | "Failed"` in HistoryData (with
 * `notificationResource` and `error`), or, when HistoryData says nothing, its HistorySummary
 * (`Failed to execute action arn:…. Received error: "…"`). Undefined for anything else.
 */
export function toActionRecord(item: AlarmHistoryItem): ActionRecord | undefined {
  if (item.HistoryItemType !== undefined && item.HistoryItemType !== 'Action') return undefined;
  const summary = item.HistorySummary ?? '';
  const data = historyData(item.HistoryData);
  const state = typeof data.actionState === 'string' ? data.actionState : undefined;
  const match = SUMMARY.exec(summary.trim());
  const ok = state !== undefined ? state === 'Succeeded' : match?.[1] === 'Successfully executed';
  if (state === undefined && !match) return undefined;
  const resource = typeof data.notificationResource === 'string' ? data.notificationResource : match?.[2];
  const error = typeof data.error === 'string' && data.error ? data.error : match?.[3];
  return {
    at: item.Timestamp ?? new Date(0),
    ok,
    ...(resource ? { resource } : {}),
    ...(!ok && error ? { reason: error.trim().replace(/^"|"$/g, '') } : {}),
    summary,
  };
}

/** The alarm's Action items of the last 30 days, newest first: one DescribeAlarmHistory call; never rejects. */
export async function readActions(
  cloudwatch: CloudWatchClient,
  alarmName: string,
  now: number,
): Promise<ActionsRead> {
  try {
    const out = await attempt('read alarm history', 'cloudwatch:DescribeAlarmHistory', alarmName, () =>
      cloudwatch.send(
        new DescribeAlarmHistoryCommand({
          AlarmName: alarmName,
          AlarmTypes: ['MetricAlarm'],
          HistoryItemType: 'Action',
          StartDate: new Date(now - HISTORY_WINDOW_MS),
          EndDate: new Date(now + 60_000),
          MaxRecords: HISTORY_MAX_RECORDS,
          ScanBy: 'TimestampDescending',
        }),
      ),
    );
    const actions = (out?.AlarmHistoryItems ?? []).flatMap((item) => toActionRecord(item) ?? []);
    return { actions: actions.sort((a, b) => b.at.getTime() - a.at.getTime()) };
  } catch (error) {
    return { error: toStepError('read alarm history', error) };
  }
}

/**
 * The failed attempts to notify `topicArn` newer than the newest successful one, newest first. An action
 * without a named resource counts as the topic's: a failure nobody can place is not dismissed.
 */
export function failedSinceSuccess(actions: readonly ActionRecord[], topicArn: string): ActionRecord[] {
  const onTopic = actions.filter((a) => a.resource === undefined || a.resource === topicArn);
  const newestFirst = [...onTopic].sort((a, b) => b.at.getTime() - a.at.getTime());
  const success = newestFirst.findIndex((a) => a.ok);
  return (success === -1 ? newestFirst : newestFirst.slice(0, success)).filter((a) => !a.ok);
}
