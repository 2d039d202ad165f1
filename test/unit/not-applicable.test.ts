/**
 * NOT_APPLICABLE (src/discover/applicable.ts): no trail delivers to a log group in this account and
 * region, a trail serves the controls elsewhere (another region; the management account of an
 * organization trail), and nothing of the enforcer's is here. Anything of ours here keeps the run
 * NON_COMPLIANT: re-pointing the trail away must not silence a guarded region.
 */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import { DescribeAlarmsCommand, InternalServiceFault } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand } from '@aws-sdk/client-sns';
import { createNotifier } from '../../src/notify';
import { sendsAlert } from '../../src/notify/message';
import { runMetrics } from '../../src/telemetry/metrics';
import { outcomeOf } from '../../src/triggers/deploy';
import {
  ACCOUNT,
  type AccountState,
  compliant,
  LOG_GROUP,
  ourTrail,
  TRAIL_NAME,
  without,
} from '../support/builders';
import { runAgain, runOn } from './support/run';

const MANAGEMENT = '210987654321';
const ORG_TRAIL: Trail = {
  Name: 'org-trail',
  TrailARN: `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:aws-controltower/CloudTrailLogs:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${MANAGEMENT}:role/CloudTrailToLogs`,
  HasCustomEventSelectors: false,
};

/** `state` with nothing of the enforcer's in this region. */
const bare = (state: AccountState = compliant()) => without('alarm', without('filter', state));

/** A member account: its only trail is the management account's organization trail. */
function member(state: AccountState = bare()): AccountState {
  state.trails = [structuredClone(ORG_TRAIL)];
  return state;
}

/** The account's trail moved to eu-west-1 (its log group with it). */
function movedTo(region: string, state: AccountState = bare()): AccountState {
  Object.assign(ourTrail(state), {
    HomeRegion: region,
    CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${LOG_GROUP}:*`,
  });
  return state;
}

const ORG_REASON = `this account's CloudTrail is the organization trail org-trail of account ${MANAGEMENT}, home region us-east-1 (log group aws-controltower/CloudTrailLogs): the enforcer belongs there`;

describe('NOT_APPLICABLE: the controls live in another account or region', () => {
  it('a member account whose only trail is the organization trail: NOT_APPLICABLE, no alert, deploy SUCCESS', async () => {
    const run = await runOn(member());
    expect(run.report).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: ORG_REASON,
      deployInstead: [
        {
          accountId: MANAGEMENT,
          region: 'us-east-1',
          trail: 'org-trail',
          logGroup: 'aws-controltower/CloudTrailLogs',
          organization: true,
        },
      ],
      changes: [],
      errors: [],
    });
    expect(run.writes).toEqual([]);
    expect(sendsAlert(run.report.status)).toBe(false);
    const notified = await createNotifier({ sns: run.deps.clients.sns, config: run.deps.config }).notify(
      run.report,
    );
    expect(notified.notification).toBeUndefined();
    expect(run.mocks.sns).not.toHaveReceivedCommand(PublishCommand);
    expect(outcomeOf(run.report)).toEqual({
      status: 'SUCCESS',
      reason: `not applicable in ${ACCOUNT} us-east-1, nothing to keep here: ${ORG_REASON}`,
      data: { Status: 'NOT_APPLICABLE', Changes: '0' },
    });
  });

  it('is counted as NotApplicable, not NonCompliant', async () => {
    const { report } = await runOn(member());
    const value = (name: string) => runMetrics(report).find((p) => p.name === name)?.value;
    expect([value('NotApplicable'), value('NonCompliant')]).toEqual([1, 0]);
  });

  it('checks for its own resources with one DescribeAlarms of every selected alarm and the region filter page', async () => {
    const run = await runOn(member(), { env: { CONTROLS: 'all' } });
    expect(run.report.status).toBe('NOT_APPLICABLE');
    const alarms = run.mocks.cloudwatch.commandCalls(DescribeAlarmsCommand);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.args[0].input.AlarmNames).toHaveLength(run.deps.config.controls.length);
    // The region's page held every filter: no read by metric.
    const filters = run.mocks.logs.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input);
    expect(filters).toEqual([{ limit: 50 }]);
  });

  it('a multi-region trail whose log group is in another region: NOT_APPLICABLE naming that region', async () => {
    const run = await runOn(movedTo('eu-west-1'));
    expect(run.report).toMatchObject({
      status: 'NOT_APPLICABLE',
      regionHint: 'eu-west-1',
      reason: `trail ${TRAIL_NAME}'s log group ${LOG_GROUP} is in eu-west-1: deploy the enforcer in eu-west-1`,
    });
  });

  it('reads filters by metric when the region has more than one page of them', async () => {
    const state = member();
    state.logGroups.busy = Array.from({ length: 60 }, (_, i) => ({
      filterName: `f-${String(i).padStart(2, '0')}`,
      filterPattern: '{ $.eventName = X }',
      metricTransformations: [{ metricNamespace: 'Other', metricName: `M${i}`, metricValue: '1' }],
    }));
    const run = await runOn(state);
    expect(run.report.status).toBe('NOT_APPLICABLE');
    const inputs = run.mocks.logs.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input);
    expect(inputs).toContainEqual({ metricName: 'SecurityGroupEventCount', metricNamespace: 'CISBenchmark' });
  });
});

