import 'aws-sdk-client-mock-jest';
import { DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { assessControl } from '../../src/verdict';
import { metricKey } from '../../src/verdict/links';
import { alarmView, OUR_METRIC, OUR_TOPIC, OURS, TF_METRIC } from './fixtures';
import { arrangeChains, clients, cloudwatch, desired, seen } from './mocked-chains';

beforeEach(arrangeChains);

/** Our metric's alarms as read alongside the observation. */
const known = (read: { alarms: ReturnType<typeof alarmView>[] } | { error: string }) =>
  new Map([[metricKey(OUR_METRIC), read]]);
const ourAlarm = alarmView(OURS.alarmName, OUR_METRIC, [OUR_TOPIC]);

describe('assessControl: alarms already read alongside the observation', () => {
  it('are not read again; the other metrics are; the verdict is the one a full read gives', async () => {
    const full = await assessControl(clients, desired, seen, false);
    cloudwatch.resetHistory();
    const given = await assessControl(clients, desired, seen, false, known({ alarms: [ourAlarm] }));
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmsForMetricCommand, 1);
    expect(cloudwatch).toHaveReceivedCommandWith(DescribeAlarmsForMetricCommand, {
      Namespace: TF_METRIC.namespace,
      MetricName: TF_METRIC.name,
    });
    expect(given).toEqual(full);
  });

  it('a failed early read counts as the read of that metric: the chain is unknown, said so', async () => {
    const failed = 'cloudwatch:DescribeAlarmsForMetric on CISBenchmark/SecurityGroupEventCount: Throttling';
    const { verdict } = await assessControl(clients, desired, seen, false, known({ error: failed }));
    expect(verdict.notChecked).toEqual([failed]);
    expect(verdict.chains[0]).toMatchObject({
      filter: OURS.filterName,
      state: 'unknown',
      gaps: [`alarms on CISBenchmark/SecurityGroupEventCount could not be read: ${failed}`],
    });
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmsForMetricCommand, 1);
  });

  it('an early read of a metric no satisfying filter uses is ignored, even a failed one', async () => {
    const onlyTheirs = { ...seen, filters: seen.filters.slice(1), filter: undefined };
    const { verdict } = await assessControl(
      clients,
      desired,
      onlyTheirs,
      false,
      known({ error: 'x: Throttling' }),
    );
    expect(verdict.notChecked).toEqual([]);
    expect(verdict.chains.map((c) => c.filter)).not.toContain(OURS.filterName);
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmsForMetricCommand, 1);
  });
});
