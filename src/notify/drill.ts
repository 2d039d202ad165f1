import type { DrillAlarm, DrillReport } from '../drill/types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The subject's headline for a fire drill: DRILL first, then what the alarms' notifications did
 * (`DRILL: 1 alarm handed to SNS, 2 confirmed subscribers`, `DRILL: 1 of 3 alarms FAILED to notify`).
 */
export function drillHeadline(drill: DrillReport): { head: string; cause: false } {
  const drilled = drill.alarms.filter((a) => a.stateSet);
  const count = (outcome: DrillAlarm['outcome']) => drilled.filter((a) => a.outcome === outcome).length;
  const handed = count('handed-to-sns');
  const failed = count('failed');
  const unseen = count('not-seen');
  if (drill.refused || drilled.length === 0) return { head: 'DRILL: no alarm drilled', cause: false };
  const of = (n: number) =>
    n === drilled.length ? plural(n, 'alarm') : `${n} of ${plural(drilled.length, 'alarm')}`;
  const parts = [
    ...(failed ? [`${of(failed)} FAILED to notify`] : []),
    ...(unseen ? [`${of(unseen)} not seen notifying`] : []),
    ...(handed ? [`${of(handed)} handed to SNS`] : []),
  ];
  const subscribers =
    drill.confirmedSubscribers === undefined
      ? ''
      : `, ${plural(drill.confirmedSubscribers, 'confirmed subscriber')}`;
  return { head: `DRILL: ${parts.join(', ')}${subscribers}`, cause: false };
}

function alarmLine(a: DrillAlarm): string {
  switch (a.outcome) {
    case 'handed-to-sns':
      return `${a.control} ${a.alarm}: set to ALARM; CloudWatch handed the notification to SNS at ${a.recordedAt}`;
    case 'failed':
      return `${a.control} ${a.alarm}: set to ALARM; CloudWatch FAILED to notify: AWS said "${a.reason}"`;
    case 'not-seen':
      return `${a.control} ${a.alarm}: set to ALARM; ${a.reason}`;
    default:
      return `${a.control} ${a.alarm}: not drilled: ${a.reason}`;
  }
}

/** The alert's lines about a drill: when and by whom, each alarm, the topic's confirmed subscribers, what it proves. */
export function drillLines(drill: DrillReport): string[] {
  if (drill.refused) return [`refused: ${drill.refused}`];
  const by = drill.by === 'manual' ? 'a manual {"drill": true} invoke' : 'the drill schedule';
  const subscribers =
    drill.confirmedSubscribers === undefined
      ? 'its subscribers could not be read'
      : `${plural(drill.confirmedSubscribers, 'confirmed subscriber')}`;
  return [
    `alarms set to ALARM at ${drill.at} for ${by}; waited ${Math.round(drill.waitedMs / 1000)} s for CloudWatch to record the notifications`,
    ...drill.alarms.map(alarmLine),
    `topic ${drill.topicArn}: ${subscribers}`,
    'a drill proves that each alarm action publishes to SNS; it does not prove that the metric filter matches the events, nor that anyone reads the message',
  ];
}
