/**
 * Which trail the control lives on when several qualify (AWS lists trails in no promised order): the
 * one whose log group already holds the enforcer's filter, then the one this container used last, then
 * one that delivers (no current CloudWatch Logs delivery error), then by trail ARN; a move to another log
 * group is news naming both; two homes of our filter are a blocking finding. Mocked account.
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import { GetTrailStatusCommand, AccessDeniedException as TrailDenied } from '@aws-sdk/client-cloudtrail';
import {
  DescribeMetricFiltersCommand,
  AccessDeniedException as LogsDenied,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  ACCOUNT,
  type AccountState,
  compliant,
  LOG_GROUP,
  ourFilter,
  ourTrail,
  REGION,
  TRAIL_ARN,
  without,
} from '../support/builders';
import type { AccountMocks } from './support/mock-account';
import { runAgain, runOn } from './support/run';

const DECOY = 'decoy-logs';
const DECOY_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/aaa-decoy`;
const groupArn = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`;
const meta = { $metadata: { httpStatusCode: 400 }, message: 'not authorized' };

/** `state` with a second multi-region, logging trail listed first, delivering to an empty decoy group. */
function withDecoyFirst(state: AccountState = compliant()): AccountState {
  const decoy: Trail = { ...ourTrail(state), Name: 'aaa-decoy', TrailARN: DECOY_ARN };
  decoy.CloudWatchLogsLogGroupArn = groupArn(DECOY);
  decoy.CloudWatchLogsRoleArn = `arn:aws:iam::${ACCOUNT}:role/broken-delivery`;
  state.trails = [decoy, ...state.trails];
  state.logging[DECOY_ARN] = true;
  state.logGroups[DECOY] = [];
  return state;
}
const filtersOn = (state: AccountState, group: string) =>
  (state.logGroups[group] ?? []).map((f) => f.filterName);
/** The real trail (listed second). */
const realTrail = (state: AccountState): Trail => {
  const found = state.trails.find((t) => t.TrailARN === TRAIL_ARN);
  if (!found) throw new Error('no real trail');
  return found;
};

describe('a second multi-region logging trail listed first (a decoy)', () => {
  it('the trail whose log group holds our filter is kept: COMPLIANT, nothing written on the decoy', async () => {
    const state = withDecoyFirst();
    const run = await runOn(state);
    expect(run.report).toMatchObject({ status: 'COMPLIANT', trail: TRAIL_ARN, logGroup: LOG_GROUP });
    expect(run.writes).toEqual([]);
    expect(run.report.news).toBeUndefined();
  });

  it('deleting the real filter afterwards is repaired on the real group (this container remembers it), not moved to the decoy', async () => {
    const state = withDecoyFirst();
    const first = await runOn(state);
    state.logGroups[LOG_GROUP] = without('filter', state).logGroups[LOG_GROUP] ?? [];
    const again = await runAgain(first);
    expect(again.report).toMatchObject({ status: 'REPAIRED', trail: TRAIL_ARN, logGroup: LOG_GROUP });
    expect(filtersOn(state, DECOY)).toEqual([]);
    expect(filtersOn(state, LOG_GROUP)).toContain('CIS-4.10-SecurityGroupChanges');
  });

  it('…after a cold start nothing remembers it: the choice falls to the trail ARN order (the REPAIRED alert names the group)', async () => {
    const state = withDecoyFirst(without('filter'));
    const run = await runOn(state);
    expect(run.report).toMatchObject({ status: 'REPAIRED', trail: DECOY_ARN, logGroup: DECOY });
  });

  it('with our filter on the real group, the decoy is never written, whatever else drifted', async () => {
    const state = withDecoyFirst(without('alarm'));
    const run = await runOn(state);
    expect(run.report).toMatchObject({ status: 'REPAIRED', logGroup: LOG_GROUP });
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricAlarmCommand']);
    expect(filtersOn(state, DECOY)).toEqual([]);
  });

  it('the holding trail stopped: it is restarted (StartLogging), the control does not move to the decoy', async () => {
    const state = withDecoyFirst();
    state.logging[TRAIL_ARN] = false;
    const run = await runOn(state);
    expect(run.report).toMatchObject({ status: 'REPAIRED', trail: TRAIL_ARN, logGroup: LOG_GROUP });
    expect(run.writes).toEqual([{ command: 'StartLoggingCommand', input: { Name: TRAIL_ARN } }]);
  });
});

describe('no log group holds our filter: the choice is the same in any listing order', () => {
  it.each([false, true])('reversed listing: %p → the lowest trail ARN, every time', async (reversed) => {
    const state = withDecoyFirst(without('filter'));
    if (reversed) state.trails.reverse();
    const run = await runOn(state);
    expect(run.report).toMatchObject({ status: 'REPAIRED', trail: DECOY_ARN, logGroup: DECOY });
    expect(filtersOn(state, DECOY)).toEqual(['CIS-4.10-SecurityGroupChanges']);
  });
});