describe('not NOT_APPLICABLE: a guarded region, a local problem, or nothing that serves anywhere', () => {
  const stillHere =
    /^the enforcer guarded us-east-1 \((.*)\), but no trail of this account delivers to a log group in us-east-1 any more: /;

  it.each<[string, () => AccountState, string]>([
    [
      'our alarm is still here (trail re-pointed away)',
      () => movedTo('eu-west-1', without('filter')),
      'alarm(s) CIS-4.10-SecurityGroupChanges',
    ],
    [
      'our filter is still here',
      () => movedTo('eu-west-1', without('alarm')),
      `metric filter(s) CIS-4.10-SecurityGroupChanges on ${LOG_GROUP}`,
    ],
    [
      'both, in a member account',
      () => member(compliant()),
      'alarm(s) CIS-4.10-SecurityGroupChanges; metric filter(s)',
    ],
  ])('%s: NON_COMPLIANT, alerting, deploy FAILED', async (_label, state, what) => {
    const run = await runOn(state());
    expect(run.report.status).toBe('NON_COMPLIANT');
    const finding = run.report.findings.find((f) => stillHere.test(f));
    expect(finding).toContain(what);
    expect(run.report.deployInstead).toHaveLength(1);
    expect(sendsAlert(run.report.status)).toBe(true);
    expect(outcomeOf(run.report).status).toBe('FAILED');
    expect(run.writes).toEqual([]);
  });

  it("someone else's filter writing to our metric counts as ours here", async () => {
    const state = member();
    state.logGroups.other = [
      {
        filterName: 'lookalike',
        filterPattern: '{ $.eventName = AuthorizeSecurityGroupIngress }',
        metricTransformations: [
          { metricNamespace: 'CISBenchmark', metricName: 'SecurityGroupEventCount', metricValue: '1' },
        ],
      },
    ];
    const run = await runOn(state);
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings.some((f) => f.includes('metric filter(s) lookalike on other'))).toBe(true);
  });

  it('a warm container whose last run kept the control here: NON_COMPLIANT even after our resources are gone', async () => {
    const state = compliant();
    const first = await runOn(state);
    expect(first.report.status).toBe('COMPLIANT');
    const s = state as AccountState;
    movedTo('eu-west-1', s);
    s.alarms = [];
    s.logGroups = {};
    const again = await runAgain(first);
    expect(again.report.status).toBe('NON_COMPLIANT');
    expect(again.report.findings.at(-1)).toContain(
      "this container's last run kept the controls on trail arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events",
    );
  });

  it('a failed DescribeAlarms cannot tell: ERROR naming the call, never NOT_APPLICABLE', async () => {
    const run = await runOn(member(), {
      arrange: (mocks) =>
        mocks.cloudwatch
          .on(DescribeAlarmsCommand)
          .rejects(new InternalServiceFault({ message: 'boom', $metadata: { httpStatusCode: 500 } })),
    });
    expect(run.report.status).toBe('ERROR');
    expect(run.report.errors[0]).toMatchObject({
      action: 'cloudwatch:DescribeAlarms',
      step: 'observe remnants',
    });
  });

  it.each<[string, () => AccountState, string[], number]>([
    ['no trail at all', () => without('trail', bare()), ['no CloudTrail trail exists in this account'], 0],
    [
      'a single-region trail elsewhere serves no region here',
      () => {
        const s = movedTo('eu-west-1');
        ourTrail(s).IsMultiRegionTrail = false;
        return s;
      },
      [`trail ${TRAIL_NAME} is not multi-region`],
      0,
    ],
    [
      "another account's log group without an organization trail",
      () => {
        const s = member();
        (s.trails[0] as Trail).IsOrganizationTrail = false;
        return s;
      },
      [
        `trail org-trail delivers to log group aws-controltower/CloudTrailLogs in account ${MANAGEMENT}, not this account ${ACCOUNT}`,
      ],
      0,
    ],
    [
      'a trail delivering here that is not multi-region (a local problem), beside an organization trail',
      () => {
        const s = bare();
        ourTrail(s).IsMultiRegionTrail = false;
        s.trails.push(structuredClone(ORG_TRAIL));
        return s;
      },
      [
        `trail ${TRAIL_NAME} is not multi-region`,
        `trail org-trail delivers to log group aws-controltower/CloudTrailLogs in account ${MANAGEMENT}, not this account ${ACCOUNT} (organization trail: enforce in that account)`,
      ],
      1,
    ],
  ])('%s: NON_COMPLIANT, deploy FAILED, no remnant reads', async (_label, state, findings, observed) => {
    const run = await runOn(state());
    expect(run.report).toMatchObject({ status: 'NON_COMPLIANT', findings });
    expect(run.report.deployInstead).toBeUndefined();
    expect(outcomeOf(run.report).status).toBe('FAILED');
    // No remnant read: DescribeAlarms only for the observation of a trail's log group here, if any.
    expect(run.mocks.cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(observed);
  });

  it('a compliant run makes no remnant read: one DescribeAlarms, the usual one', async () => {
    const run = await runOn(compliant());
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.mocks.cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(1);
    expect(run.mocks.cloudwatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input.MaxRecords).toBe(100);
  });
});
