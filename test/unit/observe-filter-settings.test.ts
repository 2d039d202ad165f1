/**
 * Every setting DescribeMetricFilters returns, on the enforcer's own filter, through mocks answering in
 * the SDK's real shapes (moto 5.2.5 drops applyOnTransformedLogs, fieldSelectionCriteria and
 * emitSystemFieldDimensions, so only mocks can show them): any value it does not write is drift, and the
 * rewrite (PutMetricFilter replaces the whole filter) leaves none behind.
 */
import type { MetricFilter, MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import { type AccountState, compliant, ourFilter } from '../support/builders';
import { runAgain, runOn } from './support/run';
import { FILTER_WRITE } from './support/writes';

type Edit = (filter: MetricFilter, t: MetricTransformation) => void;

function withSetting(edit: Edit): AccountState {
  const state = compliant();
  const filter = ourFilter(state);
  const [t] = filter.metricTransformations ?? [];
  if (!t) throw new Error('our filter has no metric transformation');
  edit(filter, t);
  return state;
}

describe("the enforcer's filter: every setting it does not write is drift, repaired by one rewrite", () => {
  it.each<[string, Edit, string]>([
    [
      'defaultValue 1',
      (_f, t) => Object.assign(t, { defaultValue: 1 }),
      'metric default value is 1, expected none: every other log event counts, so the alarm stays in ALARM and never notifies again',
    ],
    [
      'defaultValue -1',
      (_f, t) => Object.assign(t, { defaultValue: -1 }),
      'metric default value is -1, expected none: every other log event takes from the count, so the alarm never fires',
    ],
    [
      'defaultValue 0',
      (_f, t) => Object.assign(t, { defaultValue: 0 }),
      'metric default value is 0, expected none',
    ],
    ['unit Count', (_f, t) => Object.assign(t, { unit: 'Count' }), 'metric unit is Count, expected none'],
    [
      'emitSystemFieldDimensions',
      (f) => Object.assign(f, { emitSystemFieldDimensions: ['@aws.account'] }),
      'filter emits system field dimensions (@aws.account), so the alarm on the plain metric sees no data',
    ],
    [
      'fieldSelectionCriteria',
      (f) => Object.assign(f, { fieldSelectionCriteria: '@aws.account != "123456789012"' }),
      'filter only sees log events matching @aws.account != "123456789012", expected every event',
    ],
    [
      'applyOnTransformedLogs',
      (f) => Object.assign(f, { applyOnTransformedLogs: true }),
      "filter applies to transformed logs: its pattern runs on what the log group's transformer rewrote",
    ],
  ])(
    '%s → REPAIRED naming it; the rewritten filter has none of it; the next run writes nothing',
    async (_l, edit, reason) => {
      const state = withSetting(edit);
      const run = await runOn(state);
      expect(run.report).toMatchObject({ status: 'REPAIRED', errors: [], findings: [] });
      expect(run.report.changes).toEqual([
        expect.objectContaining({ resource: 'metric-filter', action: 'update', reasons: [reason] }),
      ]);
      expect(run.writes).toEqual([FILTER_WRITE]);
      const { creationTime: _time, ...stored } = ourFilter(state);
      expect(stored).toEqual(FILTER_WRITE.input);
      expect((await runAgain(run)).report).toMatchObject({ status: 'COMPLIANT', changes: [] });
    },
  );

  it('detect mode names the setting and writes nothing', async () => {
    const state = withSetting((f) => Object.assign(f, { applyOnTransformedLogs: true }));
    const run = await runOn(state, { env: { MODE: 'detect' } });
    expect(run.report.status).toBe('DRIFT_DETECTED');
    expect(run.writes).toEqual([]);
    expect(ourFilter(state).applyOnTransformedLogs).toBe(true);
  });

  it('unit None and applyOnTransformedLogs false, as AWS may list an unset filter, are not drift', async () => {
    const state = withSetting((f, t) => {
      Object.assign(f, { applyOnTransformedLogs: false, emitSystemFieldDimensions: [] });
      Object.assign(t, { unit: 'None' });
    });
    const run = await runOn(state);
    expect([run.report.status, run.writes]).toEqual(['COMPLIANT', []]);
  });
});