describe('a change of log group is reported and alerted with both names', () => {
  it('the holding trail no longer qualifies: the control moves, the news says from where, to where, why', async () => {
    const state = withDecoyFirst();
    realTrail(state).IsMultiRegionTrail = false;
    const run = await runOn(state);
    // Our filter left on the old group still writes our metric: a foreign writer now (blocking).
    expect(run.report).toMatchObject({ status: 'NON_COMPLIANT', trail: DECOY_ARN, logGroup: DECOY });
    expect(run.report.changes.map((c) => c.resource)).toEqual(['metric-filter']);
    expect(run.report.findings.some((f) => f.includes(LOG_GROUP))).toBe(true);
    expect(run.report.news).toEqual([
      `the control moved from log group ${LOG_GROUP} (trail management-events) to log group ${DECOY} (trail aaa-decoy): trail management-events is not multi-region; the enforcer's filter on ${LOG_GROUP} was left in place`,
    ]);
    expect(filtersOn(state, LOG_GROUP)).toContain('CIS-4.10-SecurityGroupChanges');
    const again = await runAgain(run);
    expect(again.report.news ?? []).toEqual([]);
  });

  it('our filter on two qualifying log groups → NON_COMPLIANT naming both (set LOG_GROUP_NAME)', async () => {
    const state = withDecoyFirst();
    state.logGroups[DECOY] = [{ ...ourFilter(state), logGroupName: DECOY }];
    const run = await runOn(state);
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toContain(
      `the enforcer's metric filter exists on 2 log groups of qualifying trails: ${DECOY} (trail aaa-decoy), ${LOG_GROUP} (trail management-events); it keeps the control on ${DECOY} (trail aaa-decoy): set LOG_GROUP_NAME to the one the control belongs to, or delete the other filter`,
    );
    const pinned = await runOn(state, { env: { LOG_GROUP_NAME: LOG_GROUP } });
    expect(pinned.report.findings.some((f) => f.startsWith("the enforcer's metric filter exists on"))).toBe(
      false,
    );
    expect(pinned.report.logGroup).toBe(LOG_GROUP);
  });
});

describe('what cannot be read does not move the control', () => {
  it("the holding trail's status denied → ERROR, not a silent move to the decoy", async () => {
    const run = await runOn(withDecoyFirst(), {
      arrange: (m) =>
        m.cloudtrail.on(GetTrailStatusCommand, { Name: TRAIL_ARN }).rejects(new TrailDenied(meta)),
    });
    expect(run.report.status).toBe('ERROR');
    expect(run.report.errors[0]).toMatchObject({ action: 'cloudtrail:GetTrailStatus', resource: TRAIL_ARN });
    expect(run.writes).toEqual([]);
  });

  it("another qualifying group's filters unreadable while the chosen one holds none → ERROR naming that read", async () => {
    const run = await runOn(withDecoyFirst(without('filter')), {
      arrange: (m) =>
        m.logs.on(DescribeMetricFiltersCommand, { logGroupName: LOG_GROUP }).rejects(new LogsDenied(meta)),
    });
    expect(run.report.status).toBe('ERROR');
    expect(run.report.errors[0]).toMatchObject({ action: 'logs:DescribeMetricFilters', resource: LOG_GROUP });
    expect(run.writes).toEqual([]);
  });
});

describe('a qualifying trail whose CloudWatch Logs delivery fails (GetTrailStatus reports a current error)', () => {
  const ERROR = 'Access denied. Verify in IAM that the role has adequate permissions.';
  /** GetTrailStatus of the decoy (listed first) reports `decoy`, of the real trail `real`. */
  const statuses = (decoy: object, real: object) => (mocks: AccountMocks) => {
    mocks.cloudtrail.on(GetTrailStatusCommand, { Name: DECOY_ARN }).resolves({ IsLogging: true, ...decoy });
    mocks.cloudtrail.on(GetTrailStatusCommand, { Name: TRAIL_ARN }).resolves({ IsLogging: true, ...real });
  };
  const failing = { LatestCloudWatchLogsDeliveryError: ERROR };
  const delivering = { LatestCloudWatchLogsDeliveryTime: new Date() };

  it('on a fresh account the delivering trail is chosen, not the failing one listed first (and first by ARN)', async () => {
    const run = await runOn(withDecoyFirst(without('filter')), { arrange: statuses(failing, delivering) });
    expect(run.report).toMatchObject({ status: 'REPAIRED', trail: TRAIL_ARN, logGroup: LOG_GROUP });
    expect(run.report.findings.join('\n')).not.toContain('is not delivering');
  });

  it('the trail holding our filter fails to deliver: the control stays there and the run is NON_COMPLIANT naming the role', async () => {
    const state = withDecoyFirst();
    const run = await runOn(state, { arrange: statuses(delivering, failing) });
    expect(run.report).toMatchObject({ status: 'NON_COMPLIANT', trail: TRAIL_ARN, logGroup: LOG_GROUP });
    expect(run.report.findings.join('\n')).toContain('is not delivering to log group');
    expect(filtersOn(state, DECOY)).toEqual([]);
  });
});
