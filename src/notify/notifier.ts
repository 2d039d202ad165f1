import type { SNSClient } from '@aws-sdk/client-sns';
import type { Config } from '../config';
import { topicArn } from '../desired';
import { toStepError } from '../errors';
import type { Report } from '../report';
import { type AlertMemory, createAlertMemory, problemKey, wroteSomething } from './memory';
import { buildAlert, sendsAlert } from './message';
import { publishAlert } from './publish';

/** What became of a run's alert. */
export type Notification =
  | { readonly sent: true; readonly topicArn: string; readonly messageId: string }
  | { readonly sent: false; readonly suppressed: true; readonly reason: string }
  | { readonly sent: false; readonly error: string; readonly topicArn?: string };

/** A report with the outcome of its alert; runs that send none carry no `notification`. */
export type NotifiedReport = Report & { readonly notification?: Notification };

export interface NotifierDeps {
  readonly sns: SNSClient;
  readonly config: Config;
  readonly memory?: AlertMemory;
}

/** Sends each run's alert; built once per cold start so its memory quiets bursts. */
export interface Notifier {
  /** Alerts the topic when the report calls for it; never throws. */
  notify(report: Report): Promise<NotifiedReport>;
}

/** The topic to alert: the configured ARN, or the enforcer's own topic in the discovered account. */
function alertTopic(config: Config, report: Report): string | undefined {
  if (config.topic.kind === 'arn') return config.topic.arn;
  return report.accountId ? topicArn(config, report.accountId) : undefined;
}

function quietReason(report: Report, ageMs: number): string {
  const minutes = Math.max(1, Math.round(ageMs / 60_000));
  return `the same ${report.status} findings were alerted ${minutes} min ago`;
}

async function send(deps: NotifierDeps, memory: AlertMemory, report: Report): Promise<Notification> {
  const topic = alertTopic(deps.config, report);
  if (!topic) return { sent: false, error: 'topic unknown: the account id was not discovered' };
  const key = problemKey(report);
  const age = memory.recent(key);
  if (age !== undefined && !wroteSomething(report)) {
    return { sent: false, suppressed: true, reason: quietReason(report, age) };
  }
  try {
    const messageId = await publishAlert(deps.sns, topic, buildAlert(report));
    memory.remember(key);
    return { sent: true, topicArn: topic, messageId };
  } catch (error) {
    // Name the action and resource (an AccessDenied tells the operator what to grant) and the hint.
    const e = toStepError('notify', error);
    const hint = e.hint ? ` (${e.hint})` : '';
    return {
      sent: false,
      topicArn: topic,
      error: `${e.action} on ${e.resource}: ${e.code}: ${e.message}${hint}`,
    };
  }
}

/** Builds a notifier with its own alert memory (or the one given). */
export function createNotifier(deps: NotifierDeps): Notifier {
  const memory = deps.memory ?? createAlertMemory();
  return {
    async notify(report) {
      if (!sendsAlert(report.status)) return report;
      return { ...report, notification: await send(deps, memory, report) };
    },
  };
}
