import type { BatchEntry, Report, ReportChange, Status } from '../report';
import { maskUrls } from '../telemetry/redact';
import { accountName } from './alias';
import { capped, changeLine, controlOf, resourceLabel } from './describe';
import { drillLines } from './drill';
import { lookupOf } from './lookup';
import { callerText, cleanText, oneLine } from './sanitize';

const MEANING: Readonly<Record<Status, string>> = {
  COMPLIANT: 'the control holds; nothing was written.',
  REPAIRED: 'drift was found and repaired; a second observation confirmed the repair.',
  DRIFT_DETECTED: 'drift was found; nothing was written (detect mode or dry run).',
  NON_COMPLIANT: 'the control does not hold, for a reason the enforcer must not or cannot fix.',
  DRIFT_PERSISTS: 'the writes succeeded but a second observation still differs: something is undoing them.',
  ERROR: 'an AWS call failed; independent resources were still checked and repaired.',
  IGNORED: 'the event was not one to act on.',
  IGNORED_OWN_CHANGE: "the event was caused by the enforcer's own role.",
  NOT_APPLICABLE:
    "no trail delivers this account's events to a log group here: the controls are kept where the trail's log group is (another account or region); nothing was written.",
};

// One line per item: a line break inside a finding or a name cannot forge a section of the alert.
const bullets = (items: readonly string[]): string[] =>
  capped(items).map((item) => `  - ${oneLine(item, 1000)}`);

function section(title: string, items: readonly string[]): string[] {
  return items.length ? ['', title, ...bullets(items)] : [];
}

function reasonsOf(changes: readonly ReportChange[]): string[] {
  return changes.flatMap((c) => c.reasons.map((r) => `${resourceLabel(c.resource)}: ${maskUrls(r)}`));
}

/** A control's title line: `CIS-4.3 (Security Hub CloudWatch.1): Ensure …`, or the id alone when unknown. */
function titleOf(id: string): string {
  const control = controlOf({ control: id } as Report);
  if (!control) return id;
  const hub = control.securityHubId ? ` (Security Hub ${control.securityHubId})` : '';
  return `${id}${hub}: ${control.title}`;
}

function header(report: Report): string[] {
  const parts = report.controls ?? [];
  const title = parts.length > 1 ? `${parts.length} CIS monitoring controls` : titleOf(report.control);
  const where = [
    `Account ${accountName(report.accountId, report.accountAlias)}`,
    `region ${report.region}`,
    `mode ${report.mode}`,
  ];
  return [
    title,
    `Status: ${report.status}: ${MEANING[report.status]}`,
    where.join(', '),
    ...(report.trail ? [`Trail: ${report.trail}`] : []),
    ...(report.logGroup ? [`Log group: ${report.logGroup}`] : []),
  ];
}

/** With several controls: each one that did not simply hold, worst first, and how many did. */
function perControl(report: Report): string[] {
  const parts = report.controls ?? [];
  if (parts.length < 2) return [];
  const rank = (status: Status) => STATUS_ORDER.indexOf(status);
  const moved = parts.filter((p) => p.status !== 'COMPLIANT').sort((a, b) => rank(a.status) - rank(b.status));
  const lines = moved.map((p) => {
    const what = p.changes.length
      ? `: ${[...new Set(p.changes.map((c) => resourceLabel(c.resource)))].join(', ')}`
      : '';
    return `${titleOf(p.control)}: ${p.status}${what}`;
  });
  const held = parts.length - moved.length;
  return section('Controls', [
    ...lines,
    ...(held ? [`${held} other control${held === 1 ? '' : 's'} held`] : []),
  ]);
}

/** Worst first: the order a reader should meet the controls in. */
const STATUS_ORDER: readonly Status[] = [
  'ERROR',
  'DRIFT_PERSISTS',
  'NON_COMPLIANT',
  'REPAIRED',
  'DRIFT_DETECTED',
  'COMPLIANT',
  'NOT_APPLICABLE',
  'IGNORED',
  'IGNORED_OWN_CHANGE',
];

function wrong(report: Report): string[] {
  const changed = reasonsOf(report.changes);
  // ERROR runs may have found nothing before failing: the Errors section says what happened.
  return section('What was wrong', [...changed, ...report.findings.map(maskUrls)]);
}

/** Facts worth telling even when the control holds: a touch of its resources, a subscriber nobody configured. */
function news(report: Report): string[] {
  return section('News', (report.news ?? []).map(maskUrls));
}

function done(report: Report): string[] {
  const lines = report.changes.map(changeLine);
  if (report.mode === 'detect') {
    return section('What was done', ['nothing: detect mode; it would have made these writes:', ...lines]);
  }
  return section('What was done', lines.length ? lines : ['nothing was written']);
}

function failed(report: Report): string[] {
  const errors = report.errors.map((e) =>
    maskUrls(`${e.step}: ${e.action} on ${e.resource}: ${e.code}: ${e.message}`),
  );
  return [
    ...section('Still wrong after the repair', reasonsOf(report.remaining ?? [])),
    ...section('Errors', errors),
  ];
}

/** A run for a batch of queued events: each event it covered, one line each, in queue order. */
function batchLines(report: Report): string[] {
  const entries = report.batch ?? [];
  if (entries.length < 2) return [];
  const line = ({ trigger: t, skipped }: BatchEntry): string => {
    const what =
      t.kind === 'cloudtrail'
        ? `${t.eventName} by ${t.actor.arn} at ${t.eventTime} (event ${t.eventId})`
        : t.kind === 'schedule'
          ? 'the daily check'
          : 'an unrecognised message';
    return callerText(skipped ? `${what}: skipped, ${skipped}` : what);
  };
  return [
    `  ${entries.length} queued events, one run for all:`,
    ...capped(entries.map(line)).map((l) => `    - ${l}`),
  ];
}

function who(report: Report): string[] {
  return ['', 'Who triggered it', ...whoFirst(report), ...batchLines(report)];
}

function whoFirst(report: Report): string[] {
  const t = report.trigger;
  if (t.kind !== 'cloudtrail') {
    const what = {
      schedule: 'the daily check',
      manual: 'a manual invoke',
      deploy: 'a stack deploy',
      drill: 'a fire drill',
    };
    const by = t.kind === 'unknown' ? 'an unrecognised event' : what[t.kind];
    return [`  ${by}: it sees that something changed, not who changed it`];
  }
  const rows: [string, string | undefined][] = [
    ['Event', `${t.eventName} (${t.eventSource})`],
    ['Identity', `${t.actor.arn} (${t.actor.type})`],
    ['Source IP', t.actor.sourceIp],
    ['User agent', t.actor.userAgent],
    ['Event time', t.eventTime],
    ['Region', t.region],
    ['Account', t.account],
    ['Event ID', t.eventId],
  ];
  return rows.filter(([, v]) => v).map(([k, v]) => `  ${`${k}:`.padEnd(12)}${callerText(v ?? '')}`);
}

function further(report: Report): string[] {
  const lookup = lookupOf(report);
  if (!lookup) return [];
  return ['', 'Look further (CloudTrail)', ...lookup.cli.map((c) => `  ${c}`), `  ${lookup.console}`];
}

/** The alert body for people: control, what was wrong, news, what was done, who triggered it, where to look. */
export function alertText(report: Report): string {
  const lines = [
    ...header(report),
    ...perControl(report),
    ...(report.drill ? section('Fire drill', drillLines(report.drill)) : []),
    ...wrong(report),
    ...news(report),
    ...done(report),
    ...failed(report),
  ];
  return cleanText([...lines, ...who(report), ...further(report)].join('\n'));
}
