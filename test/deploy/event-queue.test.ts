/**
 * The serialising event path in the packaged template: the watched-calls rule sends to a FIFO queue with
 * one message group, the function consumes it through one event source mapping, failed batches end in a
 * FIFO dead-letter queue kept 14 days, and only the rule may send through EventBridge.
 */
import { packageTemplate, resolve, resource, resourcesOf, type Template } from './template';

// One offline `sls package` for the whole file (a few seconds).
let template: Template;
beforeAll(() => {
  template = packageTemplate();
}, 120_000);

const props = (id: string) => resource(template, id).Properties ?? {};
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const FOURTEEN_DAYS = 14 * 24 * 3600;

/** The rule that forwards CloudTrail-recorded calls (the one with a detail-type pattern). */
function watchedRule(): [string, Template['Resources'][string]] {
  const rules = resourcesOf(template, 'AWS::Events::Rule').filter(
    ([, rule]) => (rule.Properties?.EventPattern as Record<string, unknown> | undefined)?.['detail-type'],
  );
  expect(rules).toHaveLength(1);
  return rules[0] as [string, Template['Resources'][string]];
}

describe('the watched calls reach the function through one FIFO queue', () => {
  it('the rule targets only the event queue, in one message group, undeliverable events kept', () => {
    const [id, rule] = watchedRule();
    expect(id).toBe('WatchedCallsRule');
    expect(rule.Properties?.State).toBe('ENABLED');
    expect(rule.Properties?.Targets).toEqual([
      {
        Id: 'event-queue',
        Arn: arnOf('EventQueue'),
        SqsParameters: { MessageGroupId: 'reconcile' },
        DeadLetterConfig: { Arn: arnOf('FailedInvocationsQueue') },
      },
    ]);
  });

  it('the event queue is FIFO, deduplicated by content, encrypted, with a visibility timeout of 6 x the function timeout', () => {
    const queue = props('EventQueue');
    expect(queue).toEqual({
      QueueName: 'cis-monitoring-enforcer-prod-events.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: true,
      VisibilityTimeout: 5400,
      MessageRetentionPeriod: FOURTEEN_DAYS,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: arnOf('EventDeadLetterQueue'), maxReceiveCount: 3 },
    });
    // Lambda Developer Guide: at least six times the function's timeout (and never less than it).
    const timeout = Number(props('ReconcileLambdaFunction').Timeout);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    expect(queue.VisibilityTimeout).toBeLessThanOrEqual(12 * 3600); // SQS's maximum
  });

  it('a batch that failed three times is kept 14 days in a FIFO dead-letter queue', () => {
    expect(props('EventDeadLetterQueue')).toEqual({
      QueueName: 'cis-monitoring-enforcer-prod-events-dead-letter.fifo',
      FifoQueue: true,
      MessageRetentionPeriod: FOURTEEN_DAYS,
      SqsManagedSseEnabled: true,
    });
  });

  it('the function consumes the queue through one event source mapping, at most 10 messages a batch, whole batches', () => {
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
    expect(mappings.map(([id]) => id)).toEqual(['ReconcileEventSourceMappingSQSEventQueue']);
    const [[, mapping] = []] = mappings;
    expect(mapping?.Properties).toEqual({
      BatchSize: 10,
      EventSourceArn: arnOf('EventQueue'),
      FunctionName: arnOf('ReconcileLambdaFunction'),
      Enabled: true,
    });
    // No partial batch responses: one run covers the batch, so it succeeds or fails whole. No batching
    // window (FIFO queues do not support one) and no maximum concurrency (one message group is one batch).
    expect(mapping?.Properties).not.toHaveProperty('FunctionResponseTypes');
    expect(mapping?.DependsOn).toEqual(['IamRoleLambdaExecution']);
  });

  it.each([
    ['EventQueuePolicy', 'EventQueue'],
    ['FailedInvocationsQueuePolicy', 'FailedInvocationsQueue'],
  ])('%s lets EventBridge send to %s from the rule only', (policy, queue) => {
    expect(props(policy)).toEqual({
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: expect.any(String),
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: arnOf(queue),
            Condition: { ArnEquals: { 'aws:SourceArn': arnOf('WatchedCallsRule') } },
          },
        ],
      },
    });
    // No other queue policy names this queue.
    const naming = resourcesOf(template, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
      ((p.Properties?.Queues ?? []) as unknown[]).some((q) => resolve(q) === `Ref:${queue}`),
    );
    expect(naming.map(([id]) => id)).toEqual([policy]);
  });

  it('EventBridge invokes the function for its two schedules only (the daily sweep, the fire drill, disabled by default); the watched calls never invoke it directly', () => {
    const permissions = resourcesOf(template, 'AWS::Lambda::Permission');
    expect(permissions.map(([, p]) => p.Properties)).toEqual(
      ['ReconcileEventsRuleSchedule1', 'ReconcileEventsRuleSchedule2'].map((rule) =>
        expect.objectContaining({ Principal: 'events.amazonaws.com', SourceArn: arnOf(rule) }),
      ),
    );
    const schedule = props('ReconcileEventsRuleSchedule1');
    expect(schedule.ScheduleExpression).toBe('rate(1 day)');
    expect(schedule.Targets).toEqual([expect.objectContaining({ Arn: arnOf('ReconcileLambdaFunction') })]);
    const drill = props('ReconcileEventsRuleSchedule2');
    expect(drill.State).toBe('DISABLED');
    expect(drill.Targets).toEqual([expect.objectContaining({ Arn: arnOf('ReconcileLambdaFunction') })]);
  });

  it('the queues are the three the template declares: event queue, its dead-letter queue, the on-failure queue', () => {
    expect(
      resourcesOf(template, 'AWS::SQS::Queue')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['EventDeadLetterQueue', 'EventQueue', 'FailedInvocationsQueue']);
  });
});
