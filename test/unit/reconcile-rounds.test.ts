import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { rounds } from '../../scripts/bench/calls';
import {
  type AccountState,
  compliant,
  LOG_GROUP,
  LOG_GROUP_ARN,
  OTHER_SUBSCRIBER,
  ourAlarm,
  ourFilter,
  ourTrail,
  TOPIC_ARN,
  TRAIL_ARN,
  without,
} from '../support/builders';
import { COMPLIANT_READS, callOf, counts, groupArn, stoppedTrailFirst, timedRun } from './support/timed-run';
import { OPS } from './support/writes';

/** The compliant account whose alarm also notifies the user's own topic (as the bench seeds it). */
function withOpsTopic(): AccountState {
  const state = compliant();
  ourAlarm(state).AlarmActions = [TOPIC_ARN, OPS];
  const subscriber = { Protocol: OTHER_SUBSCRIBER.protocol, Endpoint: OTHER_SUBSCRIBER.endpoint };
  const subscriptions = [{ ...subscriber, TopicArn: OPS, SubscriptionArn: `${OPS}:1` }];
  state.topics[OPS] = { attributes: { TopicArn: OPS }, subscriptions };
  return state;
}

function withSelectors(): AccountState {
  const state = compliant();
  ourTrail(state).HasCustomEventSelectors = true;
  state.selectors[TRAIL_ARN] = { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] };
  return state;
}

// Each confirmed subscriber's attributes (its FilterPolicy) are read once its subscription is listed: one
// round after the topic's, so a compliant run takes 3 rounds where it took 2 (5 where it took 3 with the user's topic, whose
// subscribers the verdict reads after the observation).
describe('reconcile: a compliant run makes the same reads as before, in at most 5 rounds', () => {
  it.each<[string, () => AccountState, Record<string, number>, number, string[]]>([
    ['our chain only', compliant, COMPLIANT_READS, 3, [TOPIC_ARN]],
    [
      'trail with custom selectors',
      withSelectors,
      { ...COMPLIANT_READS, GetEventSelectors: 1 },
      3,
      [TOPIC_ARN],
    ],
    [
      "our alarm also notifies the user's topic",
      withOpsTopic,
      // The user's topic is judged as ours is: its policy and its subscriber's filter policy too.
      {
        ...COMPLIANT_READS,
        ListSubscriptionsByTopic: 2,
        GetTopicAttributes: 2,
        GetSubscriptionAttributes: 2,
      },
      5,
      [TOPIC_ARN, OPS],
    ],
  ])('%s: exactly these reads, rounds as counted', async (_label, state, reads, expectedRounds, topics) => {
    const run = await timedRun(state());
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.writes).toEqual([]);
    expect(counts(run.calls)).toEqual(reads);
    expect(rounds(run.calls)).toBe(expectedRounds);
    expect(run.report.controlSatisfiedBy?.map((c) => c.topic)).toEqual(topics);
  });

  it("the observation is read while the trail's status is; our own alarm stands for the alarms on our metric", async () => {
    const { calls } = await timedRun(compliant());
    const status = callOf(calls, 'GetTrailStatus');
    const trails = callOf(calls, 'DescribeTrails');
    const groupListing = calls.filter((c) => c.operation === 'DescribeMetricFilters')[1];
    for (const read of [groupListing, callOf(calls, 'DescribeAlarms'), callOf(calls, 'GetTopicAttributes')]) {
      expect(read?.start).toBeGreaterThan(trails.end);
      expect(read?.start).toBeLessThan(status.end);
    }
    expect(calls.some((c) => c.operation === 'DescribeAlarmsForMetric')).toBe(false);
  });

  it("every filter writing to our metric comes from the region's first page of filters, read beside discovery", async () => {
    const { calls, mocks } = await timedRun(compliant());
    const trails = callOf(calls, 'DescribeTrails');
    const [regionPage] = calls.filter((c) => c.operation === 'DescribeMetricFilters');
    expect(regionPage?.start).toBeLessThan(trails.end);
    expect(mocks.logs.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input)).toEqual([
      { limit: 50 },
      { logGroupName: LOG_GROUP },
    ]);
  });

  it('a region of more than 50 filters: our metric is read by name in the second round, still 3 rounds', async () => {
    const state = compliant();
    state.logGroups.other = Array.from({ length: 60 }, (_, i) => ({
      filterName: `other-${i}`,
      filterPattern: '{ $.eventName = Other }',
      metricTransformations: [{ metricName: `Other${i}`, metricNamespace: 'Team', metricValue: '1' }],
    }));
    const run = await timedRun(state);
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.mocks.logs.commandCalls(DescribeMetricFiltersCommand).map((c) => c.args[0].input)).toEqual([
      { limit: 50 },
      { logGroupName: LOG_GROUP },
      { metricName: 'SecurityGroupEventCount', metricNamespace: 'CISBenchmark' },
    ]);
    expect(counts(run.calls)).toEqual({ ...COMPLIANT_READS, DescribeMetricFilters: 3 });
    expect(rounds(run.calls)).toBe(3);
  });
});

