import { TOPIC_ARN } from '../support/builders';
import { alarmWith, type Drift, deleted, planDrift, summary } from './support/plan-rows';
import { ALARM_FIELDS, DESIRED_DESCRIPTION } from './support/writes';

const update = [['alarm', 'update']] as const;

describe('plan: the alarm', () => {
  it.each<[string, Drift, string]>([
    [
      'metric namespace changed',
      alarmWith({ namespace: 'Other' }),
      'alarm watches Other/SecurityGroupEventCount, expected CISBenchmark/SecurityGroupEventCount',
    ],
    [
      'metric name changed',
      alarmWith({ metricName: 'X' }),
      'alarm watches CISBenchmark/X, expected CISBenchmark/SecurityGroupEventCount',
    ],
    ['statistic changed', alarmWith({ statistic: 'Average' }), 'statistic is Average, expected Sum'],
    [
      'extended statistic instead',
      alarmWith({ statistic: undefined, extendedStatistic: 'p99' }),
      'statistic is p99, expected Sum',
    ],
    ['period changed', alarmWith({ period: 3600 }), 'period is 3600, expected 300'],
    ['threshold changed', alarmWith({ threshold: 10 }), 'threshold is 10, expected 1'],
    [
      'comparison changed',
      alarmWith({ comparisonOperator: 'GreaterThanThreshold' }),
      'comparison operator is GreaterThanThreshold, expected GreaterThanOrEqualToThreshold',
    ],
    [
      'evaluation periods changed',
      alarmWith({ evaluationPeriods: 3, datapointsToAlarm: 1 }),
      'evaluation periods is 3, expected 1',
    ],
    [
      'datapoints to alarm changed',
      alarmWith({ evaluationPeriods: 1, datapointsToAlarm: 2 }),
      'datapoints to alarm is 2, expected 1',
    ],
    [
      'missing-data treatment changed',
      alarmWith({ treatMissingData: 'breaching' }),
      'missing-data treatment is breaching, expected notBreaching',
    ],
    [
      'missing-data treatment unset (AWS default: missing)',
      alarmWith({ treatMissingData: undefined }),
      'missing-data treatment is missing, expected notBreaching',
    ],
    ['ActionsEnabled false', alarmWith({ actionsEnabled: false }), 'ActionsEnabled was false'],
    [
      'topic missing from AlarmActions',
      alarmWith({ alarmActions: [] }),
      `topic ${TOPIC_ARN} missing from AlarmActions`,
    ],
    [
      'dimensions added',
      alarmWith({ hasDimensions: true }),
      'alarm metric has dimensions the filter metric does not have',
    ],
    [
      'metric math instead',
      alarmWith({ usesMetricMath: true }),
      'alarm uses metric math instead of the filter metric',
    ],
    ['unit set', alarmWith({ unit: 'Seconds' }), 'alarm unit is Seconds, but the filter metric has no unit'],
  ])('%s → one update naming it', (_label, drift, reason) => {
    expect(summary(planDrift(drift))).toEqual({ changes: update, reasons: [reason], findings: [] });
  });

  it.each<[string, Drift]>([
    [
      'extra actions of others',
      alarmWith({ alarmActions: [TOPIC_ARN, 'arn:aws:sns:us-east-1:123456789012:ops'] }),
    ],
    [
      'OK and insufficient-data actions',
      alarmWith({ okActions: ['arn:x'], insufficientDataActions: ['arn:y'] }),
    ],
    ['datapoints unset (AWS reads it as evaluation periods)', alarmWith({ datapointsToAlarm: undefined })],
    ['another description', alarmWith({ description: 'ours now' })],
  ])('%s → no change', (_label, drift) => {
    expect(summary(planDrift(drift))).toEqual({ changes: [], reasons: [], findings: [] });
  });

  it('deleted → create with the desired settings, the topic and the managed-by tag', () => {
    const p = planDrift(deleted('alarm'));
    expect(summary(p)).toEqual({
      changes: [['alarm', 'create']],
      reasons: ['alarm does not exist'],
      findings: [],
    });
    expect(p.changes[0]?.after).toEqual({
      ...ALARM_FIELDS,
      AlarmDescription: DESIRED_DESCRIPTION,
      Tags: [{ Key: 'managed-by', Value: 'cis-monitoring-enforcer' }],
    });
  });

  it('topic missing while another action stays → the other action is kept, the topic appended', () => {
    const ops = 'arn:aws:sns:us-east-1:123456789012:ops';
    const p = planDrift(alarmWith({ alarmActions: [ops], okActions: [ops], description: 'theirs' }));
    expect(p.changes[0]?.after).toMatchObject({
      AlarmActions: [ops, TOPIC_ARN],
      OKActions: [ops],
      AlarmDescription: 'theirs',
      ActionsEnabled: true,
    });
    expect(p.changes[0]?.after).not.toHaveProperty('Tags');
  });

  it('several drifts at once → one update listing every reason', () => {
    const p = planDrift(alarmWith({ threshold: 5, actionsEnabled: false }));
    expect(summary(p)).toEqual({
      changes: update,
      reasons: ['threshold is 5, expected 1', 'ActionsEnabled was false'],
      findings: [],
    });
  });

  it('custom metric names from the configuration are what the alarm must watch', () => {
    const env = { METRIC_NAMESPACE: 'Sec', METRIC_NAME: 'SgChanges' };
    expect(summary(planDrift((a) => a, env)).changes).toEqual([]);
    const drifted = planDrift(
      alarmWith({ namespace: 'CISBenchmark', metricName: 'SecurityGroupEventCount' }),
      env,
    );
    expect(summary(drifted).reasons).toEqual([
      'alarm watches CISBenchmark/SecurityGroupEventCount, expected Sec/SgChanges',
    ]);
  });
});
