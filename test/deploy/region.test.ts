import { createClients } from '../../src/aws/clients';
import { outcomeOf } from '../../src/triggers/deploy';
import { runEvent } from '../../src/triggers/run';
import {
  ACCOUNT,
  type AccountState,
  compliant,
  configFor,
  LOG_GROUP,
  mockAccount,
  ourTrail,
  REGION,
  TRAIL_NAME,
  without,
} from '../support/builders';

/** The compliant account with its trail's log group moved to `region` (and `account`). */
function groupIn(region: string, account = ACCOUNT, organization = false): AccountState {
  const state = compliant();
  Object.assign(ourTrail(state), {
    HomeRegion: region,
    IsOrganizationTrail: organization,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${account}:log-group:${LOG_GROUP}:*`,
  });
  return state;
}

async function run(state: AccountState) {
  mockAccount(state);
  return runEvent({ config: configFor(), clients: createClients(REGION) }, {});
}

/** `state` with nothing of the enforcer's in this region: no alarm, no filter of ours. */
const bare = (state: AccountState): AccountState => without('alarm', without('filter', state));

describe('the report says which region to deploy to', () => {
  it('names the region of the trail log group when the enforcer runs elsewhere: NOT_APPLICABLE, deploy SUCCESS', async () => {
    const report = await run(bare(groupIn('eu-west-1')));
    expect(report).toMatchObject({ status: 'NOT_APPLICABLE', regionHint: 'eu-west-1' });
    expect(report.trail).toBeUndefined();
    const reason = `trail ${TRAIL_NAME}'s log group ${LOG_GROUP} is in eu-west-1: deploy the enforcer in eu-west-1`;
    expect(report.reason).toBe(reason);
    expect(report.deployInstead).toEqual([
      {
        accountId: ACCOUNT,
        region: 'eu-west-1',
        trail: TRAIL_NAME,
        logGroup: LOG_GROUP,
        organization: false,
      },
    ]);
    expect(outcomeOf(report)).toEqual({
      status: 'SUCCESS',
      reason: `not applicable in ${ACCOUNT} us-east-1, nothing to keep here: ${reason}`,
      data: { Status: 'NOT_APPLICABLE', Changes: '0' },
    });
  });

  it('with the enforcer alarm still in this region, the moved trail fails the deploy naming the region', async () => {
    const report = await run(groupIn('eu-west-1'));
    expect(report).toMatchObject({ status: 'NON_COMPLIANT', regionHint: 'eu-west-1' });
    expect(report.findings[0]).toBe(
      `trail ${TRAIL_NAME} delivers to log group ${LOG_GROUP} in region eu-west-1, not us-east-1: deploy the enforcer in eu-west-1`,
    );
    expect(report.findings[1]).toMatch(
      /^the enforcer guarded us-east-1 \(alarm\(s\) CIS-4\.10-SecurityGroupChanges; /,
    );
    const answer = outcomeOf(report);
    expect(answer.status).toBe('FAILED');
    expect(answer.reason).toContain('(deploy this stack in eu-west-1)');
  });

  it('points at the management account, not a region, for an organization trail', async () => {
    const report = await run(bare(groupIn('us-east-1', '210987654321', true)));
    expect(report.regionHint).toBeUndefined();
    expect(report.status).toBe('NOT_APPLICABLE');
    expect(report.reason).toBe(
      `this account's CloudTrail is the organization trail ${TRAIL_NAME} of account 210987654321, home region us-east-1 (log group ${LOG_GROUP}): the enforcer belongs there`,
    );
    expect(report.findings).toEqual([
      `trail ${TRAIL_NAME} delivers to log group ${LOG_GROUP} in account 210987654321, not this account ${ACCOUNT} (organization trail: enforce in that account)`,
    ]);
    expect(outcomeOf(report).status).toBe('SUCCESS');
  });

  it('gives no hint in the right region', async () => {
    const report = await run(compliant());
    expect(report.status).toBe('COMPLIANT');
    expect(report.regionHint).toBeUndefined();
    expect(report.deployInstead).toBeUndefined();
    expect(outcomeOf(report).status).toBe('SUCCESS');
  });
});
