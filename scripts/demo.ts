/**
 * `npm run demo`: the enforcer against a local AWS API emulator (moto server). The emulator is seen
 * through the AWS-faithful layer (scripts/lib/faithful), so it answers as AWS would: the email
 * subscription the enforcer creates stays pending until its owner confirms it, which the demo does as
 * that person would. Seeds an account (a trail and the user's own monitoring), then:
 *   A, B. one enforcer with CONTROLS=all builds all fifteen controls (a table of what was done for
 *         each), the owner confirms, and a second run writes nothing;
 *   1–5.  on the account seeded afresh, the Lambda handler with the default control (4.10) creates it,
 *         then a person tampers three ways and each repair is shown with its reasons and actor.
 * Exits 0 when every step did what it should; the emulator is stopped in every case, Ctrl-C included.
 */
import { formatAlert } from '../src/notify/message';
import type { Report } from '../src/report';
import { familyRuns } from './lib/demo-family';
import { DEMO_CONFIG, enforcerInvoke, handlerInvoke, type Invoke, type Outcome } from './lib/demo-invoke';
import { describeControl, describeSeed, TAMPERINGS, type Tampering } from './lib/demo-steps';
import { type Emulator, emulatorEnv, QUIET_SDK, startEmulator } from './lib/emulator';
import { type FaithfulEmulator, openFaithful } from './lib/emulator-faithful';
import { type AccountClients, CONTROL, seedAccount, snapshotUserResources } from './lib/seed';
import { renderTable } from './lib/table';

const say = (text = '') => process.stdout.write(`${text}\n`);

const changeTable = (report: Report) =>
  renderTable(
    ['resource', 'action', 'reason'],
    report.changes.map((c) => [c.resource, c.action, c.reasons.join('\n')]),
    5,
  );

function summary({ report, writes }: Outcome): string {
  return `status ${report.status} · ${report.changes.length} change(s) · ${writes} write request(s) · ${report.durationMs} ms`;
}

const quiet = (o: Outcome) => o.report.status === 'COMPLIANT' && o.writes === 0;

/** True when the first run built all four links and reports the new subscription as awaiting its owner. */
const awaitsOwner = ({ report }: Outcome) =>
  report.status === 'NON_COMPLIANT' &&
  report.changes.length === 4 &&
  report.findings.some((f) => f.includes(`email:${CONTROL.subscriber}`));

/**
 * Steps 1 and 2: the enforcer creates the control; the new email subscription waits for its owner,
 * who confirms it; then the enforcer finds the control compliant without writing.
 */
async function firstRuns(invoke: Invoke, view: FaithfulEmulator): Promise<boolean> {
  say('\n1. First run (the daily schedule): nothing of the control exists yet');
  const first = await invoke('schedule');
  say(`   ${summary(first)}\n${changeTable(first.report)}`);
  for (const finding of first.report.findings) say(`   finding: ${finding}`);
  say(`\n   Created, as read back from the APIs:\n${await describeControl(view.account)}`);
  say(
    '\n   As on AWS, a new email subscription waits until its owner follows the link in the confirmation\n' +
      `   message, so the run says NON_COMPLIANT. ${CONTROL.subscriber} now confirms it (ConfirmSubscription).`,
  );
  await view.human.confirm(CONTROL.topicArn, CONTROL.subscriber);
  const second = await invoke('schedule');
  say(`\n2. Second run, after the confirmation: ${summary(second)}`);
  return awaitsOwner(first) && quiet(second);
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `     │ ${line}`)
    .join('\n');

/** One tampering, its repair and the quiet run after it; the row it adds to the summary table. */
async function tamperAndRepair(invoke: Invoke, account: AccountClients, step: Tampering, n: number) {
  say(`\n${n}. alice ${step.title}`);
  await step.tamper(account);
  const repair = await invoke(step.event);
  const { trigger } = repair.report;
  const [actor, eventName] =
    trigger.kind === 'cloudtrail' ? [trigger.actor.arn, trigger.eventName] : [trigger.kind, '-'];
  say(`   ${summary(repair)}\n   triggered by ${eventName} from ${actor}\n${changeTable(repair.report)}`);
  say(
    `\n   The alert the enforcer published to its topic:\n${indent(formatAlert(repair.report) ?? '(none)')}\n`,
  );
  const again = await invoke(step.event);
  say(`   same event again: ${summary(again)}`);
  const changes = repair.report.changes.map((c) => `${c.resource} ${c.action}`).join('\n');
  const reasons = repair.report.changes.flatMap((c) => c.reasons).join('\n');
  const who = actor.replace(/^arn:aws:sts::\d+:/, '');
  const row = [step.title, eventName, who, repair.report.status, changes, reasons];
  return { ok: repair.report.status === 'REPAIRED' && quiet(again), row };
}

/** Act 1: one enforcer keeping all fifteen controls on the seeded account. */
async function family(emulator: Emulator, view: FaithfulEmulator): Promise<boolean> {
  await seedAccount(view.account, view.human);
  say(describeSeed(emulator.endpoint));
  return familyRuns(enforcerInvoke(view.enforcer, { CONTROLS: 'all' }), view);
}

/** Act 2: the story of one control (CONTROLS unset: security group changes) on a freshly seeded account. */
async function story(view: FaithfulEmulator): Promise<boolean> {
  const { account } = view;
  await view.reset();
  await seedAccount(account, view.human);
  const before = JSON.stringify(await snapshotUserResources(account));
  say(
    '\n\nThe story of one control, the default (CONTROLS unset: CIS 4.10 security group changes),\n' +
      'on the same account seeded afresh, through the Lambda handler',
  );
  const invoke = await handlerInvoke(view.enforcer);
  let ok = await firstRuns(invoke, view);
  const rows: string[][] = [];
  for (const [i, step] of TAMPERINGS.entries()) {
    const done = await tamperAndRepair(invoke, account, step, i + 3);
    ok &&= done.ok;
    rows.push(done.row);
  }
  say(`\nRepairs\n${renderTable(['alice', 'event', 'actor', 'status', 'repair', 'reasons'], rows)}`);
  const untouched = JSON.stringify(await snapshotUserResources(account)) === before;
  say(
    `\nThe user's own filters, alarms, topic, subscription and alarm action: ${untouched ? 'unchanged' : 'CHANGED'}`,
  );
  return ok && untouched;
}

async function run(emulator: Emulator, view: FaithfulEmulator): Promise<boolean> {
  Object.assign(process.env, emulatorEnv(view.enforcer.endpoint), DEMO_CONFIG);
  const families = await family(emulator, view);
  return (await story(view)) && families;
}

async function main(): Promise<void> {
  Object.assign(process.env, QUIET_SDK);
  say(
    'cis-monitoring-enforcer demo: the Lambda handler against a local AWS API emulator (moto server),\n' +
      'answering as AWS does where moto is laxer (docs/aws-differences.md)\n',
  );
  const emulator = await startEmulator();
  const view = await openFaithful(emulator.endpoint);
  const cleanup = async () => {
    await view.close();
    await emulator.stop();
  };
  process.once('SIGINT', () => {
    void cleanup().finally(() => process.exit(130));
  });
  let ok = false;
  try {
    ok = await run(emulator, view);
  } finally {
    await cleanup();
  }
  say(
    ok
      ? "\nDemo complete: fourteen controls were built, the user's root-usage chain adopted, held without a\n" +
          'write, and taken over when it broke; every tampering\n' +
          'was repaired and the next run wrote nothing.'
      : '\nDemo FAILED: see above.',
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
