import type { SNSClient } from '@aws-sdk/client-sns';
import { toStepError } from '../aws/errors';
import type { Config } from '../config';
import { topicArn } from '../plan/desired';
import type { Report } from '../report';
import { maskUrls } from '../telemetry/redact';
import type { AliasLookup } from './alias';
import { fitAlert, SNS_MESSAGE_MAX_BYTES } from './fit';
import { type AlertMemory, createAlertMemory, newsKey, problemKey, wroteSomething } from './memory';
import { buildAlert, sendsAlert } from './message';
import { freshNews, quietReason, undelivered } from './news';
import { publishAlert } from './publish';

/** What became of a run's alert. */
export type Notification =
  | { readonly sent: true; readonly topicArn: string; readonly messageId: string }
  | { readonly sent: false; readonly suppressed: true; readonly reason: string }
  | {
      readonly sent: false;
      readonly error: string;
      readonly topicArn?: string;
      /** Set when SNS accepted the alert but nobody who should could receive it. */
      readonly messageId?: string;
    };

/** A report with the outcome of its alert; runs that send none carry no `notification`. */
export type NotifiedReport = Report & { readonly notification?: Notification };

export interface NotifierDeps {
  readonly sns: SNSClient;
  readonly config: Config;
  readonly memory?: AlertMemory;
  /** The account's alias for the alert (once per cold start); without it alerts name the id alone. */
  readonly alias?: AliasLookup;
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

/** After a delivered alert: its problem, its news and its caller are remembered. */
function remember(memory: AlertMemory, report: Report): void {
  if (sendsAlert(report.status)) memory.remember(problemKey(report));
  memory.tell((report.news ?? []).map(newsKey));
  if (report.trigger.kind === 'cloudtrail') memory.named(report.trigger.actor.arn);
}

async function publish(deps: NotifierDeps, memory: AlertMemory, topic: string, report: Report) {
  const limit = Math.min(SNS_MESSAGE_MAX_BYTES, report.audience?.maxMessageBytes ?? SNS_MESSAGE_MAX_BYTES);
  const messageId = await publishAlert(deps.sns, topic, fitAlert(buildAlert(report), limit));
  const nobody = undelivered(report);
  // Nobody who should heard it: nothing is remembered, so the next run tries again.
  if (nobody) return { sent: false as const, topicArn: topic, messageId, error: `published, but ${nobody}` };
  remember(memory, report);
  return { sent: true as const, topicArn: topic, messageId };
}

async function send(deps: NotifierDeps, memory: AlertMemory, report: Report): Promise<Notification> {
  const topic = alertTopic(deps.config, report);
  if (!topic) return { sent: false, error: 'topic unknown: the account id was not discovered' };
  // A drill's alert is what the drill is for: it is never quieted.
  const drill = report.trigger.kind === 'drill' && report.drill !== undefined;
  const quiet = drill
    ? undefined
    : quietReason(report, memory, freshNews(report, memory), wroteSomething(report));
  if (quiet) return { sent: false, suppressed: true, reason: quiet };
  try {
    return await publish(deps, memory, topic, report);
  } catch (error) {
    // Name the action and resource (an AccessDenied tells the operator what to grant) and the hint.
    const e = toStepError('notify', error);
    const hint = e.hint ? ` (${e.hint})` : '';
    const detail = maskUrls(`${e.action} on ${e.resource}: ${e.code}: ${e.message}${hint}`);
    return { sent: false, topicArn: topic, error: detail };
  }
}

/**
 * Builds a notifier with its own alert memory (or the one given). A run alerts when its status does
 * or when it has news not yet told; a COMPLIANT run forgets every remembered problem.
 */
export function createNotifier(deps: NotifierDeps): Notifier {
  const memory = deps.memory ?? createAlertMemory();
  return {
    async notify(report) {
      if (report.status === 'COMPLIANT') memory.forgetProblems();
      const drill = report.trigger.kind === 'drill' && report.drill !== undefined && !report.drill.refused;
      if (!sendsAlert(report.status) && !report.news?.length && !drill) return report;
      const alias = report.accountId ? await deps.alias?.() : undefined;
      const named = alias ? { ...report, accountAlias: alias } : report;
      return { ...named, notification: await send(deps, memory, named) };
    },
  };
}
