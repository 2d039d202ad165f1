import type { Report } from '../report';
import { actorName, controlLabel, resourcesOf } from './describe';
import { drillHeadline } from './drill';
import { stripInvisible } from './sanitize';
import { touchLabel } from './touched';

/** SNS: a subject is ASCII, without line breaks or control characters, and less than 100 characters. */
export const SUBJECT_MAX = 99;

/** What started the run, as the tail of a subject: ` after DeleteAlarms by alice`, ` (daily check)`. */
export function causeOf(report: Report): string {
  const t = report.trigger;
  switch (t.kind) {
    case 'cloudtrail':
      return ` after ${t.eventName} by ${actorName(t.actor)}`;
    case 'schedule':
      return ' (daily check)';
    case 'manual':
      return ' (manual run)';
    case 'deploy':
      return ` (stack ${t.requestType.toLowerCase()})`;
    default:
      return '';
  }
}

/** `restored` after someone's call; otherwise `created` when everything was new, else `repaired`. */
function repairVerb(report: Report): string {
  if (report.trigger.kind === 'cloudtrail') return 'restored';
  return report.changes.every((c) => c.action === 'create') ? 'created' : 'repaired';
}

/**
 * A run that holds and alerts only for news: a touch names the resource, the caller and the call
 * (`alarm touched by mallory (DeleteAlarms), holds again`, or `… restored by alice (PutMetricAlarm)`);
 * other news says the control holds and leads with the first item.
 */
function newsHeadline(report: Report): { head: string; detail?: string; cause?: false } {
  const t = report.trigger;
  const touch = report.touched;
  if (touch && t.kind === 'cloudtrail') {
    const by = `by ${actorName(t.actor)} (${touch.call})`;
    const head = touch.restored ? `restored ${by}` : `touched ${by}, holds again`;
    return { head: `${touchLabel(touch)} ${head}`, cause: false };
  }
  const first = report.news?.[0];
  return { head: 'holds; news', ...(first ? { detail: first } : {}) };
}

/** The headline and an optional detail for each status that alerts. */
function headline(report: Report): { head: string; detail?: string; cause?: false } {
  switch (report.status) {
    case 'COMPLIANT':
      return newsHeadline(report);
    case 'REPAIRED':
      // A takeover: another chain held the control and broke, so the enforcer built its own.
      if (report.news?.some((line) => line.includes(': no other chain holds it — '))) {
        return { head: `${resourcesOf(report.changes)} built: other chain broke` };
      }
      return { head: `${resourcesOf(report.changes)} ${repairVerb(report)}` };
    case 'DRIFT_DETECTED':
      return { head: `drift in ${resourcesOf(report.changes)}, not repaired (detect mode)` };
    case 'DRIFT_PERSISTS':
      return { head: `repair did not hold for ${resourcesOf(report.remaining ?? report.changes)}` };
    case 'NON_COMPLIANT': {
      const first = report.findings[0];
      return { head: 'not compliant', ...(first ? { detail: first } : {}) };
    }
    case 'ERROR': {
      const first = report.errors[0];
      return { head: 'enforcer error', ...(first ? { detail: `${first.action} ${first.code}` } : {}) };
    }
    default:
      return { head: report.status.toLowerCase().replace(/_/g, ' ') };
  }
}

/** Replaces what SNS refuses in a subject (non-ASCII, control characters) and collapses whitespace. */
export function asciiSubject(text: string): string {
  const ascii = stripInvisible(text)
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
  return ascii.length <= SUBJECT_MAX ? ascii : `${ascii.slice(0, SUBJECT_MAX - 3).trimEnd()}...`;
}

/** `[prod-main 123456789012] ` when the account has an alias (many accounts, one channel); else nothing. */
function accountPrefix(report: Report): string {
  return report.accountAlias ? `[${report.accountAlias} ${report.accountId ?? 'unknown'}] ` : '';
}

/** The alert's subject: control, what happened, and who or what caused it; ASCII, ≤ 99 characters. */
export function alertSubject(report: Report): string {
  const drill = report.trigger.kind === 'drill' && report.drill ? report.drill : undefined;
  const { head, detail, cause } = drill ? { ...drillHeadline(drill), detail: undefined } : headline(report);
  const tail = cause === false ? '' : causeOf(report);
  const text = `${accountPrefix(report)}${controlLabel(report)} ${head}${tail}${detail ? `: ${detail}` : ''}`;
  return asciiSubject(text);
}
