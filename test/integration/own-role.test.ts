/**
 * The own-role skip names a principal (the session issuer's role ARN in our account), not a role
 * name: a role of the same name in another account is a caller like any other. Real handler, emulator.
 */
import { expectRepaired } from './support/control';
import { DEFAULT_ENV, OWN_ROLE, OWN_ROLE_ARN, useWorld } from './support/harness';
import { tamper } from './support/tamper';

const NAMESAKE = `arn:aws:sts::210987654321:assumed-role/${OWN_ROLE}/cis-monitoring-enforcer-prod-reconcile`;

describe('events from sessions named like the enforcer', () => {
  const world = useWorld('compliant');

  it("a role of the enforcer's name in another account deletes the alarm → repaired, that caller named", async () => {
    await tamper.deleteAlarm(world.account);

    const run = await world.invoke('cloudtrail-delete-alarms-by-namesake-role');

    expectRepaired(
      run,
      { eventName: 'DeleteAlarms', actor: NAMESAKE },
      [{ resource: 'alarm', action: 'create', reasons: ['alarm does not exist'] }],
      ['monitoring:PutMetricAlarm'],
    );
    expect(run.alerts).toHaveLength(1);
  });

  it("the enforcer's own session (its role ARN) is still skipped without a request", async () => {
    expect(DEFAULT_ENV.ENFORCER_ROLE_ARN).toBe(OWN_ROLE_ARN);
    await tamper.deleteAlarm(world.account);
    const run = await world.invoke('cloudtrail-own-change');
    expect(run.report).toMatchObject({
      status: 'IGNORED_OWN_CHANGE',
      reason: `caused by the enforcer's own role ${OWN_ROLE_ARN}`,
    });
    expect(run.calls).toEqual([]);
  });
});
