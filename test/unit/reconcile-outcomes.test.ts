import {
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  AccessDeniedException as TrailAccessDenied,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchServiceException,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeMetricFiltersCommand,
  AccessDeniedException as LogsAccessDenied,
} from '@aws-sdk/client-cloudwatch-logs';
import { AuthorizationErrorException, GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import type { StepError } from '../../src/aws/errors';
import {
  type AccountMocks,
  compliant,
  LOG_GROUP,
  ourAlarm,
  TOPIC_ARN,
  TRAIL_ARN,
  without,
} from '../support/builders';
import { runOn } from './support/run';

const ALARM = 'CIS-4.10-SecurityGroupChanges';
const SCHEDULE = { 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2026-11-26T06:00:00Z' };
const meta = { httpStatusCode: 403, requestId: 'denied' };
const denied = (action: string) =>
  `User: arn:aws:sts::123456789012:assumed-role/enforcer/run is not authorized to perform: ${action}`;
const thresholdDrift = () => {
  const state = compliant();
  ourAlarm(state).Threshold = 10;
  return state;
};

describe('reconcile: dry run writes nothing', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['{"dryRun": true}', { dryRun: true }, {}],
    ['MODE=detect on a schedule', SCHEDULE, { MODE: 'detect' }],
    ['MODE=detect even for {"dryRun": false}', { dryRun: false }, { MODE: 'detect' }],
  ])('%s → DRIFT_DETECTED listing the changes it would make', async (_label, event, env) => {
    const run = await runOn(without('alarm', without('logging')), { event, env });
    expect(run.writes).toEqual([]);
    expect(run.report).toMatchObject({ status: 'DRIFT_DETECTED', mode: 'detect', errors: [] });
    expect(run.report.changes.map((c) => [c.resource, c.action])).toEqual([
      ['trail', 'update'],
      ['alarm', 'create'],
    ]);
  });

  it('a dry run on a compliant account → COMPLIANT', async () => {
    const run = await runOn(compliant(), { event: { dryRun: true } });
    expect(run.writes).toEqual([]);
    expect(run.report.status).toBe('COMPLIANT');
  });
});

describe('reconcile: DRIFT_PERSISTS when a write does not stick', () => {
  it.each<[string, () => ReturnType<typeof compliant>, string, string]>([
    ['alarm threshold', thresholdDrift, 'PutMetricAlarmCommand', 'alarm'],
    ['filter deleted', () => without('filter'), 'PutMetricFilterCommand', 'metric-filter'],
    ['trail stopped', () => without('logging'), 'StartLoggingCommand', 'trail'],
  ])(
    '%s: the write is sent, the second observation still differs',
    async (_label, state, command, resource) => {
      const run = await runOn(state(), { sticky: false });
      expect(run.writes.map((w) => w.command)).toEqual([command]);
      expect(run.report.status).toBe('DRIFT_PERSISTS');
      expect(run.report.changes.map((c) => c.resource)).toEqual([resource]);
      expect(run.report.remaining?.map((c) => c.resource)).toEqual([resource]);
    },
  );
});

const PUT_ALARM_DENIED = new CloudWatchServiceException({
  name: 'AccessDenied',
  $fault: 'client',
  $metadata: meta,
  message: denied('cloudwatch:PutMetricAlarm'),
});

