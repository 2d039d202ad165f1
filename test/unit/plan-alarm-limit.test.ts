/**
 * AWS keeps at most 5 actions per alarm state (PutMetricAlarm answers ValidationException, query code
 * ValidationError, "Member must have length less than or equal to 5"). Our alarm with five foreign
 * AlarmActions and our topic removed: restoring the control wins over the fifth foreign action, which
 * is dropped, named in the change's reasons and in the report's news; a second run writes nothing.
 */
import { PutMetricAlarmCommand, ValidationException } from '@aws-sdk/client-cloudwatch';
import { hintFor } from '../../src/aws/hints';
import { plan } from '../../src/plan';
import {
  type AccountMocks,
  type AccountState,
  actualFrom,
  compliant,
  desiredFor,
  ourAlarm,
  TOPIC_ARN,
} from '../support/builders';
import { runAgain, runOn } from './support/run';

const sns = (name: string) => `arn:aws:sns:us-east-1:123456789012:${name}`;
const FOREIGN = ['ops-pager', 'noc', 'soc-tier1', 'audit', 'mallory'].map(sns);
const LIMIT_MESSAGE = (actions: readonly string[]) =>
  `1 validation error detected: Value '[${actions.join(', ')}]' at 'alarmActions' failed to satisfy constraint: Member must have length less than or equal to 5`;

/** PutMetricAlarm as AWS answers it: more than 5 AlarmActions rejected, otherwise the alarm replaced. */
function awsAlarmLimit(state: AccountState) {
  return (mocks: AccountMocks) => {
    mocks.cloudwatch.on(PutMetricAlarmCommand).callsFake(async (input) => {
      const actions = input.AlarmActions ?? [];
      if (actions.length > 5) {
        throw new ValidationException({
          $metadata: { httpStatusCode: 400 },
          message: LIMIT_MESSAGE(actions),
        });
      }
      const alarm = { ...ourAlarm(state), AlarmActions: [...actions], ActionsEnabled: input.ActionsEnabled };
      state.alarms = [...state.alarms.filter((a) => a.AlarmName !== input.AlarmName), alarm];
      return {};
    });
  };
}

function fullOfForeignActions(): AccountState {
  const state = compliant();
  ourAlarm(state).AlarmActions = [...FOREIGN];
  return state;
}

describe('our alarm with five foreign AlarmActions and our topic removed', () => {
  it('→ REPAIRED: the last listed foreign action is dropped, named in the reasons and the news; no write on the next run', async () => {
    const state = fullOfForeignActions();
    const run = await runOn(state, { arrange: awsAlarmLimit(state) });

    expect(run.report.status).toBe('REPAIRED');
    expect(run.report.errors).toEqual([]);
    expect(run.writes).toHaveLength(1);
    expect(run.writes[0]?.input.AlarmActions).toEqual([...FOREIGN.slice(0, 4), TOPIC_ARN]);
    const reasons = run.report.changes[0]?.reasons ?? [];
    expect(reasons).toContain(`topic ${TOPIC_ARN} missing from AlarmActions`);
    expect(reasons).toContain(
      `AlarmActions already held AWS's maximum of 5: dropped ${sns('mallory')} (the last listed) to restore topic ${TOPIC_ARN}`,
    );
    expect(run.report.news).toContainEqual(
      `alarm CIS-4.10-SecurityGroupChanges had AWS's maximum of 5 actions without the enforcer's topic: ${sns('mallory')} was dropped to restore it; put it back in place of another action if it is still needed`,
    );
    expect(ourAlarm(state).AlarmActions).toEqual([...FOREIGN.slice(0, 4), TOPIC_ARN]);

    const again = await runAgain(run);
    expect(again.report.status).toBe('COMPLIANT');
    expect(again.writes).toEqual([]);
  });

  it('the plan keeps the first four in their order whatever else drifted, and drops nothing below the limit', () => {
    const desired = desiredFor();
    const full = actualFrom(desired);
    const { alarm } = full;
    if (!alarm) throw new Error('the actual state has no alarm');
    const withActions = (alarmActions: string[]) => ({
      ...full,
      alarm: { ...alarm, alarmActions, actionsEnabled: false },
    });
    const [change] = plan(desired, withActions([...FOREIGN, sns('sixth')])).changes;
    expect(change?.resource === 'alarm' && change.after.AlarmActions).toEqual([
      ...FOREIGN.slice(0, 4),
      TOPIC_ARN,
    ]);
    const [below] = plan(desired, withActions(FOREIGN.slice(0, 4))).changes;
    expect(below?.resource === 'alarm' && below.after.AlarmActions).toEqual([
      ...FOREIGN.slice(0, 4),
      TOPIC_ARN,
    ]);
    expect(below?.reasons.join('\n')).not.toContain('maximum');
  });
});

describe('the limit error gets its own hint, whoever caused it', () => {
  it('PutMetricAlarm rejected for too many actions → what the limit is and what the next run does', () => {
    const hint = hintFor(
      'cloudwatch:PutMetricAlarm',
      'CIS-4.10-SecurityGroupChanges',
      'ValidationException',
      LIMIT_MESSAGE([...FOREIGN, TOPIC_ARN]),
    );
    expect(hint).toBe(
      "alarm CIS-4.10-SecurityGroupChanges would have more than AWS's maximum of 5 actions for one state (AlarmActions, OKActions and InsufficientDataActions hold 5 each): someone added one while the enforcer wrote it; the next run drops the last listed foreign action to restore the topic",
    );
  });

  it('another validation error of PutMetricAlarm keeps the general hint', () => {
    expect(
      hintFor(
        'cloudwatch:PutMetricAlarm',
        'x',
        'ValidationException',
        'Period must be 10, 30 or a multiple of 60',
      ),
    ).toMatch(/^AWS rejected the cloudwatch:PutMetricAlarm request as invalid/);
  });
});
