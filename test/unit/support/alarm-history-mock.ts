/**
 * The mock account's alarm history, as AWS keeps it: SetAlarmState changes the alarm's state and, when
 * the state changed and its actions are enabled, records each action of the new state as executed
 * (`Successfully executed action arn:…`, HistoryData actionState Succeeded) — or as failed with the
 * error set by `failActions` for that topic; DescribeAlarmHistory answers from it, newest first.
 */
import {
  type AlarmHistoryItem,
  type CloudWatchClient,
  DescribeAlarmHistoryCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { AccountState } from '../../support/builders';

const history = new WeakMap<AccountState, AlarmHistoryItem[]>();
const failing = new WeakMap<AccountState, Map<string, string>>();

/** Every later action of the account's alarms on `topicArn` fails with AWS's `error` text. */
export function failActions(state: AccountState, topicArn: string, error: string): void {
  const map = failing.get(state) ?? new Map<string, string>();
  map.set(topicArn, error);
  failing.set(state, map);
}

const ACTIONS_OF = {
  ALARM: 'AlarmActions',
  OK: 'OKActions',
  INSUFFICIENT_DATA: 'InsufficientDataActions',
} as const;

/** An Action item as DescribeAlarmHistory returns it: the action on `topic` succeeded, or failed with `error`. */
export function actionItem(
  alarm: string,
  at: Date,
  topic: string,
  error: string | undefined,
): AlarmHistoryItem {
  const ok = error === undefined;
  return {
    AlarmName: alarm,
    AlarmType: 'MetricAlarm',
    Timestamp: at,
    HistoryItemType: 'Action',
    HistorySummary: ok
      ? `Successfully executed action ${topic}`
      : `Failed to execute action ${topic}. Received error: "${error}"`,
    HistoryData: JSON.stringify({
      actionState: ok ? 'Succeeded' : 'Failed',
      notificationResource: topic,
      stateUpdateTimestamp: at.getTime(),
      publishedMessage: ok ? '{"default":"{\\"AlarmName\\":\\"x\\"}"}' : null,
      error: ok ? null : error,
    }),
  };
}

/** Serves SetAlarmState and DescribeAlarmHistory on the account's alarms. */
export function serveAlarmHistory(
  mock: AwsClientStub<CloudWatchClient>,
  state: AccountState,
  write: (change: () => void) => void,
): void {
  const items = history.get(state) ?? [];
  history.set(state, items);
  mock.on(SetAlarmStateCommand).callsFake(async (input) => {
    const alarm = state.alarms.find((a) => a.AlarmName === input.AlarmName);
    if (!alarm)
      throw Object.assign(new Error(`Alarm ${input.AlarmName} not found`), { name: 'ResourceNotFound' });
    if (alarm.StateValue === input.StateValue) return {};
    const at = new Date();
    write(() => {
      alarm.StateValue = input.StateValue;
      alarm.StateReason = input.StateReason;
      if (alarm.ActionsEnabled === false) return;
      const list = ACTIONS_OF[(input.StateValue ?? 'OK') as keyof typeof ACTIONS_OF];
      const actions = alarm[list] ?? [];
      for (const topic of actions)
        items.push(actionItem(alarm.AlarmName ?? '', at, topic, failing.get(state)?.get(topic)));
    });
    return {};
  });
  mock.on(DescribeAlarmHistoryCommand).callsFake(async (input) => ({
    AlarmHistoryItems: items
      .filter(
        (i) =>
          i.AlarmName === input.AlarmName &&
          (!input.HistoryItemType || i.HistoryItemType === input.HistoryItemType),
      )
      .filter((i) => !input.StartDate || (i.Timestamp ?? new Date(0)) >= input.StartDate)
      .sort((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0))
      .slice(0, input.MaxRecords ?? 100),
  }));
}
