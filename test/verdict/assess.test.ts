import 'aws-sdk-client-mock-jest';
import {
  CloudWatchClient,
  CloudWatchServiceException,
  DescribeAlarmsForMetricCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  InvalidParameterException,
  TestMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand, NotFoundException, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/clients';
import { loadConfig } from '../../src/config';
import { desiredState } from '../../src/desired';
import { assessControl, type Seen } from '../../src/verdict';
import {
  ACCOUNT,
  OTHER_ACCOUNT_TOPIC,
  OUR_LINK,
  OUR_METRIC,
  OUR_TOPIC,
  OURS,
  ourFilter,
  REGION,
  TF_LINK,
  TF_METRIC,
  TF_TOPIC,
  tfFilter,
} from './fixtures';

const cloudwatch = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const logs = mockClient(CloudWatchLogsClient);
const clients = createClients(REGION);
const trail = {
  name: 'management-events',
  arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/management-events`,
  homeRegion: REGION,
  logGroupName: 'aws-cloudtrail-logs',
  logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:aws-cloudtrail-logs:*`,
  isLogging: true,
};
const desired = desiredState(loadConfig({ AWS_REGION: REGION }), ACCOUNT, trail);
const meta = { httpStatusCode: 400, requestId: 'test' };

const sdkAlarm = (name: string, metric: typeof OUR_METRIC, actions: string[]): MetricAlarm => ({
  AlarmName: name,
  Namespace: metric.namespace,
  MetricName: metric.name,
  Statistic: 'Sum',
  ActionsEnabled: true,
  AlarmActions: actions,
  Dimensions: [],
});
const confirmed = (topic: string, n: number) => ({
  TopicArn: topic,
  Protocol: 'email',
  Endpoint: `oncall${n}@example.com`,
  SubscriptionArn: `${topic}:sub-${n}`,
});
const pending = (topic: string) => ({
  TopicArn: topic,
  Protocol: 'email',
  SubscriptionArn: 'PendingConfirmation',
});

/** Our compliant chain plus a Terraform chain whose alarm also notifies a topic in another account. */
const seen: Seen = {
  trail: { name: trail.name, isLogging: true },
  filters: [ourFilter(), tfFilter()],
  filter: ourFilter(),
  topic: {
    arn: OUR_TOPIC,
    subscriptions: [
      { protocol: 'email', endpoint: 'sec@example.com', arn: `${OUR_TOPIC}:1`, confirmed: true },
    ],
  },
  unobserved: [],
};

beforeEach(() => {
  for (const mock of [cloudwatch, sns, logs]) mock.reset();
  cloudwatch.on(DescribeAlarmsForMetricCommand, { Namespace: OUR_METRIC.namespace }).resolves({
    MetricAlarms: [sdkAlarm(OURS.alarmName, OUR_METRIC, [OUR_TOPIC])],
  });
  cloudwatch.on(DescribeAlarmsForMetricCommand, { Namespace: TF_METRIC.namespace }).resolves({
    MetricAlarms: [sdkAlarm('security-group-changes', TF_METRIC, [TF_TOPIC, OTHER_ACCOUNT_TOPIC])],
  });
  sns
    .on(ListSubscriptionsByTopicCommand, { TopicArn: TF_TOPIC })
    .resolvesOnce({ Subscriptions: [pending(TF_TOPIC)], NextToken: 'page-2' })
    .resolves({ Subscriptions: [confirmed(TF_TOPIC, 1), confirmed(TF_TOPIC, 2)] });
});

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

/** TestMetricFilter answering as a pattern matching `names` would. */
function awsMatching(names: readonly string[]) {
  logs.on(TestMetricFilterCommand).callsFake(async (input: { logEventMessages?: string[] }) => ({
    matches: (input.logEventMessages ?? []).flatMap((message, i) =>
      names.includes((JSON.parse(message) as { eventName?: string }).eventName ?? '')
        ? [{ eventNumber: i, eventMessage: message, extractedValues: {} }]
        : [],
    ),
  }));
}

describe('assessControl: the optional TestMetricFilter cross-check', () => {
  const six = desired.filter.profile.eventNames;

  it('agreeing: samples of every profile event and of others, no finding', async () => {
    awsMatching(six);
    const { verdict, findings } = await assessControl(clients, desired, seen, true);
    expect(verdict.crossCheck).toEqual({
      pattern: seen.filter?.pattern,
      samples: 50,
      agrees: true,
      disagreements: [],
    });
    expect(findings).toEqual([]);
    const sent = logs.commandCalls(TestMetricFilterCommand)[0]?.args[0].input.logEventMessages ?? [];
    const names = new Set(sent.map((m) => (JSON.parse(m) as { eventName?: string }).eventName));
    expect(sent).toHaveLength(50);
    expect(six.every((n) => names.has(n))).toBe(true);
    expect([...names].filter((n) => !six.includes(n ?? '')).length).toBeGreaterThan(10);
  });

  it('disagreeing: a non-blocking finding naming the records', async () => {
    awsMatching([...six.filter((n) => n !== 'DeleteSecurityGroup'), 'CreateVpc']);
    const { verdict, findings } = await assessControl(clients, desired, seen, true);
    expect(verdict.crossCheck?.agrees).toBe(false);
    expect(verdict.crossCheck?.disagreements).toEqual(
      expect.arrayContaining([
        'DeleteSecurityGroup by an IAM user: AWS does not match it, the local evaluator does',
        'CreateVpc: AWS matches it, the local evaluator does not',
      ]),
    );
    expect(findings).toEqual([
      expect.stringMatching(
        /^logs:TestMetricFilter disagrees with the local pattern verdict on \d+ of 50 sample records: /,
      ),
    ]);
    expect(verdict.satisfied).toBe(true);
  });

  it('an API error is a finding, never a crash, and the verdict still stands', async () => {
    logs
      .on(TestMetricFilterCommand)
      .rejects(new InvalidParameterException({ message: 'bad', $metadata: meta }));
    const { verdict, findings } = await assessControl(clients, desired, seen, true);
    expect(verdict.crossCheck).toEqual({
      pattern: seen.filter?.pattern,
      error: 'logs:TestMetricFilter on *: InvalidParameterException',
    });
    expect(findings).toEqual([
      'logs:TestMetricFilter cross-check not done: logs:TestMetricFilter on *: InvalidParameterException',
    ]);
    expect(verdict.satisfied).toBe(true);
  });

  it('a stored pattern the local parser rejects is reported without calling AWS', async () => {
    const broken = { ...seen, filter: ourFilter('{ $.eventName = ') };
    const { verdict, findings } = await assessControl(clients, desired, broken, true);
    expect(verdict.crossCheck?.error).toMatch(/^the local parser rejects the pattern AWS stored: /);
    expect(findings).toHaveLength(1);
    expect(logs).toHaveReceivedCommandTimes(TestMetricFilterCommand, 0);
  });

  it('without our filter there is nothing to cross-check', async () => {
    const { verdict } = await assessControl(clients, desired, { ...seen, filter: undefined }, true);
    expect(verdict.crossCheck).toBeUndefined();
    expect(logs).toHaveReceivedCommandTimes(TestMetricFilterCommand, 0);
  });
});
