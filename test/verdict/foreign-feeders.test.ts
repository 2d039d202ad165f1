/**
 * Nothing else may feed the metric: every filter of the region writing to a chain's metric is found with
 * one DescribeMetricFilters by metric name and namespace (no log group). Another writer to our metric is
 * a blocking finding naming it (the enforcer never deletes it); a chain whose metric another filter also
 * feeds, ours or someone else's, does not hold.
 */
import { DescribeMetricFiltersCommand, type MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { type AccountState, compliant, LOG_GROUP, ourFilter } from '../support/builders';
import { runAgain, runOn } from '../unit/support/run';
import { FILTER_WRITE, twoEvents } from '../unit/support/writes';
import { OUR_LINK, OUR_METRIC, TF_METRIC } from './fixtures';
import { withTerraformChain } from './terraform-account';

const OURS = 'CIS-4.10-SecurityGroupChanges';

/** A filter writing to `metric` (ours by default) on `logGroupName`. */
const writer = (
  name: string,
  logGroupName: string,
  value: Partial<{ metricValue: string; defaultValue: number }>,
  metric = OUR_METRIC,
): MetricFilter => ({
  filterName: name,
  filterPattern: '{ $.eventName = * }',
  logGroupName,
  metricTransformations: [
    { metricNamespace: metric.namespace, metricName: metric.name, metricValue: '1', ...value },
  ],
});

/** The compliant account with `filters` added to log group `group` (created when missing). */
function withFilters(
  group: string,
  filters: MetricFilter[],
  state: AccountState = compliant(),
): AccountState {
  state.logGroups[group] = [...(state.logGroups[group] ?? []), ...filters];
  return state;
}

/** The region's first page of filters: no log group, no metric. */
const REGION_PAGE = { limit: 50 };

const byMetric = (metric: typeof OUR_METRIC) => ({
  metricName: metric.name,
  metricNamespace: metric.namespace,
});

describe('another filter writing to our metric', () => {
  it('on another log group with metricValue -1 → NON_COMPLIANT naming it, never deleted, and our chain does not hold', async () => {
    const state = withFilters('app-logs', [writer('offset', 'app-logs', { metricValue: '-1' })]);
    const run = await runOn(state);
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toEqual([
      expect.stringMatching(
        /^metric filter offset on log group app-logs also writes to CISBenchmark\/SecurityGroupEventCount \(metricValue -1\): its negative values cancel the control's counts.*delete-metric-filter --log-group-name app-logs --filter-name offset/,
      ),
    ]);
    expect(run.writes.filter((w) => w.command !== 'PublishCommand')).toEqual([]);
    expect(state.logGroups['app-logs']).toHaveLength(1);
    expect(run.report.controlSatisfiedBy).toEqual([]);
    expect(run.report.verdict?.chains).toEqual([
      expect.objectContaining({
        filter: OURS,
        ours: true,
        state: 'broken',
        gaps: [
          'CISBenchmark/SecurityGroupEventCount is also fed by filter offset on log group app-logs (metricValue -1)',
        ],
      }),
    ]);
    // The region's first page held every filter of the region: it named the writer, no read by metric.
    expect(run.mocks.logs.commandCalls(DescribeMetricFiltersCommand, REGION_PAGE)).toHaveLength(1);
    expect(run.mocks.logs.commandCalls(DescribeMetricFiltersCommand, byMetric(OUR_METRIC))).toHaveLength(0);
  });

  it.each<[string, () => AccountState, RegExp]>([
    [
      'on our log group, another name, defaultValue 1',
      () => withFilters(LOG_GROUP, [writer('noise', LOG_GROUP, { defaultValue: 1 })]),
      /^metric filter noise on log group .* \(metricValue 1, defaultValue 1\): its default value counts every other event/,
    ],
    [
      'our own filter name on another log group',
      () => withFilters('old-trail-logs', [{ ...ourFilter(compliant()), logGroupName: 'old-trail-logs' }]),
      /^metric filter CIS-4.10-SecurityGroupChanges on log group old-trail-logs also writes/,
    ],
  ])('%s → NON_COMPLIANT naming it', async (_label, state, finding) => {
    const run = await runOn(state());
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toEqual([expect.stringMatching(finding)]);
    expect(run.report.controlSatisfiedBy).toEqual([]);
  });

  it('a filter on another log group writing to another metric is no concern → COMPLIANT', async () => {
    const state = withFilters('app-logs', [writer('app-errors', 'app-logs', {}, TF_METRIC)]);
    const run = await runOn(state);
    expect(run.report).toMatchObject({ status: 'COMPLIANT', findings: [], controlSatisfiedBy: [OUR_LINK()] });
  });

  it('every page of the by-metric listing is read (SDK paginator): a writer on page 2 is found', async () => {
    const state = compliant();
    const run = await runOn(state, {
      arrange: (m) => {
        // More than one page of filters in the region: our metric's writers are read by metric.
        m.logs
          .on(DescribeMetricFiltersCommand, REGION_PAGE)
          .resolves({ metricFilters: [{ ...ourFilter(state), logGroupName: LOG_GROUP }], nextToken: 'more' });
        m.logs
          .on(DescribeMetricFiltersCommand, byMetric(OUR_METRIC))
          .resolvesOnce({
            metricFilters: [{ ...ourFilter(state), logGroupName: LOG_GROUP }],
            nextToken: 'p2',
          })
          .resolves({ metricFilters: [writer('late', 'app-logs', { metricValue: '-1' })] });
      },
    });
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toEqual([
      expect.stringContaining('metric filter late on log group app-logs'),
    ]);
    const calls = run.mocks.logs.commandCalls(DescribeMetricFiltersCommand, byMetric(OUR_METRIC));
    // The paginator reuses one input object, so only the last token can be seen on the recorded calls.
    expect(calls.map((c) => c.args[0].input.nextToken)).toEqual(['p2', 'p2']);
    expect(calls.every((c) => c.args[0].input.logGroupName === undefined)).toBe(true);
  });

  it('enforce mode with our filter weakened too: repaired, and still NON_COMPLIANT while the other writer stays', async () => {
    const state = withFilters('app-logs', [writer('offset', 'app-logs', { metricValue: '-1' })]);
    ourFilter(state).filterPattern = twoEvents;
    const run = await runOn(state);
    expect(run.writes.filter((w) => w.command !== 'PublishCommand')).toEqual([FILTER_WRITE]);
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toEqual([
      expect.stringContaining('metric filter offset on log group app-logs'),
    ]);
    const again = await runAgain(run);
    expect(again.report.status).toBe('NON_COMPLIANT');
    expect(again.writes.filter((w) => w.command !== 'PublishCommand')).toEqual([]);
  });
});

describe("another filter writing to someone else's chain's metric", () => {
  it("breaks that chain (its writers taken from the region's one page of filters); ours holds and the run is COMPLIANT", async () => {
    const state = withTerraformChain(compliant());
    withFilters('app-logs', [writer('tf-offset', 'app-logs', { defaultValue: -1 }, TF_METRIC)], state);
    const run = await runOn(state);
    expect(run.report).toMatchObject({ status: 'COMPLIANT', findings: [], controlSatisfiedBy: [OUR_LINK()] });
    expect(run.report.verdict?.chains.find((c) => c.filter === 'sg-changes')).toMatchObject({
      state: 'broken',
      gaps: [
        'CloudTrailMetrics/SecurityGroupEventCount is also fed by filter tf-offset on log group app-logs (metricValue 1, defaultValue -1)',
      ],
    });
    const logs = run.mocks.logs;
    // The region's first page held every filter: neither metric is read by name.
    expect(logs.commandCalls(DescribeMetricFiltersCommand, byMetric(TF_METRIC))).toHaveLength(0);
    expect(logs.commandCalls(DescribeMetricFiltersCommand, byMetric(OUR_METRIC))).toHaveLength(0);
  });

  it("with more filters in the region than one page, that chain's metric is read by name once, by the verdict", async () => {
    const state = withTerraformChain(compliant());
    withFilters('app-logs', [writer('tf-offset', 'app-logs', { defaultValue: -1 }, TF_METRIC)], state);
    const run = await runOn(state, {
      arrange: (m) =>
        m.logs
          .on(DescribeMetricFiltersCommand, REGION_PAGE)
          .resolves({ metricFilters: [], nextToken: 'more' }),
    });
    expect(run.report).toMatchObject({ status: 'COMPLIANT', findings: [], controlSatisfiedBy: [OUR_LINK()] });
    expect(run.report.verdict?.chains.find((c) => c.filter === 'sg-changes')?.state).toBe('broken');
    expect(run.mocks.logs.commandCalls(DescribeMetricFiltersCommand, byMetric(TF_METRIC))).toHaveLength(1);
  });
});
