/**
 * Nothing else may feed the metric, end to end on the emulator (through the AWS-faithful layer): a
 * second filter on another log group writing to CISBenchmark/SecurityGroupEventCount with metricValue -1
 * cancels every count of the control's alarm. The enforcer finds it with one DescribeMetricFilters by
 * metric name and namespace, reports it as blocking, lists no chain as holding, and never deletes it.
 */
import { CreateLogGroupCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL } from '../../scripts/lib/seed';
import { readControl } from './support/control';
import { useWorld } from './support/harness';

const APP_LOGS = 'app-logs';

describe('a second filter feeding our metric', () => {
  const world = useWorld('compliant');

  beforeEach(async () => {
    await world.account.logs.send(new CreateLogGroupCommand({ logGroupName: APP_LOGS }));
    await world.account.logs.send(
      new PutMetricFilterCommand({
        logGroupName: APP_LOGS,
        filterName: 'offset',
        filterPattern: '{ $.eventName = * }',
        metricTransformations: [
          { metricNamespace: CONTROL.namespace, metricName: CONTROL.metricName, metricValue: '-1' },
        ],
      }),
    );
  });

  it('metricValue -1 on another log group → NON_COMPLIANT naming it, no chain holds, nothing deleted or written', async () => {
    const run = await world.invoke('schedule');

    expect(run.report).toMatchObject({ status: 'NON_COMPLIANT', changes: [], errors: [] });
    expect(run.report.findings).toEqual([
      expect.stringMatching(
        /^metric filter offset on log group app-logs also writes to CISBenchmark\/SecurityGroupEventCount \(metricValue -1\): its negative values cancel the control's counts.*--log-group-name app-logs --filter-name offset/,
      ),
    ]);
    expect(run.writes).toEqual([]);
    expect(run.report.controlSatisfiedBy).toEqual([]);
    expect(run.report.verdict?.chains.filter((c) => c.state === 'holds')).toEqual([]);
    expect(run.report.verdict?.chains[0]).toMatchObject({
      filter: CONTROL.filterName,
      ours: true,
      state: 'broken',
      gaps: [
        'CISBenchmark/SecurityGroupEventCount is also fed by filter offset on log group app-logs (metricValue -1)',
      ],
    });
    // The log group's filters and one by-metric read (no log group); the verdict does not repeat it.
    expect(run.calls.filter((c) => c.operation === 'DescribeMetricFilters')).toHaveLength(2);
    expect(await readControl(world.account)).toMatchObject({ filters: [expect.anything()] });
  });

  it('the next run says the same and still writes nothing', async () => {
    await world.invoke('schedule');
    const again = await world.invoke('schedule');
    expect(again.report.status).toBe('NON_COMPLIANT');
    expect(again.writes).toEqual([]);
  });
});
