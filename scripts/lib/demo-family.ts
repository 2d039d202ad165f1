/**
 * The demo's first act: one enforcer keeping the whole family (CONTROLS=all) on the seeded account.
 * The first run builds every control's chain but 4.3's, which the user's RootAccountUsage chain holds
 * (adopted), read back from the APIs (the user's chains the verdicts found are shown beside; their 4.6
 * chain needs three failures to alarm, so it does not hold); the new email subscription waits for its
 * owner, who confirms it; the second run writes nothing, and the user's resources are as they were.
 * Then the adopted chain breaks (its alarm deleted) and the run on that event takes 4.3 over.
 */
import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { API_BOUNDS } from '../../src/aws/pace';
import { CONTROL_SPECS } from '../../src/catalog/specs';
import { alertSubject } from '../../src/notify';
import { alertText } from '../../src/notify/body';
import { changeLine } from '../../src/notify/describe';
import type { ControlPart, Report, ReportChange } from '../../src/report';
import type { Invoke, Outcome } from './demo-invoke';
import { BOTH, type FamilyReadBack, readBackFamily } from './demo-readback';
import type { FaithfulEmulator } from './emulator-faithful';
import { CONTROL, snapshotUserResources, type UserSnapshot } from './seed';
import { renderTable } from './table';

const say = (text = '') => process.stdout.write(`${text}\n`);

/** Writes one control alone needs; the topic, its policy, subscriptions and the trail are shared. */
const OWN: ReadonlySet<ReportChange['resource']> = new Set(['metric-filter', 'alarm']);
const LABEL: Readonly<Record<string, string>> = { 'metric-filter': 'filter', alarm: 'alarm' };

/** `filter + alarm created`, `alarm updated`: one control's own writes in a few words. */
function ownWrites(part: ControlPart): string {
  const own = part.changes.filter((c) => OWN.has(c.resource));
  const byAction = (action: string) => own.filter((c) => c.action === action).map((c) => LABEL[c.resource]);
  return ['create', 'update']
    .flatMap((action) => {
      const names = byAction(action);
      return names.length ? [`${names.join(' + ')} ${action === 'create' ? 'created' : 'updated'}`] : [];
    })
    .join(', ');
}

/** What was done for one control: its own writes, or nothing when another chain holds it (adopted). */
const whatWasDone = (part: ControlPart): string => {
  const held = part.heldBy?.map((c) => c.filter).join(', ');
  return ownWrites(part) || (held ? `nothing: adopted ${held}` : 'nothing: its chain holds');
};

const lastPart = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/** One line per chain of the user's that the verdict found for a control, and whether it holds. */
function othersLines(report: Report): string[] {
  return (report.controls ?? []).flatMap((part) =>
    (part.verdict?.chains ?? [])
      .filter((chain) => !chain.ours)
      .map((chain) => {
        const path = [chain.filter, chain.alarm, chain.topic && lastPart(chain.topic)].filter(Boolean);
        const adopted = part.heldBy?.some((c) => c.filter === chain.filter);
        const state = adopted
          ? 'holds: adopted, the enforcer built nothing for it and keeps watching it'
          : chain.state === 'holds'
            ? 'holds too'
            : `does not hold (${chain.gaps.join('; ')}): the enforcer built its own`;
        return `   ${part.control.replace(/^CIS-/, '')} ${part.key}: the user's chain ${path.join(' → ')} ${state}`;
      }),
  );
}

/** The table of the fifteen controls: ids, status and what was done. */
function familyTable(report: Report): string {
  const rows = (report.controls ?? []).map((part) => {
    const spec = CONTROL_SPECS.find((s) => s.key === part.key);
    const id = part.control.replace(/^CIS-/, '');
    return [id, part.key, spec?.securityHubId ?? '—', part.status, whatWasDone(part)];
  });
  return renderTable(['CIS', 'key', 'Security Hub', 'status', 'what was done'], rows, 3);
}

/** The run's writes every control shares (topic, policy, subscription, trail), one line each. */
const sharedLines = (report: Report) =>
  report.changes.filter((c) => !OWN.has(c.resource)).map((c) => `   shared: ${changeLine(c)}`);

const summary = ({ report, writes }: Outcome) =>
  `status ${report.status} · ${report.controls?.length ?? 1} controls · ${report.changes.length} change(s) · ` +
  `${writes} write request(s) · ${report.durationMs} ms`;

/**
 * Every control built its chain, which reads back as written, except those the user's chain holds
 * (adopted: nothing of ours, the user's RootAccountUsage for 4.3); the others wait for the subscriber's owner.
 */
function builtAll(o: Outcome, back: FamilyReadBack): boolean {
  const parts = o.report.controls ?? [];
  const built = parts.every((p) =>
    p.heldBy?.length
      ? p.changes.length === 0 && p.status === 'COMPLIANT' && back.get(p.key) !== BOTH
      : ownWrites(p) === 'filter + alarm created' && back.get(p.key) === BOTH,
  );
  const adopted = parts.filter((p) => p.heldBy?.length).map((p) => p.key);
  return (
    parts.length === CONTROL_SPECS.length &&
    built &&
    adopted.join() === 'root-usage' &&
    o.report.status === 'NON_COMPLIANT'
  );
}

