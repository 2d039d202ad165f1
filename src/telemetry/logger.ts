import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config';
import type { NotifiedReport } from '../notify';
import type { Report } from '../report';
import { maskUrls } from './redact';

/** The service name on every log line and metric. */
export const SERVICE_NAME = 'cis-monitoring-enforcer';

/** Any URL in any logged string keeps only its origin: an SDK error quoting a webhook cannot leak its path. */
const maskUrlsIn = (_key: string, value: unknown): unknown =>
  typeof value === 'string' ? maskUrls(value) : value;

/** The enforcer's JSON-lines logger (Powertools), at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return new Logger({ serviceName: SERVICE_NAME, logLevel: config.logLevel, jsonReplacerFn: maskUrlsIn });
}

type Keys = Record<string, string | Record<string, string>>;

/** Correlation keys every later line of a run carries: trigger, actor, CloudTrail event id. */
export function runKeys(trigger: Report['trigger']): Keys {
  if (trigger.kind !== 'cloudtrail') return { trigger: trigger.kind };
  return {
    trigger: trigger.kind,
    eventName: trigger.eventName,
    cloudTrailEventId: trigger.eventId,
    actor: { arn: trigger.actor.arn, type: trigger.actor.type },
  };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The shape of an invocation payload, never its content: kind, source, event name and id, top-level keys. */
export function eventShape(event: unknown): Record<string, unknown> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { type: Array.isArray(event) ? 'array' : typeof event };
  }
  const e = event as Record<string, unknown>;
  const detail =
    typeof e.detail === 'object' && e.detail !== null ? (e.detail as Record<string, unknown>) : {};
  const fields = {
    detailType: str(e['detail-type']),
    source: str(e.source),
    eventName: str(detail.eventName),
    eventId: str(detail.eventID),
    requestType: str(e.RequestType),
  };
  const present = Object.entries(fields).filter(([, v]) => v !== undefined);
  return { ...Object.fromEntries(present), keys: Object.keys(e).slice(0, 12) };
}

/** Logs the run's report as one JSON line, at the level its status deserves; a failed alert is a warning. */
export function logReport(logger: Logger, report: NotifiedReport): void {
  const line = { status: report.status, report };
  if (report.status === 'ERROR') logger.error(`reconcile ${report.status}`, line);
  else if (report.status === 'NON_COMPLIANT' || report.status === 'DRIFT_PERSISTS') {
    logger.warn(`reconcile ${report.status}`, line);
  } else logger.info(`reconcile ${report.status}`, line);
  const n = report.notification;
  if (n && !n.sent && 'error' in n) logger.warn('alert not sent', { notification: n });
}