describe('reconcile: AccessDenied → ERROR naming the IAM action and resource', () => {
  it.each<[string, (m: AccountMocks) => void, Omit<StepError, 'message'>]>([
    [
      'DescribeAlarms (CloudWatch has no modelled AccessDenied: its service exception)',
      (m) =>
        m.cloudwatch.on(DescribeAlarmsCommand).rejects(
          new CloudWatchServiceException({
            name: 'AccessDenied',
            $fault: 'client',
            $metadata: meta,
            message: denied('cloudwatch:DescribeAlarms'),
          }),
        ),
      { step: 'observe alarm', action: 'cloudwatch:DescribeAlarms', resource: ALARM, code: 'AccessDenied' },
    ],
    [
      'DescribeMetricFilters',
      (m) =>
        m.logs
          .on(DescribeMetricFiltersCommand, { logGroupName: LOG_GROUP })
          .rejects(new LogsAccessDenied({ $metadata: meta, message: denied('logs:DescribeMetricFilters') })),
      {
        step: 'observe metric filter',
        action: 'logs:DescribeMetricFilters',
        resource: LOG_GROUP,
        code: 'AccessDeniedException',
      },
    ],
    [
      'DescribeMetricFilters without a log group (the region page, then by metric: who else writes to our metric)',
      (m) => {
        const error = () =>
          new LogsAccessDenied({ $metadata: meta, message: denied('logs:DescribeMetricFilters') });
        m.logs.on(DescribeMetricFiltersCommand, { limit: 50 }).rejects(error());
        m.logs.on(DescribeMetricFiltersCommand, { metricName: 'SecurityGroupEventCount' }).rejects(error());
      },
      {
        step: 'observe metric feeders',
        action: 'logs:DescribeMetricFilters',
        resource: 'log-group:* (by metric CISBenchmark/SecurityGroupEventCount)',
        code: 'AccessDeniedException',
      },
    ],
    [
      'GetTopicAttributes',
      (m) =>
        m.sns
          .on(GetTopicAttributesCommand)
          .rejects(
            new AuthorizationErrorException({ $metadata: meta, message: denied('sns:GetTopicAttributes') }),
          ),
      {
        step: 'observe topic',
        action: 'sns:GetTopicAttributes',
        resource: TOPIC_ARN,
        code: 'AuthorizationErrorException',
      },
    ],
    [
      'DescribeTrails',
      (m) =>
        m.cloudtrail
          .on(DescribeTrailsCommand)
          .rejects(new TrailAccessDenied({ $metadata: meta, message: denied('cloudtrail:DescribeTrails') })),
      { step: 'discover', action: 'cloudtrail:DescribeTrails', resource: '*', code: 'AccessDeniedException' },
    ],
    [
      'GetTrailStatus',
      (m) =>
        m.cloudtrail
          .on(GetTrailStatusCommand)
          .rejects(new TrailAccessDenied({ $metadata: meta, message: denied('cloudtrail:GetTrailStatus') })),
      {
        step: 'discover',
        action: 'cloudtrail:GetTrailStatus',
        resource: TRAIL_ARN,
        code: 'AccessDeniedException',
      },
    ],
  ])('%s', async (_label, arrange, error) => {
    const run = await runOn(compliant(), { arrange });
    expect(run.writes).toEqual([]);
    expect(run.report.status).toBe('ERROR');
    expect(run.report.errors).toEqual([
      expect.objectContaining({
        ...error,
        message: expect.stringContaining(error.action),
        hint: `the enforcer's role may not call ${error.action} on ${error.resource}: grant it in the role's policy and check SCPs and permission boundaries`,
      }),
    ]);
  });

  it('PutMetricAlarm denied while repairing → ERROR naming cloudwatch:PutMetricAlarm; other repairs still made', async () => {
    const state = without('alarm', without('filter'));
    const run = await runOn(state, {
      arrange: (m) => m.cloudwatch.on(PutMetricAlarmCommand).rejects(PUT_ALARM_DENIED),
    });
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricFilterCommand', 'PutMetricAlarmCommand']);
    expect(run.report.status).toBe('ERROR');
    expect(run.report.errors).toEqual([
      expect.objectContaining({
        step: 'apply alarm',
        action: 'cloudwatch:PutMetricAlarm',
        resource: ALARM,
        code: 'AccessDenied',
        message: denied('cloudwatch:PutMetricAlarm'),
      }),
    ]);
    expect(run.report.changes.map((c) => c.resource)).toEqual(['metric-filter']);
    expect(run.report.remaining?.map((c) => c.resource)).toEqual(['alarm']);
  });

  it('a read denied on one resource leaves the others observed and repaired', async () => {
    const run = await runOn(without('filter'), {
      arrange: (m) =>
        m.sns
          .on(GetTopicAttributesCommand)
          .rejects(new AuthorizationErrorException({ $metadata: meta, message: 'no' })),
    });
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricFilterCommand']);
    expect(run.report.status).toBe('ERROR');
  });
});

describe('reconcile: errors are reported once', () => {
  it('a read failing before and after apply is named once', async () => {
    const denied = new CloudWatchServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: meta,
      message: 'no',
    });
    const run = await runOn(without('filter'), {
      arrange: (m) => m.cloudwatch.on(DescribeAlarmsCommand).rejects(denied),
    });
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricFilterCommand']);
    expect(run.report.status).toBe('ERROR');
    expect(run.report.errors.map((e) => e.action)).toEqual(['cloudwatch:DescribeAlarms']);
  });
});
