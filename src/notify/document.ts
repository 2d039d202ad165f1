import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { Report, ReportChange } from '../report';
import { maskUrls } from '../telemetry/redact';
import { controlOf } from './describe';
import { type Lookup, lookupOf } from './lookup';
import { cleanTrigger, oneLine } from './sanitize';

/** Identifies the JSON alert layout; bumped on any incompatible change. */
export const ALERT_SCHEMA = 'cis-monitoring-enforcer/alert/v1';

/** A change as machines read it in an alert: no before/after dumps. */
export interface AlertChange {
  readonly resource: ReportChange['resource'];
  readonly action: ReportChange['action'];
  readonly reasons: readonly string[];
}

/** The JSON part of an alert, for HTTPS, SQS, Lambda and email-json subscribers. */
export interface AlertDocument {
  readonly schema: typeof ALERT_SCHEMA;
  readonly subject: string;
  readonly status: Report['status'];
  readonly control: { readonly id: string; readonly securityHubId?: string; readonly title?: string };
  readonly mode: Report['mode'];
  readonly accountId?: string;
  /** The account's IAM alias, when it has one. */
  readonly accountAlias?: string;
  readonly region: string;
  readonly trail?: string;
  readonly logGroup?: string;
  readonly trigger: Report['trigger'];
  readonly changes: readonly AlertChange[];
  readonly remaining: readonly AlertChange[];
  readonly findings: readonly string[];
  /** Facts worth an alert even when the control holds (see Report.news). */
  readonly news: readonly string[];
  readonly errors: Report['errors'];
  readonly lookup?: Lookup;
  /** A fire drill's outcome per alarm, when the run was one. */
  readonly drill?: Report['drill'];
  /** The same text email subscribers get. */
  readonly text: string;
  /** Set when the alert was cut to fit SNS's message size limit: the lists are incomplete. */
  readonly truncated?: true;
}

/** Report text as the JSON carries it: URLs masked, one bounded line, nothing invisible. */
const line = (text: string): string => oneLine(maskUrls(text), 2000);

const alertChange = (c: ReportChange): AlertChange => ({
  resource: c.resource,
  action: c.action,
  reasons: c.reasons.map(line),
});

/** The machine-readable alert: the report's facts without before/after values. */
export function alertDocument(report: Report, subject: string, text: string): AlertDocument {
  const control = controlOf(report);
  const lookup = lookupOf(report);
  return {
    schema: ALERT_SCHEMA,
    subject,
    status: report.status,
    control: control
      ? { id: control.id, securityHubId: control.securityHubId, title: control.title }
      : { id: report.control },
    mode: report.mode,
    ...(report.accountId ? { accountId: report.accountId } : {}),
    ...(report.accountAlias ? { accountAlias: line(report.accountAlias) } : {}),
    region: report.region,
    ...(report.trail ? { trail: report.trail } : {}),
    ...(report.logGroup ? { logGroup: report.logGroup } : {}),
    trigger: cleanTrigger(report.trigger),
    changes: report.changes.map(alertChange),
    remaining: (report.remaining ?? []).map(alertChange),
    findings: report.findings.map(line),
    news: (report.news ?? []).map(line),
    errors: report.errors.map((e) => ({ ...e, message: line(e.message) })),
    ...(lookup ? { lookup } : {}),
    ...(report.drill ? { drill: report.drill } : {}),
    text,
  };
}

/** SNS message attributes subscription filter policies can match on: status, control, trigger kind. */
export function alertAttributes(report: Report): Record<string, MessageAttributeValue> {
  const attribute = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  return {
    status: attribute(report.status),
    control: attribute(report.control),
    trigger: attribute(report.trigger.kind),
  };
}
