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

describe('the report says which region to deploy to', () => {
  it('names the region of the trail log group when the enforcer runs elsewhere', async () => {
    const report = await run(groupIn('eu-west-1'));
    expect(report).toMatchObject({ status: 'NON_COMPLIANT', regionHint: 'eu-west-1' });
    expect(report.trail).toBeUndefined();
    expect(report.findings).toEqual([
      `trail ${TRAIL_NAME} delivers to log group ${LOG_GROUP} in region eu-west-1, not us-east-1: deploy the enforcer in eu-west-1`,
    ]);
    expect(outcomeOf(report)).toEqual({
      status: 'FAILED',
      reason: `no CloudTrail trail qualifies in ${ACCOUNT} us-east-1 (deploy this stack in eu-west-1): ${report.findings[0]}`,
      data: { Status: 'NON_COMPLIANT', Changes: '0' },
    });
  });

  it('points at the other account, not a region, for an organization trail', async () => {
    const report = await run(groupIn('us-east-1', '210987654321', true));
    expect(report.regionHint).toBeUndefined();
    expect(report.findings).toEqual([
      `trail ${TRAIL_NAME} delivers to log group ${LOG_GROUP} in account 210987654321, not this account ${ACCOUNT} (organization trail: enforce in that account)`,
    ]);
    expect(outcomeOf(report).status).toBe('FAILED');
  });

  it('gives no hint in the right region', async () => {
    const report = await run(compliant());
    expect(report.status).toBe('COMPLIANT');
    expect(report.regionHint).toBeUndefined();
    expect(outcomeOf(report).status).toBe('SUCCESS');
  });
});
