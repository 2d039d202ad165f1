import { byOperation, type CallRecord, isWrite, rounds } from '../../scripts/bench/calls';
import { quantile, spread } from '../../scripts/bench/stats';

const call = (operation: string, start: number, end: number): CallRecord => ({
  operation,
  start,
  end,
  ok: true,
});

describe('rounds', () => {
  it.each<[string, CallRecord[], number]>([
    ['no calls', [], 0],
    ['one call', [call('A', 0, 10)], 1],
    ['two overlapping calls', [call('A', 0, 10), call('B', 1, 9)], 1],
    ['a call started exactly when another ended', [call('A', 0, 10), call('B', 10, 20)], 2],
    ['a chain of three', [call('A', 0, 10), call('B', 11, 20), call('C', 21, 30)], 3],
    [
      'the enforcer shape: 2 ∥ then 2 ∥ then 4 ∥',
      [
        call('GetCallerIdentity', 0, 5),
        call('DescribeTrails', 0, 8),
        call('GetTrailStatus', 9, 12),
        call('GetEventSelectors', 9, 14),
        call('DescribeMetricFilters', 15, 20),
        call('DescribeAlarms', 15, 19),
        call('GetTopicAttributes', 15, 18),
        call('ListSubscriptionsByTopic', 15, 21),
      ],
      3,
    ],
    // B waits for A; C started before A ended, so it is round 1 even though it ends last.
    ['a late starter that overlaps round 1', [call('A', 0, 10), call('C', 5, 30), call('B', 11, 12)], 2],
    [
      'a second page after the reads',
      [call('A', 0, 10), call('P1', 11, 20), call('R', 11, 15), call('P2', 21, 25)],
      3,
    ],
    ['order of the records does not matter', [call('C', 21, 30), call('A', 0, 10), call('B', 11, 20)], 3],
  ])('%s', (_name, calls, expected) => {
    expect(rounds(calls)).toBe(expected);
  });
});

describe('isWrite', () => {
  it.each([
    'PutMetricFilter',
    'PutMetricAlarm',
    'CreateTopic',
    'SetTopicAttributes',
    'Subscribe',
    'StartLogging',
    'Publish',
    'EnableAlarmActions',
    'TagResource',
  ])('%s writes', (op) => expect(isWrite(op)).toBe(true));
  it.each([
    'GetCallerIdentity',
    'DescribeTrails',
    'GetTrailStatus',
    'DescribeMetricFilters',
    'DescribeAlarms',
    'DescribeAlarmsForMetric',
    'ListSubscriptionsByTopic',
    'GetTopicAttributes',
  ])('%s only reads', (op) => expect(isWrite(op)).toBe(false));
});

describe('byOperation', () => {
  it('counts calls per operation, most frequent first', () => {
    const calls = [call('B', 0, 1), call('A', 0, 1), call('B', 2, 3)];
    expect(byOperation(calls)).toEqual([
      ['B', 2],
      ['A', 1],
    ]);
  });
});

describe('spread', () => {
  it('gives median, p10, p90, min and max', () => {
    const s = spread([5, 1, 4, 2, 3, 10, 6, 7, 9, 8, 0]);
    expect(s).toEqual({ n: 11, median: 5, p10: 1, p90: 9, min: 0, max: 10 });
  });
  it('interpolates between ranks', () => {
    expect(quantile([10, 20], 0.5)).toBe(15);
    expect(quantile([10, 20, 30, 40], 0.1)).toBeCloseTo(13);
  });
});
