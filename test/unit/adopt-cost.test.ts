/**
 * Adoption must not make a compliant run expensive: a control held by the user's chain costs that
 * chain's alarms and its topic's subscribers, two reads, in no extra round (mocks, logical clock).
 */
import { rounds } from '../../scripts/bench/calls';
import { controlSpec } from '../../src/catalog/specs';
import { ACCOUNT, type AccountState, compliant, LOG_GROUP, REGION } from '../support/builders';
import { COMPLIANT_READS, counts, timedRun } from './support/timed-run';

const TEAM_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:team-alerts`;

/** The compliant account (our security group chain) plus the team's own root-usage chain. */
function withTeamRootChain(): AccountState {
  const state = compliant();
  state.logGroups[LOG_GROUP]?.push({
    filterName: 'team-root-usage',
    filterPattern: controlSpec('root-usage').profiles.cis.canonical,
    metricTransformations: [{ metricNamespace: 'Team', metricName: 'RootUsage', metricValue: '1' }],
  });
  state.alarms.push({
    AlarmName: 'team-root-usage',
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:team-root-usage`,
    Namespace: 'Team',
    MetricName: 'RootUsage',
    Statistic: 'Sum',
    Period: 300,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    EvaluationPeriods: 1,
    ActionsEnabled: true,
    AlarmActions: [TEAM_TOPIC],
    OKActions: [],
    InsufficientDataActions: [],
    Dimensions: [],
  });
  const subscriptions = [
    {
      TopicArn: TEAM_TOPIC,
      Protocol: 'email',
      Endpoint: 'team@example.com',
      SubscriptionArn: `${TEAM_TOPIC}:1`,
    },
  ];
  state.topics[TEAM_TOPIC] = { attributes: { TopicArn: TEAM_TOPIC }, subscriptions };
  return state;
}

describe('the cost of an adopted control', () => {
  // The team's topic is judged as ours is (policy, subscribers' filter policies): 4 reads more than the run.
  it('4.3 held by the team, 4.10 ours: COMPLIANT, no write, 4 reads more than the run itself, 5 rounds at most', async () => {
    const run = await timedRun(withTeamRootChain(), {
      env: { CONTROLS: 'root-usage,security-group-changes' },
    });
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.writes).toEqual([]);
    expect(run.report.controls?.find((p) => p.key === 'root-usage')?.heldBy?.map((c) => c.filter)).toEqual([
      'team-root-usage',
    ]);
    expect(counts(run.calls)).toEqual({
      ...COMPLIANT_READS,
      // Each selected control's alarm history, read by name whether or not the alarm exists.
      DescribeAlarmHistory: 2,
      DescribeAlarmsForMetric: 1,
      ListSubscriptionsByTopic: 2,
      GetTopicAttributes: 2,
      GetSubscriptionAttributes: 2,
    });
    expect(rounds(run.calls)).toBeLessThanOrEqual(5);
  });

  it('EXISTING_CHAINS=ignore: the same account builds ours for 4.3', async () => {
    const run = await timedRun(withTeamRootChain(), {
      env: { CONTROLS: 'root-usage,security-group-changes', EXISTING_CHAINS: 'ignore' },
    });
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricFilterCommand', 'PutMetricAlarmCommand']);
  });
});
