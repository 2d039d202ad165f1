import { StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { SECURITY_GROUP_CHANGES } from '../../src/controls';
import type { Status } from '../../src/report';
import {
  ACCOUNT,
  type AccountState,
  compliant,
  LOG_GROUP,
  OTHER_SUBSCRIBER,
  ourAlarm,
  ourFilter,
  ourTopic,
  type SentCall,
  TOPIC_ARN,
  TRAIL_ARN,
  without,
} from '../support/builders';
import { runAgain, runOn } from './support/run';

const OPS = `arn:aws:sns:us-east-1:${ACCOUNT}:ops-pager`;
const FILTER_WRITE: SentCall = {
  command: 'PutMetricFilterCommand',
  input: {
    logGroupName: LOG_GROUP,
    filterName: 'CIS-4.10-SecurityGroupChanges',
    filterPattern: SECURITY_GROUP_CHANGES.profiles.cis.canonical,
    metricTransformations: [
      { metricNamespace: 'CISBenchmark', metricName: 'SecurityGroupEventCount', metricValue: '1' },
    ],
  },
};
const ALARM_FIELDS = {
  AlarmName: 'CIS-4.10-SecurityGroupChanges',
  Namespace: 'CISBenchmark',
  MetricName: 'SecurityGroupEventCount',
  Statistic: 'Sum',
  Period: 300,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  EvaluationPeriods: 1,
  DatapointsToAlarm: 1,
  TreatMissingData: 'notBreaching',
  ActionsEnabled: true,
  AlarmActions: [TOPIC_ARN],
  OKActions: [],
  InsufficientDataActions: [],
};
/** An update keeps the description someone gave the alarm. */
const alarmUpdate = (patch: Record<string, unknown> = {}): SentCall => ({
  command: 'PutMetricAlarmCommand',
  input: { ...ALARM_FIELDS, AlarmDescription: 'Security group changes (CIS 4.10)', ...patch },
});
const OUR_STATEMENT = {
  Sid: 'CisMonitoringEnforcerAllowCloudWatchAlarms',
  Effect: 'Allow',
  Principal: { Service: 'cloudwatch.amazonaws.com' },
  Action: 'sns:Publish',
  Resource: TOPIC_ARN,
  Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
};
const subscribe = (Protocol: string, Endpoint: string): SentCall => ({
  command: 'SubscribeCommand',
  input: { TopicArn: TOPIC_ARN, Protocol, Endpoint, ReturnSubscriptionArn: true },
});
const CREATE_TOPIC: SentCall = {
  command: 'CreateTopicCommand',
  input: {
    Name: 'cis-monitoring-alarms',
    Attributes: {
      Policy: {
        Version: '2008-10-17',
        Statement: [
          expect.objectContaining({ Sid: '__default_statement_ID', Principal: { AWS: '*' } }),
          OUR_STATEMENT,
        ],
      },
    },
    Tags: [{ Key: 'managed-by', Value: 'cis-monitoring-enforcer' }],
  },
};

/** The compliant account changed by `edit`. */
const drifted =
  (edit: (s: AccountState) => void, base: () => AccountState = compliant) =>
  (): AccountState => {
    const state = base();
    edit(state);
    return state;
  };
const alarm = (patch: Partial<MetricAlarm>) => drifted((s) => Object.assign(ourAlarm(s), patch));
const twoEvents = '{ ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }';
const SQS = 'sqs:arn:aws:sqs:us-east-1:123456789012:alarms';

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
  [
    'filter metric name changed',
    drifted((s) => Object.assign(ourFilter(s).metricTransformations?.[0] ?? {}, { metricName: 'X' })),
    {},
    [FILTER_WRITE],
    'REPAIRED',
  ],
  [
    'filter metric namespace changed',
    drifted((s) => Object.assign(ourFilter(s).metricTransformations?.[0] ?? {}, { metricNamespace: 'X' })),
    {},
    [FILTER_WRITE],
    'REPAIRED',
  ],
  [
    'filter metric value changed',
    drifted((s) => Object.assign(ourFilter(s).metricTransformations?.[0] ?? {}, { metricValue: '2' })),
    {},
    [FILTER_WRITE],
    'REPAIRED',
  ],
  [
    'alarm deleted',
    () => without('alarm'),
    {},
    [
      {
        command: 'PutMetricAlarmCommand',
        input: {
          ...ALARM_FIELDS,
          AlarmDescription:
            'CIS-4.10 (Security Hub CloudWatch.10): Log metric filter and alarm for security group changes. Managed by cis-monitoring-enforcer.',
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
    'configured subscription missing, another confirmed',
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
    'REPAIRED',
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

  it('the matchers see the same calls: PutMetricAlarm with the merged actions, nothing else written', async () => {
    const run = await runOn(alarm({ AlarmActions: [OPS], ActionsEnabled: false })());
    expect(run.mocks.cloudwatch).toHaveReceivedCommandTimes(PutMetricAlarmCommand, 1);
    expect(run.mocks.cloudwatch).toHaveReceivedCommandWith(PutMetricAlarmCommand, {
      AlarmName: 'CIS-4.10-SecurityGroupChanges',
      ActionsEnabled: true,
      AlarmActions: [OPS, TOPIC_ARN],
    });
    expect(run.mocks.logs).not.toHaveReceivedCommand(PutMetricFilterCommand);
    expect(run.mocks.sns).not.toHaveReceivedCommand(CreateTopicCommand);
    expect(run.mocks.sns).not.toHaveReceivedCommand(SetTopicAttributesCommand);
    expect(run.mocks.sns).not.toHaveReceivedCommand(SubscribeCommand);
    expect(run.mocks.cloudtrail).not.toHaveReceivedCommand(StartLoggingCommand);
  });

  it('a pending subscription is reported as such after the repair', async () => {
    const run = await runOn(without('subscriptions'));
    expect(run.report.findings).toEqual([
      'topic has no confirmed subscriber: email:sec@example.com awaiting confirmation',
    ]);
  });

  it('a compliant account: no write at all, COMPLIANT, report names trail and log group', async () => {
    const run = await runOn(compliant());
    expect(run.writes).toEqual([]);
    expect(run.report).toMatchObject({
      status: 'COMPLIANT',
      accountId: ACCOUNT,
      trail: TRAIL_ARN,
      logGroup: LOG_GROUP,
      changes: [],
      findings: [],
      errors: [],
    });
  });

  it('whitespace and term order alone: no write', async () => {
    const reordered = `{($.eventName=DeleteSecurityGroup)||${SECURITY_GROUP_CHANGES.profiles.cis.eventNames
      .slice(0, 5)
      .map((n) => `($.eventName=${n})`)
      .join('||')}}`;
    const run = await runOn(drifted((s) => Object.assign(ourFilter(s), { filterPattern: reordered }))());
    expect(run.writes).toEqual([]);
    expect(run.report.status).toBe('COMPLIANT');
  });

  it('a webhook subscription is repaired with its full URL, but the report never shows its secret path', async () => {
    const hook = 'https://hooks.example.com/services/T0/B0/s3cr3t-token';
    const env = { SUBSCRIPTIONS: `https:${hook}` };
    const run = await runOn(without('subscriptions', compliant(env)), { env });
    expect(run.writes).toEqual([subscribe('https', hook)]);
    expect(run.report.changes).toEqual([
      expect.objectContaining({ resource: 'subscription', after: 'https:https://hooks.example.com/…' }),
    ]);
    expect(JSON.stringify(run.report)).not.toContain('s3cr3t');
  });
});
