/**
 * Discovery fails while the early reads of the first candidate's log group are under way: the run
 * reports ERROR for the discovery failure alone, waits for every read it started, and no promise
 * rejection goes unhandled (checked in a plain Node process: jest forgives one handled late).
 */
import { join } from 'node:path';
import { compliant, TRAIL_ARN } from '../support/builders';
import { runBundled } from './support/bundled';
import { later, SLOW_MS, STATUS_DENIED, STS_DENIED } from './support/discovery-faults';
import { counts, timedRun } from './support/timed-run';

describe('reconcile: discovery fails during the early reads → ERROR, nothing left running', () => {
  it('STS denied: ERROR naming sts:GetCallerIdentity; no log group, alarm or topic was read', async () => {
    const run = await timedRun(compliant(), { arrange: STS_DENIED });
    expect(run.report.status).toBe('ERROR');
    expect(run.report.errors).toEqual([
      expect.objectContaining({ action: 'sts:GetCallerIdentity', code: 'AccessDenied' }),
    ]);
    // The region's first page of filters needs nothing from discovery: it is the one read beside it.
    expect(run.mocks.logs.calls().map((c) => c.args[0].input)).toEqual([{ limit: 50 }]);
    // So is the alarm's action history on a manual run (it needs only the alarm's name).
    const history = run.mocks.cloudwatch.calls().map((c) => (c.args[0] as object).constructor.name);
    expect(history).toEqual(['DescribeAlarmHistoryCommand']);
    expect(run.mocks.sns.calls()).toEqual([]);
    await later(SLOW_MS);
    expect(counts(run.calls)).toEqual({
      GetCallerIdentity: 1,
      DescribeTrails: 1,
      DescribeMetricFilters: 1,
      DescribeAlarmHistory: 1,
    });
  });

  it.each(Object.entries(STATUS_DENIED))(
    'GetTrailStatus denied while %s: one error, every read answered before the report',
    async (_label, arrange) => {
      const run = await timedRun(compliant(), { arrange });
      expect(run.report.status).toBe('ERROR');
      expect(run.report.errors).toEqual([
        expect.objectContaining({ action: 'cloudtrail:GetTrailStatus', resource: TRAIL_ARN }),
      ]);
      expect(run.inFlight).toBe(0);
      expect(run.writes).toEqual([]);
    },
  );

  it('in a plain Node process, no rejection is ever unhandled', async () => {
    const results = await runBundled(join(__dirname, 'support', 'discovery-faults-child.ts'));
    const names = ['STS denied', ...Object.keys(STATUS_DENIED)];
    expect(results).toEqual(Object.fromEntries(names.map((n) => [n, { status: 'ERROR', unhandled: [] }])));
  });
});