/** What the APIs return now, in one line, naming the controls whose links do not read back. */
function readBackLine(back: FamilyReadBack): string {
  const missing = [...back]
    .filter(([, links]) => links !== BOTH)
    .map(([key, links]) => `${key} (${links}: adopted)`);
  const held = back.size - missing.length;
  return (
    `   Read back from the APIs: ${held} of ${back.size} controls have their filter (canonical text, its metric)\n` +
    `   and their alarm (enabled, → ${CONTROL.topicName})${missing.length ? `; not: ${missing.join(', ')}` : ''}.`
  );
}

const quiet = (o: Outcome) =>
  o.report.status === 'COMPLIANT' &&
  o.writes === 0 &&
  (o.report.controls ?? []).every((p) => p.status === 'COMPLIANT');

/** The user's resources without any the enforcer names (its fifteen filters and alarms). */
function userOnly(s: UserSnapshot): string {
  const ours = new Set(CONTROL_SPECS.flatMap((c) => [c.defaults.filterName, c.defaults.alarmName]));
  const named = (x: unknown, key: string) => ours.has(String((x as Record<string, unknown>)[key]));
  const filters = s.filters.filter((f) => !named(f, 'filterName'));
  const alarms = s.alarms.filter((a) => !named(a, 'AlarmName'));
  return JSON.stringify({ ...s, filters, alarms });
}

/** Act 1: CONTROLS=all twice on the seeded account (the owner confirms in between); true when both did what they should. */
export async function familyRuns(invoke: Invoke, view: FaithfulEmulator): Promise<boolean> {
  const before = userOnly(await snapshotUserResources(view.account));
  say('\nA. One enforcer, every control: CONTROLS=all, first run (the daily schedule)');
  const first = await invoke('schedule');
  const back = await readBackFamily(view.account);
  say(`   ${summary(first)}\n${familyTable(first.report)}`);
  for (const line of [...sharedLines(first.report), ...othersLines(first.report)]) say(line);
  for (const finding of first.report.findings) say(`   finding: ${finding}`);
  const { perSecond } = API_BOUNDS.PutMetricAlarm;
  say(
    `\n${readBackLine(back)}\n` +
      '   Every alarm notifies the one topic. The writes ran concurrently, each API paced under its AWS\n' +
      `   request-rate quota (docs/quotas.md): PutMetricAlarm at ${perSecond} a second takes most of the run's time.\n` +
      `   ${CONTROL.subscriber} confirms the subscription (ConfirmSubscription).`,
  );
  await view.human.confirm(CONTROL.topicArn, CONTROL.subscriber);
  const second = await invoke('schedule');
  const compliant = (second.report.controls ?? []).filter((p) => p.status === 'COMPLIANT').length;
  say(
    `\nB. Second CONTROLS=all run, after the confirmation: ${summary(second)}\n` +
      `   ${compliant} of ${CONTROL_SPECS.length} controls COMPLIANT.`,
  );
  const untouched = userOnly(await snapshotUserResources(view.account)) === before;
  say(`   The user's own filters, alarms, topic and subscription: ${untouched ? 'unchanged' : 'CHANGED'}`);
  const takenOver = await takeover(invoke, view);
  return builtAll(first, back) && quiet(second) && untouched && takenOver;
}

/** Act C: alice deletes the user's RootAccountUsage alarm; the run on that event builds 4.3's chain and says so. */
async function takeover(invoke: Invoke, view: FaithfulEmulator): Promise<boolean> {
  say("\nC. The adopted chain breaks: alice deletes the user's RootAccountUsage alarm (DeleteAlarms)");
  await view.account.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['RootAccountUsage'] }));
  const run = await invoke('cloudtrail-delete-user-alarm');
  const parts = run.report.controls ?? [];
  const changed = parts.filter((p) => p.status !== 'COMPLIANT');
  say(`   ${summary(run)}`);
  for (const p of changed)
    say(`   ${p.control.replace(/^CIS-/, '')} ${p.key}: ${p.status}, ${whatWasDone(p)}`);
  say(`   The alert:\n${box(`Subject: ${alertSubject(run.report)}\n\n${alertText(run.report)}`)}`);
  const only =
    changed.length === 1 &&
    changed[0]?.key === 'root-usage' &&
    ownWrites(changed[0]) === 'filter + alarm created';
  const told = (run.report.news ?? []).some((n) => n.startsWith('CIS-4.3: no other chain holds it'));
  return run.report.status === 'REPAIRED' && run.writes === 2 && only && told;
}

/** Text in the demo's alert box. */
function box(text: string): string {
  return text
    .split('\n')
    .map((line) => `     │ ${line}`)
    .join('\n');
}
