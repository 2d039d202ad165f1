/**
 * CloudWatch alarm history. AWS records, for each alarm, its state updates and every action it executed
 * on a state change (`HistoryItemType: Action`, `Successfully executed action arn:…` or `Failed to
 * execute action arn:…. Received error: "…"`, HistoryData JSON with actionState, notificationResource
 * and error) and answers DescribeAlarmHistory from it for 30 days; moto 5.2.5 implements no
 * DescribeAlarmHistory and executes no action. Here SetAlarmState is watched: when it changes an alarm's
 * state and the alarm's actions are enabled, each action of the new state is recorded as executed, or
 * as failed with the error a test set for that topic (`failTopic`: the layer does not evaluate topic
 * policies or keys). DescribeAlarmHistory answers from these records, newest first. State changes moto
 * makes by itself (alarm evaluation) are not recorded.
 */
import { type Correction, jsonCall } from './correction';
import { jsonAnswer, readJson, type Send, succeeded, type WireRequest } from './wire';

type Json = Record<string, unknown>;

interface Item {
  readonly alarm: string;
  readonly at: number;
  readonly type: 'Action' | 'StateUpdate';
  readonly summary: string;
  readonly data: Json;
}

const ACTIONS_OF: Readonly<Record<string, string>> = {
  ALARM: 'AlarmActions',
  OK: 'OKActions',
  INSUFFICIENT_DATA: 'InsufficientDataActions',
};

/** What the test harness can make the layer's alarm actions do. */
export interface AlarmHistoryControl {
  /** Every later action on `topicArn` fails with AWS's `error` text (undefined: they succeed again). */
  failTopic(topicArn: string, error: string | undefined): void;
}

async function alarmNow(request: WireRequest, emulator: Send, name: string): Promise<Json | undefined> {
  const out = await emulator(jsonCall(request, 'DescribeAlarms', { AlarmNames: [name] }));
  if (!succeeded(out)) return undefined;
  const alarms = (readJson(out.body).MetricAlarms as Json[] | undefined) ?? [];
  return alarms.find((a) => a.AlarmName === name);
}

function actionItem(alarm: string, at: number, topic: string, error: string | undefined): Item {
  const ok = error === undefined;
  return {
    alarm,
    at,
    type: 'Action',
    summary: ok
      ? `Successfully executed action ${topic}`
      : `Failed to execute action ${topic}. Received error: "${error}"`,
    data: {
      actionState: ok ? 'Succeeded' : 'Failed',
      stateUpdateTimestamp: at,
      notificationResource: topic,
      publishedMessage: ok ? '{}' : null,
      error: ok ? null : error,
    },
  };
}

function answer(items: readonly Item[], input: Json) {
  const name = input.AlarmName;
  const type = input.HistoryItemType;
  const from = input.StartDate === undefined ? 0 : Number(input.StartDate) * 1000;
  const to = input.EndDate === undefined ? Number.POSITIVE_INFINITY : Number(input.EndDate) * 1000;
  const max = Number(input.MaxRecords ?? 100);
  const chosen = items
    .filter((i) => (name === undefined || i.alarm === name) && (type === undefined || i.type === type))
    .filter((i) => i.at >= from && i.at <= to)
    .sort((a, b) => (input.ScanBy === 'TimestampAscending' ? a.at - b.at : b.at - a.at))
    .slice(0, max);
  const AlarmHistoryItems = chosen.map((i) => ({
    AlarmName: i.alarm,
    AlarmType: 'MetricAlarm',
    Timestamp: i.at / 1000,
    HistoryItemType: i.type,
    HistorySummary: i.summary,
    HistoryData: JSON.stringify(i.data),
  }));
  return jsonAnswer({ AlarmHistoryItems }, 'application/x-amz-json-1.0');
}

/** The correction, and the control the harness keeps over it. */
export function alarmHistory(): Correction & { readonly control: AlarmHistoryControl } {
  const items: Item[] = [];
  const failing = new Map<string, string>();
  return {
    operations: ['monitoring:SetAlarmState', 'monitoring:DescribeAlarmHistory'],
    handle: async (request, next, emulator) => {
      const input = readJson(request.body);
      if (request.operation === 'DescribeAlarmHistory') return answer(items, input);
      const name = String(input.AlarmName ?? '');
      const before = await alarmNow(request, emulator, name);
      const out = await next(request);
      const state = String(input.StateValue ?? '');
      if (!succeeded(out) || !before || before.StateValue === state) return out;
      const at = Date.now();
      items.push({
        alarm: name,
        at,
        type: 'StateUpdate',
        summary: `Alarm updated from ${before.StateValue} to ${state}`,
        data: {},
      });
      if (before.ActionsEnabled === false) return out;
      const actions = (before[ACTIONS_OF[state] ?? ''] as string[] | undefined) ?? [];
      for (const topic of actions) items.push(actionItem(name, at, topic, failing.get(topic)));
      return out;
    },
    reset: () => {
      items.length = 0;
      failing.clear();
    },
    control: {
      failTopic: (topic, error) => {
        if (error === undefined) failing.delete(topic);
        else failing.set(topic, error);
      },
    },
  };
}
