import type { CallRecord } from '../../scripts/bench/calls';
import {
  pacingRows,
  pacingTable,
  peakInFlight,
  peakPerWindow,
  withinBounds,
} from '../../scripts/bench/pacing';
import { type CaseResult, casesTable } from '../../scripts/bench/table';
import { API_BOUNDS } from '../../src/aws/pace';

const call = (operation: string, start: number, end: number): CallRecord => ({
  operation,
  start,
  end,
  ok: true,
});

/** `n` calls of `operation`, `width` at a time, each wave starting when the one before ended. */
const waves = (operation: string, n: number, width: number, gapMs: number): CallRecord[] =>
  Array.from({ length: n }, (_, i) => {
    const start = Math.floor(i / width) * gapMs;
    return call(operation, start, start + 20);
  });

const caseOf = (runs: CallRecord[][]): CaseResult => ({
  name: 'all 15: repair from scratch',
  targets: { calls: {}, writes: {}, rounds: {} },
  runs: runs.map((calls) => ({ status: 'NON_COMPLIANT', wallMs: 1, calls })),
});

describe('peakInFlight', () => {
  it.each<[string, CallRecord[], number]>([
    ['no calls', [], 0],
    ['two overlapping', [call('A', 0, 10), call('A', 5, 15)], 2],
    ['one ends as the next starts', [call('A', 0, 10), call('A', 10, 20)], 1],
    ['three, the middle one overlapping both', [call('A', 0, 10), call('A', 5, 25), call('A', 12, 30)], 2],
  ])('%s', (_name, calls, expected) => expect(peakInFlight(calls)).toBe(expected));
});

describe('peakPerWindow', () => {
  it('counts starts less than a second (minus the stamp slack) apart', () => {
    const calls = [call('A', 0, 1), call('A', 500, 501), call('A', 989, 990), call('A', 1_000, 1_001)];
    expect(peakPerWindow(calls)).toBe(3);
  });
  it('does not count starts a full window apart together', () => {
    expect(peakPerWindow(waves('A', 6, 2, 1_000))).toBe(2);
  });
  it('sees a burst above the bound', () => {
    expect(peakPerWindow(waves('A', 6, 6, 1_000))).toBe(6);
  });
});

describe('pacingRows', () => {
  it('takes the worst run of each API against its bound', () => {
    const paced = waves('PutMetricAlarm', 15, 2, 1_000);
    const burst = waves('PutMetricAlarm', 15, 3, 1_000);
    const rows = pacingRows(caseOf([paced, burst]));
    expect(rows).toEqual([
      { api: 'PutMetricAlarm', calls: 15, inFlight: 3, perSecond: 3, bound: API_BOUNDS.PutMetricAlarm },
    ]);
    expect(withinBounds(rows)).toBe(false);
    expect(withinBounds(pacingRows(caseOf([paced])))).toBe(true);
  });
  it('marks an API that is not paced', () => {
    const rows = pacingRows(caseOf([[call('ListTopics', 0, 1)]]));
    expect(rows).toEqual([{ api: 'ListTopics', calls: 1, inFlight: 1, perSecond: 1 }]);
    expect(withinBounds(rows)).toBe(true);
  });
});

describe('tables', () => {
  it('pacingTable: one row per API, peaks against the bound', () => {
    const table = pacingTable(caseOf([[...waves('PutMetricAlarm', 4, 3, 1_000), call('ListTopics', 0, 1)]]));
    expect(table.split('\n')).toEqual([
      '| API | calls per run | peak in flight | peak started in 1 s | bound: in flight / per second |',
      '|---|---|---|---|---|',
      '| PutMetricAlarm | 4 | 3 > 2 ❌ | 3 > 2 ❌ | 2 / 2 |',
      '| ListTopics | 1 | 1 | 1 | unpaced |',
    ]);
  });
  it('casesTable: a row per case with its targets and notes', () => {
    const c: CaseResult = {
      name: 'all 15: compliant',
      targets: { calls: { max: 8 }, writes: { max: 0 }, rounds: { max: 3, note: 'n' } },
      runs: [
        { status: 'COMPLIANT', wallMs: 12, calls: [call('DescribeAlarms', 0, 5), call('Publish', 6, 7)] },
      ],
    };
    const [, , row] = casesTable([c]).split('\n');
    expect(row).toBe(
      '| all 15: compliant (n=1) | COMPLIANT | 2 ≤ 8 ✅ | 1 > 0 ❌, incl. 1 alert | 2 ≤ 3 ✅ (n) | 12 (12–12) | DescribeAlarms, Publish |',
    );
  });
});
