/**
 * The deploy-time reconcile in a member account (its only trail is the management account's
 * organization trail) and in a region that is not the trail's home: SUCCESS naming where the enforcer
 * belongs, so a StackSet aimed at an OU succeeds on those instances; with the enforcer's alarm still in
 * the region (the trail was moved away), FAILED as before.
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import {
  ACCOUNT,
  type AccountState,
  compliant,
  LOG_GROUP,
  ourTrail,
  without,
  writesSent,
} from '../support/builders';
import { answerFor, useResponseServer } from './answer';
import { cfnEvent } from './cfn-events';

const server = useResponseServer();
const MANAGEMENT = '210987654321';

const bare = (state: AccountState = compliant()) => without('alarm', without('filter', state));

function member(state: AccountState = bare()): AccountState {
  const org: Trail = {
    Name: 'org-trail',
    TrailARN: `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`,
    HomeRegion: 'us-east-1',
    IsMultiRegionTrail: true,
    IsOrganizationTrail: true,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:org-logs:*`,
  };
  state.trails = [org];
  return state;
}

function elsewhere(state: AccountState = bare()): AccountState {
  Object.assign(ourTrail(state), {
    HomeRegion: 'eu-west-1',
    CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${LOG_GROUP}:*`,
  });
  return state;
}

describe('deploy in a member account or another region', () => {
  it.each(['Create', 'Update'] as const)(
    '%s in a member account: SUCCESS naming the management account',
    async (type) => {
      const { response, runs, mocks } = await answerFor(server(), cfnEvent(type, server().url), member());
      expect(runs.map((r) => r.status)).toEqual(['NOT_APPLICABLE']);
      expect(writesSent(mocks)).toEqual([]);
      expect(response).toMatchObject({
        Status: 'SUCCESS',
        Reason: `not applicable in ${ACCOUNT} us-east-1, nothing to keep here: this account's CloudTrail is the organization trail org-trail of account ${MANAGEMENT}, home region us-east-1 (log group org-logs): the enforcer belongs there`,
        Data: { Status: 'NOT_APPLICABLE', Changes: '0' },
      });
    },
  );

  it('Create outside the home region: SUCCESS naming the region', async () => {
    const { response } = await answerFor(server(), cfnEvent('Create', server().url), elsewhere());
    expect(response.Status).toBe('SUCCESS');
    expect(response.Reason).toContain('deploy the enforcer in eu-west-1');
  });

  it('Update in a region the enforcer guarded, its alarm still there: FAILED naming where the trail went', async () => {
    const { response, runs } = await answerFor(
      server(),
      cfnEvent('Update', server().url),
      elsewhere(without('filter')),
    );
    expect(runs.map((r) => r.status)).toEqual(['NON_COMPLIANT']);
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toContain('(deploy this stack in eu-west-1)');
    expect(response.Reason).toContain(
      'the enforcer guarded us-east-1 (alarm(s) CIS-4.10-SecurityGroupChanges)',
    );
  });
});
