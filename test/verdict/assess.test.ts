import 'aws-sdk-client-mock-jest';
import { CloudWatchServiceException, DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand, NotFoundException } from '@aws-sdk/client-sns';
import { assessControl } from '../../src/verdict';
import { OTHER_ACCOUNT_TOPIC, OUR_LINK, OUR_METRIC, OUR_TOPIC, OURS, TF_LINK, TF_TOPIC } from './fixtures';
import { arrangeChains, clients, cloudwatch, desired, logs, meta, seen, sns, trail } from './mocked-chains';

beforeEach(arrangeChains);

describe('assessControl: the reads', () => {
  it('one DescribeAlarmsForMetric per satisfying metric, subscribers only of local topics not ours', async () => {
    const { verdict, controlSatisfiedBy, findings } = await assessControl(clients, desired, seen, false);
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmsForMetricCommand, 2);
    expect(cloudwatch).toHaveReceivedCommandWith(DescribeAlarmsForMetricCommand, {
      Namespace: 'CloudTrailMetrics',
      MetricName: 'SecurityGroupEventCount',
    });
    expect(sns).toHaveReceivedCommandTimes(ListSubscriptionsByTopicCommand, 2);
    expect(sns).toHaveReceivedNthSpecificCommandWith(2, ListSubscriptionsByTopicCommand, {
      TopicArn: TF_TOPIC,
      NextToken: 'page-2',
    });
    expect(logs).toHaveReceivedCommandTimes(TestMetricFilterCommand, 0);
    expect(controlSatisfiedBy).toEqual([OUR_LINK(), TF_LINK()]);
    expect(verdict).toMatchObject({ satisfied: true, filtersJudged: 2, notChecked: [] });
    expect(verdict.chains.at(-1)).toMatchObject({ topic: OTHER_ACCOUNT_TOPIC, state: 'unknown' });
    expect(findings).toEqual([]);
  });

  it('reads the metrics concurrently', async () => {
    const started: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    cloudwatch.on(DescribeAlarmsForMetricCommand).callsFake(async (input: { Namespace?: string }) => {
      started.push(input.Namespace ?? '');
      await gate;
      return { MetricAlarms: [] };
    });
    const running = assessControl(clients, desired, seen, false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started.sort()).toEqual(['CISBenchmark', 'CloudTrailMetrics']);
    release();
    expect((await running).verdict.satisfied).toBe(false);
  });

  it('a denied alarm read or a vanished topic leaves chains unknown or broken, and never throws', async () => {
    const denied = new CloudWatchServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: meta,
      message: 'no',
    });
    cloudwatch.on(DescribeAlarmsForMetricCommand, { Namespace: OUR_METRIC.namespace }).rejects(denied);
    sns
      .on(ListSubscriptionsByTopicCommand, { TopicArn: TF_TOPIC })
      .rejects(new NotFoundException({ message: 'gone', $metadata: meta }));
    const { verdict, controlSatisfiedBy } = await assessControl(clients, desired, seen, false);
    const failed = 'cloudwatch:DescribeAlarmsForMetric on CISBenchmark/SecurityGroupEventCount: AccessDenied';
    expect(verdict.notChecked).toEqual([failed]);
    expect(verdict.chains.map((c) => [c.filter, c.topic, c.state, c.gaps])).toEqual([
      [
        OURS.filterName,
        undefined,
        'unknown',
        [`alarms on CISBenchmark/SecurityGroupEventCount could not be read: ${failed}`],
      ],
      ['sg-changes', TF_TOPIC, 'broken', ['topic does not exist']],
      [
        'sg-changes',
        OTHER_ACCOUNT_TOPIC,
        'unknown',
        ['topic is in another account or region: subscribers not checked'],
      ],
    ]);
    expect(controlSatisfiedBy).toEqual([]);
  });

  it('a trail that stopped logging keeps the control from holding, whatever the chains', async () => {
    const stopped = { ...seen, trail: { name: trail.name, isLogging: false } };
    const { verdict, controlSatisfiedBy } = await assessControl(clients, desired, stopped, false);
    expect(verdict).toMatchObject({
      satisfied: false,
      problems: ['trail management-events is not logging: no filter on its log group sees new events'],
    });
    expect(verdict.chains.filter((c) => c.state === 'holds')).toHaveLength(2);
    expect(controlSatisfiedBy).toEqual([]);
  });

  it('our topic unreadable or missing is judged from the observation, without another read', async () => {
    const unread = await assessControl(
      clients,
      desired,
      { ...seen, topic: undefined, unobserved: ['topic'] },
      false,
    );
    expect(unread.verdict.chains[0]).toMatchObject({
      ours: true,
      state: 'unknown',
      gaps: ['topic could not be read'],
    });
    expect(unread.verdict.notChecked).toEqual(['topic could not be read']);
    const missing = await assessControl(clients, desired, { ...seen, topic: undefined }, false);
    expect(missing.verdict.chains[0]).toMatchObject({
      ours: true,
      state: 'broken',
      gaps: ['topic does not exist'],
    });
    expect(sns.commandCalls(ListSubscriptionsByTopicCommand, { TopicArn: OUR_TOPIC })).toEqual([]);
  });

  it('metric filters that could not be read: no further reads, nothing satisfied, said so', async () => {
    const { verdict } = await assessControl(
      clients,
      desired,
      { ...seen, filters: [], filter: undefined, unobserved: ['filter'] },
      true,
    );
    expect(verdict).toEqual({
      profile: 'cis',
      satisfied: false,
      problems: [],
      filtersJudged: 0,
      chains: [],
      notChecked: ['logs:DescribeMetricFilters on aws-cloudtrail-logs: not read'],
    });
    expect([...cloudwatch.calls(), ...logs.calls(), ...sns.calls()]).toEqual([]);
  });
});
