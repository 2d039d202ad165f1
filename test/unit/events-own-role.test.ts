/**
 * The own-role skip names a principal: the session issuer's role ARN (account and name), not a role
 * name that any account can reuse. Runs through runEvent on a mocked account: a skipped event makes no
 * AWS call, a run repairs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT, without } from '../support/builders';
import { runOn } from './support/run';

type Json = Record<string, unknown>;
const OWN_NAME = 'cis-monitoring-enforcer-prod-us-east-1';
const OWN_ARN = `arn:aws:iam::${ACCOUNT}:role/${OWN_NAME}`;
/** The deployed function's variables: the role ARN (and, as an older stack set it, the role name). */
const ENV = { ENFORCER_ROLE_ARN: OWN_ARN, ENFORCER_ROLE_NAME: OWN_NAME };
const OTHER_ACCOUNT = '210987654321';

const sample = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'events', `${name}.json`), 'utf8')) as Json;

/** The DeleteAlarms sample made by a session of `role` in `account`. */
function deletedBy(account: string, roleArn: string, session = 'run'): Json {
  const event = sample('cloudtrail-delete-alarms');
  const role = roleArn.split('/').at(-1) ?? '';
  const userIdentity = {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: roleArn,
        accountId: account,
        userName: role,
      },
    },
  };
  return { ...event, detail: { ...(event.detail as Json), userIdentity } };
}

describe('own-role skip: the session issuer ARN, in our account', () => {
  it("the enforcer's own session → IGNORED_OWN_CHANGE naming the role ARN, no AWS call", async () => {
    const run = await runOn(without('alarm'), { env: ENV, event: deletedBy(ACCOUNT, OWN_ARN) });
    expect(run.report).toMatchObject({
      status: 'IGNORED_OWN_CHANGE',
      reason: `caused by the enforcer's own role ${OWN_ARN}`,
    });
    expect(run.mocks.sts.calls()).toEqual([]);
    expect(run.mocks.cloudwatch.calls()).toEqual([]);
  });

  it.each<[string, Json]>([
    [
      'a role of the same name in another account',
      deletedBy(OTHER_ACCOUNT, `arn:aws:iam::${OTHER_ACCOUNT}:role/${OWN_NAME}`),
    ],
    ['our role ARN claimed by a session of another account', { ...deletedBy(OTHER_ACCOUNT, OWN_ARN) }],
    [
      'a role of the same name under another partition',
      deletedBy(ACCOUNT, `arn:aws-cn:iam::${ACCOUNT}:role/${OWN_NAME}`),
    ],
    [
      'a user session named like our role',
      deletedBy(ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/Admin`, OWN_NAME),
    ],
  ])('%s → runs, repairs and names the caller', async (_label, event) => {
    const run = await runOn(without('alarm'), { env: ENV, event });
    expect(run.report.status).toBe('REPAIRED');
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricAlarmCommand']);
  });

  it('an event without a session issuer is ours only by an assumed-role ARN of our account and name', async () => {
    const withoutIssuer = (arn: string): Json => {
      const event = deletedBy(ACCOUNT, OWN_ARN);
      const detail = event.detail as Json;
      return { ...event, detail: { ...detail, userIdentity: { type: 'AssumedRole', arn } } };
    };
    const own = await runOn(without('alarm'), {
      env: ENV,
      event: withoutIssuer(`arn:aws:sts::${ACCOUNT}:assumed-role/${OWN_NAME}/s`),
    });
    expect(own.report.status).toBe('IGNORED_OWN_CHANGE');
    const foreign = await runOn(without('alarm'), {
      env: ENV,
      event: withoutIssuer(`arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/${OWN_NAME}/s`),
    });
    expect(foreign.report.status).toBe('REPAIRED');
  });
});