describe("reconcile: every trail's log group is read in the same round; the one holding our filter wins", () => {
  const OTHER_GROUP = 'stopped-trail-logs';
  const STOPPED = `${TRAIL_ARN}-stopped`;
  const groupsRead = (run: Awaited<ReturnType<typeof timedRun>>) =>
    run.mocks.logs
      .commandCalls(DescribeMetricFiltersCommand)
      .flatMap((c) => c.args[0].input.logGroupName ?? []);

  it('the other group is empty: ours, compliant, is kept; both groups were read once', async () => {
    const state = stoppedTrailFirst(compliant(), groupArn(OTHER_GROUP));
    state.logGroups[OTHER_GROUP] = [];
    const run = await timedRun(state);
    expect(run.report).toMatchObject({ status: 'COMPLIANT', logGroup: LOG_GROUP, trail: TRAIL_ARN });
    expect(run.writes).toEqual([]);
    expect(groupsRead(run)).toEqual([OTHER_GROUP, LOG_GROUP]);
    expect(run.report.controlSatisfiedBy?.map((c) => c.filter)).toEqual(['CIS-4.10-SecurityGroupChanges']);
    expect(run.report.news).toBeUndefined();
    expect(run.inFlight).toBe(0);
  });

  it("the stopped trail's group holds our filter, the logging one's does not: the control stays, its trail is restarted", async () => {
    const state = stoppedTrailFirst(compliant(), groupArn(OTHER_GROUP));
    state.logGroups[OTHER_GROUP] = [ourFilter(state)];
    state.logGroups[LOG_GROUP] = without('filter', state).logGroups[LOG_GROUP] ?? [];
    const run = await timedRun(state);
    expect(run.report).toMatchObject({
      status: 'REPAIRED',
      logGroup: OTHER_GROUP,
      trail: STOPPED,
      errors: [],
    });
    expect(run.writes).toEqual([{ command: 'StartLoggingCommand', input: { Name: STOPPED } }]);
    expect(groupsRead(run)).toEqual([OTHER_GROUP, LOG_GROUP, OTHER_GROUP]);
    expect(run.inFlight).toBe(0);
  });

  it('our alarm, topic and metric are read once for both groups, all in the second round', async () => {
    const state = stoppedTrailFirst(compliant(), groupArn(OTHER_GROUP));
    state.logGroups[OTHER_GROUP] = [];
    const run = await timedRun(state);
    expect(counts(run.calls)).toEqual({ ...COMPLIANT_READS, GetTrailStatus: 2, DescribeMetricFilters: 3 });
    expect(rounds(run.calls)).toBe(3);
  });

  it('two candidates on the same group: the early reads are kept', async () => {
    const run = await timedRun(stoppedTrailFirst(compliant(), LOG_GROUP_ARN));
    expect(run.report.status).toBe('COMPLIANT');
    expect(counts(run.calls)).toEqual({ ...COMPLIANT_READS, GetTrailStatus: 2 });
    expect(rounds(run.calls)).toBe(3);
  });

  it('no candidate qualifies after all → NON_COMPLIANT as before, nothing judged from the early reads', async () => {
    const run = await timedRun(without('logging'), { env: { HEAL_TRAIL_LOGGING: 'false' } });
    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      findings: ['trail management-events is not logging (HEAL_TRAIL_LOGGING=false, so it was left stopped)'],
      changes: [],
      errors: [],
    });
    expect(run.report.logGroup).toBeUndefined();
    expect(run.report.verdict).toBeUndefined();
    expect(run.writes).toEqual([]);
    expect(counts(run.calls)).toEqual(COMPLIANT_READS);
    expect(run.inFlight).toBe(0);
  });
});
