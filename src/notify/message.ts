import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { Report, Status } from '../report';
import { alertText } from './body';
import { type AlertDocument, alertAttributes, alertDocument } from './document';
import { alertSubject } from './subject';

/** Statuses that changed something or found a problem: each such run alerts the topic. */
export const ALERT_STATUSES: readonly Status[] = [
  'REPAIRED',
  'DRIFT_DETECTED',
  'NON_COMPLIANT',
  'DRIFT_PERSISTS',
  'ERROR',
];

/**
 * True when a run with this status sends an alert (never COMPLIANT, NOT_APPLICABLE, IGNORED,
 * IGNORED_OWN_CHANGE): a member account or another region of an organization trail is not a failure.
 */
export function sendsAlert(status: Status): boolean {
  return ALERT_STATUSES.includes(status);
}

/** Everything one alert carries: subject, text for people, JSON for machines, attributes for filters. */
export interface Alert {
  readonly subject: string;
  readonly text: string;
  readonly document: AlertDocument;
  readonly attributes: Record<string, MessageAttributeValue>;
  /** How the SNS message is laid out; absent for the full layout (see snsMessage). */
  readonly layout?: 'compact' | 'bare';
}

/** Builds the alert for a report; pure. */
export function buildAlert(report: Report): Alert {
  const subject = alertSubject(report);
  const text = alertText(report);
  return {
    subject,
    text,
    document: alertDocument(report, subject, text),
    attributes: alertAttributes(report),
  };
}

/** The alert as a person reads it (subject line, then body); undefined when the status sends none. */
export function formatAlert(report: Report): string | undefined {
  if (!sendsAlert(report.status)) return undefined;
  const alert = buildAlert(report);
  return `Subject: ${alert.subject}\n\n${alert.text}`;
}

const JSON_PROTOCOLS = ['email-json', 'http', 'https', 'sqs', 'lambda', 'firehose'] as const;

/**
 * The SNS `Message` for `MessageStructure: 'json'`: email (and any protocol not listed) gets the text,
 * machine protocols the JSON document, SMS only the subject. Layouts for a topic too small for that
 * (see fitAlert): `compact` sends the document once, as the default every protocol but email and SMS
 * falls back to; `bare` sends only the subject and a pointer to the log line.
 */
export function snsMessage(alert: Alert): string {
  if (alert.layout === 'bare') {
    const text = `${alert.subject}\n\n${BARE_NOTE}`;
    return JSON.stringify({ default: text, email: text, sms: alert.subject });
  }
  const json = JSON.stringify(alert.document);
  if (alert.layout === 'compact')
    return JSON.stringify({ default: json, email: alert.text, sms: alert.subject });
  const perProtocol = Object.fromEntries(JSON_PROTOCOLS.map((protocol) => [protocol, json]));
  return JSON.stringify({ default: alert.text, email: alert.text, ...perProtocol, sms: alert.subject });
}

const BARE_NOTE =
  "The topic's MaximumMessageSize is too small for the alert: its text is in the enforcer's log line for this run.";
