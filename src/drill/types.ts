/** What became of one alarm in a fire drill. */
export type DrillOutcome =
  /** CloudWatch recorded the alarm action as executed: the notification was handed to SNS. */
  | 'handed-to-sns'
  /** CloudWatch recorded the action as failed (`reason` quotes AWS). */
  | 'failed'
  /** The state was set, but no action was recorded for the topic within the wait. */
  | 'not-seen'
  /** The alarm was not set to ALARM (`reason` says why: missing, actions disabled, already in ALARM, …). */
  | 'not-drilled';

/** One alarm of the drill. */
export interface DrillAlarm {
  /** The control's id (`CIS-4.10`). */
  readonly control: string;
  readonly alarm: string;
  readonly outcome: DrillOutcome;
  /** True when SetAlarmState put the alarm in ALARM. */
  readonly stateSet: boolean;
  /** The alarm's state before the drill. */
  readonly previousState?: string;
  /** Why it failed, was not seen or was not drilled; for a failure, AWS's own words. */
  readonly reason?: string;
  /** When CloudWatch recorded the action. */
  readonly recordedAt?: string;
}

/** A fire drill's part of the report. */
export interface DrillReport {
  /** When the alarms were set (ISO 8601). */
  readonly at: string;
  readonly by: 'manual' | 'schedule';
  readonly topicArn?: string;
  readonly alarms: readonly DrillAlarm[];
  /** Confirmed subscriptions of the topic, from the run's last observation of it; absent when unread. */
  readonly confirmedSubscribers?: number;
  /** How long the drill waited for CloudWatch to record the actions, in ms. */
  readonly waitedMs: number;
  /** Set when the drill did not run at all (MODE=detect, no account id). */
  readonly refused?: string;
}
