import { CONTROL, SECURITY_GROUP_EVENTS } from '../../scripts/lib/seed';
import { filterInForce, readControl } from './support/control';
import { ALICE, DEFAULT_ENV, useWorld } from './support/harness';
import { tamper, userResourcesNow } from './support/tamper';

const weakened = `{ ${SECURITY_GROUP_EVENTS.slice(0, 5)
  .map((name) => `($.eventName = ${name})`)
  .join(' || ')} }`;

describe('runs that must not write', () => {
  const world = useWorld('compliant');

  /** Deletes the alarm and weakens the pattern (drops DeleteSecurityGroup). */
  const tamperTwice = async () => {
    await tamper.deleteAlarm(world.account);
    await tamper.putFilter(world.account, { pattern: weakened });
  };

  const expectStillTampered = async () => {
    const state = await readControl(world.account);
    expect(state.alarm).toBeUndefined();
    expect(filterInForce(state)?.filterPattern).toBe(weakened);
    expect(await userResourcesNow(world)).toEqual({
      ...world.snapshot(),
      extraAlarmActions: { AlarmActions: [], OKActions: [], InsufficientDataActions: [] },
    });
  };

  const plannedChanges = [
    { resource: 'metric-filter', action: 'update', reasons: ['pattern does not match DeleteSecurityGroup'] },
    { resource: 'alarm', action: 'create', reasons: ['alarm does not exist'] },
  ];

  it('scenario 13a: a manual {"dryRun": true} on a tampered account reports DRIFT_DETECTED with the plan and writes nothing', async () => {
    await tamperTwice();

    const run = await world.invoke('manual-dry-run');

    expect(run.report).toMatchObject({
      status: 'DRIFT_DETECTED',
      mode: 'detect',
      trigger: { kind: 'manual', dryRun: true },
    });
    expect(run.report.changes).toMatchObject(plannedChanges);
    expect(run.report.changes[1]?.after).toMatchObject({ AlarmName: CONTROL.alarm.AlarmName, Threshold: 1 });
    expect(run.writes).toEqual([]);
    await expectStillTampered();
  });

  it('scenario 13b: MODE=detect on a tampered account reports DRIFT_DETECTED for a CloudTrail event and writes nothing', async () => {
    await tamperTwice();

    const run = await world.invoke('cloudtrail-delete-alarms', { ...DEFAULT_ENV, MODE: 'detect' });

    expect(run.report).toMatchObject({
      status: 'DRIFT_DETECTED',
      mode: 'detect',
      trigger: { eventName: 'DeleteAlarms', actor: { arn: ALICE } },
    });
    expect(run.report.changes).toMatchObject(plannedChanges);
    expect(run.writes).toEqual([]);
    await expectStillTampered();
  });

  it("scenario 14: an event caused by the enforcer's own role is skipped without a single request", async () => {
    await tamperTwice();

    const run = await world.invoke('cloudtrail-own-change');

    expect(run.report).toMatchObject({
      status: 'IGNORED_OWN_CHANGE',
      reason: `caused by the enforcer's own role ${DEFAULT_ENV.ENFORCER_ROLE_ARN}`,
      changes: [],
    });
    expect(run.calls).toEqual([]);
    await expectStillTampered();
  });
});
