/**
 * The deployed artifact, not the source: `sls package` builds the zip Lambda would run (offline, no
 * credentials), and its bundled handler runs the fresh-account and one tamper scenario against the
 * emulator, so a bundling mistake (a missing module, a broken import, code left out) fails here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/lib/emulator';
import { packageService } from '../../scripts/lib/package';
import { CONTROL } from '../../scripts/lib/seed';
import { AWAITING_CONFIRMATION, expectRepaired, readControl } from './support/control';
import { ALICE, useWorld } from './support/harness';
import { expectConfirmedThenHealed, expectHealedAndQuiet, tamper } from './support/tamper';

const ROOT = projectRoot();
const OUT = mkdtempSync(join(tmpdir(), 'cis-bundle-'));
const BUNDLED_HANDLER = join(OUT, 'unzipped', 'handlers', 'reconcile.js');

/** Runs a command and throws with its output when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

beforeAll(() => {
  packageService(OUT);
  const env = { ...process.env };
  const zip = join(OUT, 'cis-monitoring-enforcer.zip');
  run(join(ROOT, '.venv', 'moto', 'bin', 'python'), ['-m', 'zipfile', '-e', zip, join(OUT, 'unzipped')], env);
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

it('the packaged zip holds one bundled handler file', () => {
  expect(existsSync(BUNDLED_HANDLER)).toBe(true);
  expect(statSync(BUNDLED_HANDLER).size).toBeGreaterThan(50_000);
});

describe('bundled handler, fresh account', () => {
  const world = useWorld('fresh', BUNDLED_HANDLER);

  it('creates the whole control (NON_COMPLIANT while the new email subscription is pending), then, once confirmed, finds it COMPLIANT without writes', async () => {
    const first = await world.invoke('schedule');

    expect(first.report.status).toBe(AWAITING_CONFIRMATION.status);
    expect(first.report.findings).toEqual(AWAITING_CONFIRMATION.findings);
    expect(first.writes).toEqual([
      'sns:CreateTopic',
      'sns:Subscribe',
      'logs:PutMetricFilter',
      'monitoring:PutMetricAlarm',
    ]);
    await expectConfirmedThenHealed(world, 'schedule');
  });
});

describe('bundled handler, tampered account', () => {
  const world = useWorld('compliant', BUNDLED_HANDLER);

  it('re-enables disabled alarm actions on the DisableAlarmActions event, naming the actor', async () => {
    await tamper.disableAlarmActions(world.account);

    const run = await world.invoke('cloudtrail-disable-alarm-actions');

    expectRepaired(
      run,
      { eventName: 'DisableAlarmActions', actor: ALICE },
      [{ resource: 'alarm', action: 'update', reasons: ['ActionsEnabled was false'] }],
      ['monitoring:PutMetricAlarm'],
    );
    expect((await readControl(world.account)).alarm?.AlarmActions).toContain(CONTROL.topicArn);
    await expectHealedAndQuiet(world, 'cloudtrail-disable-alarm-actions');
  });
});
