/**
 * AWS's limit of 5 alarm actions per state, end to end through the AWS-faithful layer (moto accepts
 * six: docs/aws-differences.md §1). Our alarm with five foreign AlarmActions and our topic removed:
 * the merge would ask for six, which AWS rejects; the enforcer drops the last listed foreign action.
 */
import { CONTROL } from '../../scripts/lib/seed';
import { expectControlHolds, readControl } from './support/control';
import { ALICE, useWorld } from './support/harness';
import { tamper } from './support/tamper';

const sns = (name: string) => `arn:aws:sns:us-east-1:123456789012:${name}`;
const FOREIGN = ['ops-pager', 'noc', 'soc-tier1', 'audit', 'mallory'].map(sns);

describe('our alarm at AWS limit of 5 actions, without our topic', () => {
  const world = useWorld('compliant');

  it('the faithful layer rejects six actions, as AWS does (so the scenario below sees AWS)', async () => {
    await expect(
      tamper.putAlarm(world.account, { AlarmActions: [...FOREIGN, CONTROL.topicArn] }),
    ).rejects.toThrow(
      /at 'alarmActions' failed to satisfy constraint: Member must have length less than or equal to 5/,
    );
  });

  it('→ REPAIRED: the fifth foreign action is dropped for the topic, said in the reasons and the news; the next run writes nothing', async () => {
    await tamper.putAlarm(world.account, { AlarmActions: [...FOREIGN] });

    const run = await world.invoke('cloudtrail-put-metric-alarm');

    expect(run.report).toMatchObject({ status: 'REPAIRED', errors: [], trigger: { actor: { arn: ALICE } } });
    expect(run.writes).toEqual(['monitoring:PutMetricAlarm']);
    expect(run.report.changes[0]?.reasons).toEqual([
      `topic ${CONTROL.topicArn} missing from AlarmActions`,
      `AlarmActions already held AWS's maximum of 5: dropped ${sns('mallory')} (the last listed) to restore topic ${CONTROL.topicArn}`,
    ]);
    expect(run.report.news).toContain(
      `alarm ${CONTROL.alarm.AlarmName} had AWS's maximum of 5 actions without the enforcer's topic: ${sns('mallory')} was dropped to restore it; put it back in place of another action if it is still needed`,
    );
    expect(run.alerts).toHaveLength(1);
    expect((await readControl(world.account)).alarm?.AlarmActions).toEqual([
      ...FOREIGN.slice(0, 4),
      CONTROL.topicArn,
    ]);
    await expectControlHolds(world.account);

    const again = await world.invoke('cloudtrail-put-metric-alarm');
    expect(again.report.status).toBe('COMPLIANT');
    expect(again.writes).toEqual([]);
  });
});
