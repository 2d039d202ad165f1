import type { Status } from '../../src/report';
import {
  type AccountState,
  compliant,
  OTHER_SUBSCRIBER,
  ourFilter,
  ourTopic,
  type SentCall,
  TOPIC_ARN,
  TRAIL_ARN,
  without,
} from '../support/builders';
import { runAgain, runOn } from './support/run';
import {
  ALARM_FIELDS,
  alarm,
  alarmUpdate,
  CREATE_TOPIC,
  DESIRED_DESCRIPTION,
  drifted,
  FILTER_WRITE,
  metric,
  OPS,
  OUR_STATEMENT,
  SQS,
  subscribe,
  twoEvents,
} from './support/writes';

type Row = [string, () => AccountState, Record<string, string>, SentCall[], Status];

const ROWS: Row[] = [
  ['filter deleted', () => without('filter'), {}, [FILTER_WRITE], 'REPAIRED'],
  [
    'filter pattern changed in meaning',
    drifted((s) => Object.assign(ourFilter(s), { filterPattern: twoEvents })),
    {},
    [FILTER_WRITE],
    'REPAIRED',
  ],
  ['filter metric name changed', metric({ metricName: 'X' }), {}, [FILTER_WRITE], 'REPAIRED'],
  ['filter metric namespace changed', metric({ metricNamespace: 'X' }), {}, [FILTER_WRITE], 'REPAIRED'],
  ['filter metric value changed', metric({ metricValue: '2' }), {}, [FILTER_WRITE], 'REPAIRED'],
  [
    'alarm deleted',
    () => without('alarm'),
    {},
    [
      {
        command: 'PutMetricAlarmCommand',
        input: {
          ...ALARM_FIELDS,
          AlarmDescription: DESIRED_DESCRIPTION,
          Tags: [{ Key: 'managed-by', Value: 'cis-monitoring-enforcer' }],
        },
      },
    ],
    'REPAIRED',
  ],
  ['alarm metric namespace changed', alarm({ Namespace: 'Other' }), {}, [alarmUpdate()], 'REPAIRED'],
  ['alarm metric name changed', alarm({ MetricName: 'Other' }), {}, [alarmUpdate()], 'REPAIRED'],
  ['alarm statistic changed', alarm({ Statistic: 'Maximum' }), {}, [alarmUpdate()], 'REPAIRED'],
  ['alarm period changed', alarm({ Period: 3600 }), {}, [alarmUpdate()], 'REPAIRED'],
  ['alarm threshold changed', alarm({ Threshold: 10 }), {}, [alarmUpdate()], 'REPAIRED'],
  [
    'alarm comparison changed',
    alarm({ ComparisonOperator: 'GreaterThanThreshold' }),
    {},
    [alarmUpdate()],
    'REPAIRED',
  ],
  [
    'alarm evaluation periods changed',
    alarm({ EvaluationPeriods: 12, DatapointsToAlarm: 1 }),
    {},
    [alarmUpdate()],
    'REPAIRED',
  ],
  [
    'alarm datapoints to alarm changed',
    alarm({ EvaluationPeriods: 1, DatapointsToAlarm: 3 }),
    {},
    [alarmUpdate()],
    'REPAIRED',
  ],
  [
    'alarm missing-data treatment changed',
    alarm({ TreatMissingData: 'missing' }),
    {},
    [alarmUpdate()],
    'REPAIRED',
  ],
  [
    'alarm actions disabled (DisableAlarmActions)',
    alarm({ ActionsEnabled: false }),
    {},
    [alarmUpdate()],
    'REPAIRED',
  ],
  [
    'topic missing from AlarmActions, another action stays',
    alarm({ AlarmActions: [OPS], OKActions: [OPS] }),
    {},
    [alarmUpdate({ AlarmActions: [OPS, TOPIC_ARN], OKActions: [OPS] })],
    'REPAIRED',
  ],
  [
    'topic deleted, email subscriber → created, subscribed, pending confirmation',
    () => without('topic'),
    {},
    [CREATE_TOPIC, subscribe('email', 'sec@example.com')],
    'NON_COMPLIANT',
  ],
  [
    'topic deleted, queue subscriber → created and subscribed',
    () => without('topic', compliant({ SUBSCRIPTIONS: SQS })),
    { SUBSCRIPTIONS: SQS },
    [CREATE_TOPIC, subscribe('sqs', SQS.slice(4))],
    'REPAIRED',
  ],
  [
    'topic policy lacks CloudWatch → merged',
    drifted((s) => {
      ourTopic(s).attributes.Policy = JSON.stringify({
        Version: '2008-10-17',
        Statement: [
          {
            Sid: 'Owner',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'SNS:Subscribe',
            Resource: TOPIC_ARN,
          },
        ],
      });
    }),
    {},
    [
      {
        command: 'SetTopicAttributesCommand',
        input: {
          TopicArn: TOPIC_ARN,
          AttributeName: 'Policy',
          AttributeValue: {
            Version: '2008-10-17',
            Statement: [
              {
                Sid: 'Owner',
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: 'SNS:Subscribe',
                Resource: TOPIC_ARN,
              },
              OUR_STATEMENT,
            ],
          },
        },
      },
    ],
    'REPAIRED',
  ],
  [
    // Issue 12 item 4: a subscriber nobody configured does not satisfy the topic while SUBSCRIPTIONS is set.
    'configured subscription missing, one nobody configured confirmed → subscribed, pending: not compliant yet',
    drifted((s) => {
      ourTopic(s).subscriptions = [
        {
          Protocol: OTHER_SUBSCRIBER.protocol,
          Endpoint: OTHER_SUBSCRIBER.endpoint,
          TopicArn: TOPIC_ARN,
          SubscriptionArn: `${TOPIC_ARN}:1`,
        },
      ];
    }),
    {},
    [subscribe('email', 'sec@example.com')],
    'NON_COMPLIANT',
  ],
  [
    'unsubscribed: no subscriber left → subscribed again, pending confirmation',
    () => without('subscriptions'),
    {},
    [subscribe('email', 'sec@example.com')],
    'NON_COMPLIANT',
  ],
  [
    'trail logging stopped → restarted',
    () => without('logging'),
    {},
    [{ command: 'StartLoggingCommand', input: { Name: TRAIL_ARN } }],
    'REPAIRED',
  ],
  [
    'a fresh account: nothing but the trail',
    () => without('alarm', without('filter', without('topic'))),
    {},
    [
      CREATE_TOPIC,
      subscribe('email', 'sec@example.com'),
      FILTER_WRITE,
      expect.objectContaining({ command: 'PutMetricAlarmCommand' }),
    ],
    'NON_COMPLIANT',
  ],
];

describe('reconcile: one run per drift kind', () => {
  it.each(ROWS)('%s', async (_label, state, env, writes, status) => {
    const run = await runOn(state(), { env });
    expect(run.writes).toEqual(writes);
    expect(run.report).toMatchObject({ status, errors: [] });
    expect(run.report.remaining).toBeUndefined();
    expect(run.report.changes).toHaveLength(writes.length);
    const again = await runAgain(run);
    expect(again.writes).toEqual([]);
    expect(again.report).toMatchObject({
      status: status === 'REPAIRED' ? 'COMPLIANT' : status,
      changes: [],
      errors: [],
    });
  });
});
