/**
 * Another team's alarm counts toward a chain only when it fires on the control's first matching event,
 * within five minutes, and tells of it: the control's settings or stricter ones.
 */
import type { AlarmView, MetricTransformationView } from '../../src/model';
import { alarmGaps } from '../../src/verdict/settings';

const base: AlarmView = {
  name: 'team-alarm',
  namespace: 'Team',
  metricName: 'Changes',
  hasDimensions: false,
  usesMetricMath: false,
  statistic: 'Sum',
  period: 300,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  treatMissingData: 'notBreaching',
  actionsEnabled: true,
  alarmActions: [],
  okActions: [],
  insufficientDataActions: [],
};
const one: MetricTransformationView = {
  metricNamespace: 'Team',
  metricName: 'Changes',
  metricValue: '1',
  hasDimensions: false,
};
const texts = (a: Partial<AlarmView>, t = one) =>
  alarmGaps({ ...base, ...a }, t).map((g) => [g.certain, g.text]);

describe('alarm settings that fire on the first event', () => {
  it.each<[string, Partial<AlarmView>]>([
    ["the control's own", {}],
    ['a shorter period', { period: 60 }],
    ['Maximum ≥ 1', { statistic: 'Maximum' }],
    [
      'SampleCount > 0',
      { statistic: 'SampleCount', comparisonOperator: 'GreaterThanThreshold', threshold: 0 },
    ],
    ['missing data ignored', { treatMissingData: 'ignore' }],
    ['1 of 3 datapoints', { evaluationPeriods: 3, datapointsToAlarm: 1 }],
  ])('%s: no gap', (_label, alarm) => {
    expect(texts(alarm)).toEqual([]);
  });
});

describe('alarm settings that let an event pass untold', () => {
  it.each<[string, Partial<AlarmView>, RegExp]>([
    ['Sum ≥ 3 (three events needed)', { threshold: 3 }, /one event \(1\) does not fire it/],
    [
      'Minimum ≥ 1,000,000 over a day',
      { statistic: 'Minimum', threshold: 1_000_000, period: 86_400 },
      /does not fire it/,
    ],
    ['Sum > 1', { comparisonOperator: 'GreaterThanThreshold' }, /> 1: one event \(1\) does not fire it/],
    ['LessThanThreshold', { comparisonOperator: 'LessThanThreshold' }, /events never fire it/],
    ['2 of 2 datapoints', { evaluationPeriods: 2, datapointsToAlarm: 2 }, /needs 2 breaching datapoints/],
    ['a one-hour period', { period: 3600 }, /period is 3600 s/],
    ['missing data breaching', { treatMissingData: 'breaching' }, /stays in ALARM/],
  ])('%s: a certain gap', (_label, alarm, text) => {
    const gaps = texts(alarm);
    expect(gaps).toContainEqual([true, expect.stringMatching(text)]);
  });

  it('metric math, percentiles and anomaly bands are not judged: the chain is unknown', () => {
    expect(texts({ usesMetricMath: true })).toEqual([[false, expect.stringMatching(/metric math/)]]);
    expect(texts({ extendedStatistic: 'p99' })).toEqual([[false, expect.stringMatching(/p99/)]]);
    expect(texts({ comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' })).toEqual([
      [false, expect.stringMatching(/not judged/)],
    ]);
  });

  it('a metric value of 5 reaches a threshold of 5 with Sum, not with SampleCount', () => {
    const five = { ...one, metricValue: '5' };
    expect(texts({ threshold: 5 }, five)).toEqual([]);
    expect(texts({ threshold: 5, statistic: 'SampleCount' }, five)).toHaveLength(1);
  });
});
