import { CloudWatchServiceException, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand, type MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { createClients } from '../../src/aws/clients';
import { observe } from '../../src/observe';
import {
  type AccountMocks,
  type AccountState,
  compliant,
  desiredFor,
  LOG_GROUP,
  mockAccount,
  ourFilter,
  ourTopic,
  REGION,
  TOPIC_ARN,
  without,
} from '../support/builders';

async function observed(state: AccountState, arrange?: (mocks: AccountMocks) => void) {
  const clients = createClients(REGION);
  const mocks = mockAccount(state, { targets: clients });
  arrange?.(mocks);
  return { observation: await observe(clients, desiredFor()), mocks };
}
const filter = (name: string, filterPattern = '{ $.x = 1 }'): MetricFilter => ({
  filterName: name,
  filterPattern,
  metricTransformations: [{ metricNamespace: 'N', metricName: 'M', metricValue: '1' }],
});

describe('observe', () => {
  it('a compliant account: every filter on the group, ours, the alarm and the topic; nothing unobserved', async () => {
    const { observation } = await observed(compliant());
    expect(observation).toMatchObject({ logGroupExists: true, unobserved: [], errors: [] });
    expect(observation.filters.map((f) => f.name)).toEqual([
      'someone-elses-root-usage',
      'CIS-4.10-SecurityGroupChanges',
    ]);
    expect(observation.filter?.transformations).toEqual([
      {
        metricNamespace: 'CISBenchmark',
        metricName: 'SecurityGroupEventCount',
        metricValue: '1',
        hasDimensions: false,
      },
    ]);
    expect(observation.alarm).toMatchObject({
      actionsEnabled: true,
      alarmActions: [TOPIC_ARN],
      statistic: 'Sum',
    });
    expect(observation.topic?.subscriptions).toEqual([
      {
        protocol: 'email',
        endpoint: 'sec@example.com',
        arn: expect.stringMatching(/^arn:aws:sns:/),
        confirmed: true,
      },
    ]);
  });

  it('every setting of a filter is read: the three filter fields and each transformation value', async () => {
    const state = compliant();
    Object.assign(ourFilter(state), {
      applyOnTransformedLogs: true,
      fieldSelectionCriteria: '@aws.region = "us-east-1"',
      emitSystemFieldDimensions: ['@aws.account', '@aws.region'],
      metricTransformations: [
        {
          metricNamespace: 'CISBenchmark',
          metricName: 'SecurityGroupEventCount',
          metricValue: '1',
          defaultValue: 1,
          unit: 'Count',
          dimensions: { EventName: '$.eventName' },
        },
      ],
    });
    const { observation } = await observed(state);
    expect(observation.filter).toEqual({
      name: 'CIS-4.10-SecurityGroupChanges',
      pattern: ourFilter(state).filterPattern,
      logGroupName: LOG_GROUP,
      applyOnTransformedLogs: true,
      fieldSelectionCriteria: '@aws.region = "us-east-1"',
      emitSystemFieldDimensions: ['@aws.account', '@aws.region'],
      transformations: [
        {
          metricNamespace: 'CISBenchmark',
          metricName: 'SecurityGroupEventCount',
          metricValue: '1',
          defaultValue: 1,
          unit: 'Count',
          hasDimensions: true,
          dimensions: { EventName: '$.eventName' },
        },
      ],
    });
  });

  it('settings left unset (false, empty, null default) are absent from the view', async () => {
    const state = compliant();
    Object.assign(ourFilter(state), { applyOnTransformedLogs: false, emitSystemFieldDimensions: [] });
    const [t] = ourFilter(state).metricTransformations ?? [];
    Object.assign(t ?? {}, { defaultValue: null, dimensions: {} });
    const { observation } = await observed(state);
    expect(observation.filter).toEqual({
      name: 'CIS-4.10-SecurityGroupChanges',
      pattern: ourFilter(state).filterPattern,
      logGroupName: LOG_GROUP,
      transformations: [
        {
          metricNamespace: 'CISBenchmark',
          metricName: 'SecurityGroupEventCount',
          metricValue: '1',
          hasDimensions: false,
        },
      ],
    });
  });

  it('reads every page of metric filters (SDK paginator)', async () => {
    const state = compliant();
    const { observation, mocks } = await observed(state, (m) =>
      m.logs
        .on(DescribeMetricFiltersCommand)
        .resolvesOnce({ metricFilters: [filter('a'), filter('b')], nextToken: 'page-2' })
        .resolvesOnce({ metricFilters: [ourFilter(state)] }),
    );
    expect(observation.filters.map((f) => f.name)).toEqual(['a', 'b', 'CIS-4.10-SecurityGroupChanges']);
    expect(observation.filter?.name).toBe('CIS-4.10-SecurityGroupChanges');
    expect(mocks.logs).toHaveReceivedNthCommandWith(2, DescribeMetricFiltersCommand, {
      logGroupName: LOG_GROUP,
      nextToken: 'page-2',
    });
  });

  it('reads every page of subscriptions (SDK paginator)', async () => {
    const sub = (endpoint: string, SubscriptionArn: string) => ({
      Protocol: 'email',
      Endpoint: endpoint,
      SubscriptionArn,
    });
    const { observation } = await observed(compliant(), (m) =>
      m.sns
        .on(ListSubscriptionsByTopicCommand)
        .resolvesOnce({ Subscriptions: [sub('a@example.com', 'PendingConfirmation')], NextToken: 'next' })
        .resolvesOnce({ Subscriptions: [sub('b@example.com', `${TOPIC_ARN}:b`)] }),
    );
    expect(observation.topic?.subscriptions.map((s) => [s.endpoint, s.confirmed])).toEqual([
      ['a@example.com', false],
      ['b@example.com', true],
    ]);
  });

  it('two filters listed under our name (moto appends on rewrite): the last one listed is in force', async () => {
    const state = compliant();
    const inForce = ourFilter(state).filterPattern;
    state.logGroups[LOG_GROUP]?.unshift(filter('CIS-4.10-SecurityGroupChanges', '{ $.old = 1 }'));
    const { observation } = await observed(state);
    expect(observation.filter?.pattern).toBe(inForce);
  });

  it('log group missing → logGroupExists false, no error', async () => {
    const { observation } = await observed(without('log-group'));
    expect(observation).toMatchObject({ logGroupExists: false, filters: [], unobserved: [], errors: [] });
    expect(observation.filter).toBeUndefined();
  });

  it.each<[string, () => AccountState, 'filter' | 'alarm' | 'topic']>([
    ['filter', () => without('filter'), 'filter'],
    ['alarm', () => without('alarm'), 'alarm'],
    ['topic', () => without('topic'), 'topic'],
  ])('%s missing → undefined, no error', async (_label, state, kind) => {
    const { observation } = await observed(state());
    expect(observation[kind]).toBeUndefined();
    expect(observation).toMatchObject({ logGroupExists: true, unobserved: [], errors: [] });
  });

  it('a pending subscription is not confirmed; KMS key and a single-statement policy are read', async () => {
    const state = compliant();
    const topic = ourTopic(state);
    topic.subscriptions = topic.subscriptions.map((s) => ({ ...s, SubscriptionArn: 'PendingConfirmation' }));
    const statement = {
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: TOPIC_ARN,
    };
    topic.attributes.Policy = JSON.stringify({ Version: '2012-10-17', Statement: statement });
    topic.attributes.KmsMasterKeyId = 'alias/aws/sns';
    const { observation } = await observed(state);
    expect(observation.topic).toEqual({
      arn: TOPIC_ARN,
      policy: { Version: '2012-10-17', Statement: [statement] },
      kmsMasterKeyId: 'alias/aws/sns',
      subscriptions: [
        { protocol: 'email', endpoint: 'sec@example.com', arn: 'PendingConfirmation', confirmed: false },
      ],
    });
  });

  it('an unreadable policy is treated as absent', async () => {
    const state = compliant();
    ourTopic(state).attributes.Policy = '{not json';
    const { observation } = await observed(state);
    expect(observation.topic?.policy).toBeUndefined();
  });

  it('one read failing leaves the others observed: unobserved and errors name it', async () => {
    const denied = new CloudWatchServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message: 'not authorized to perform: cloudwatch:DescribeAlarms',
    });
    const { observation } = await observed(compliant(), (m) =>
      m.cloudwatch.on(DescribeAlarmsCommand).rejects(denied),
    );
    expect(observation.unobserved).toEqual(['alarm']);
    expect(observation.errors).toEqual([
      expect.objectContaining({
        step: 'observe alarm',
        action: 'cloudwatch:DescribeAlarms',
        code: 'AccessDenied',
      }),
    ]);
    expect(observation.filter).toBeDefined();
    expect(observation.topic).toBeDefined();
  });
});
