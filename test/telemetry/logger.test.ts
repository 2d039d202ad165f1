import type { Context } from 'aws-lambda';
import type { LogLevel } from '../../src/config';
import type { NotifiedReport } from '../../src/notify';
import { createTelemetry } from '../../src/telemetry';
import { eventShape } from '../../src/telemetry/logger';
import { report, sampleEvent, WEBHOOK, WEBHOOK_SECRET, webhookSubscribed } from '../notify/reports';
import { captureLines } from './capture';

const SIGNATURE = 'X-Amz-Signature=0123456789abcdefsecret';
const deployEvent = {
  RequestType: 'Create',
  ResponseURL: `https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn?${SIGNATURE}`,
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/cis/1',
  RequestId: 'r-1',
  LogicalResourceId: 'Reconcile',
  ResourceType: 'Custom::Reconcile',
};

function lambdaContext(awsRequestId: string): Context {
  return {
    awsRequestId,
    functionName: 'cis-monitoring-enforcer-prod-reconcile',
    functionVersion: '$LATEST',
    invokedFunctionArn:
      'arn:aws:lambda:us-east-1:123456789012:function:cis-monitoring-enforcer-prod-reconcile',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/cis-monitoring-enforcer-prod-reconcile',
    logStreamName: '2026/11/26/[$LATEST]abc',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 120_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function invoke(logLevel: LogLevel, runs: [unknown, string, NotifiedReport][]) {
  const telemetry = createTelemetry({ logLevel, metricsNamespace: 'N' });
  const captured = captureLines(() => {
    for (const [event, requestId, r] of runs) {
      telemetry.begin(event, lambdaContext(requestId));
      telemetry.finish(r);
    }
  });
  return { ...captured, logs: captured.json.filter((line) => line._aws === undefined) };
}

const webhookError = {
  step: 'apply subscription',
  action: 'sns:Subscribe',
  resource: 'arn:aws:sns:us-east-1:123456789012:cis-monitoring-alarms',
  code: 'InvalidParameter',
  message: `Invalid parameter: Endpoint ${WEBHOOK}`,
};
const tamper = report('REPAIRED', { changes: [webhookSubscribed] });

describe('run log line', () => {
  const { logs, raw } = invoke('INFO', [
    [sampleEvent('cloudtrail-delete-alarms'), 'req-1', tamper],
    [sampleEvent('schedule'), 'req-2', report('COMPLIANT', { trigger: { kind: 'schedule' } })],
  ]);

  it('carries the Lambda request id, trigger, actor, CloudTrail event id and the report', () => {
    expect(logs[0]).toMatchObject({
      level: 'INFO',
      message: 'reconcile REPAIRED',
      service: 'cis-monitoring-enforcer',
      function_request_id: 'req-1',
      trigger: 'cloudtrail',
      eventName: 'DeleteAlarms',
      cloudTrailEventId: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8',
      actor: { arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice', type: 'AssumedRole' },
      status: 'REPAIRED',
      report: { status: 'REPAIRED', changes: [{ resource: 'subscription' }] },
    });
  });

  it('does not carry the previous invocation keys into the next one', () => {
    expect(logs[1]).toMatchObject({ function_request_id: 'req-2', trigger: 'schedule', status: 'COMPLIANT' });
    expect(logs[1]).not.toHaveProperty('cloudTrailEventId');
    expect(logs[1]).not.toHaveProperty('actor');
  });

  it('at INFO: one line per run, no event dump, no secret', () => {
    expect(logs).toHaveLength(2);
    expect(raw).not.toContain(WEBHOOK_SECRET);
    expect(raw).not.toContain('token=abc123');
    expect(raw).not.toContain('ASIAEXAMPLEKEYID');
    expect(raw).not.toContain('requestParameters');
  });
});

describe('levels', () => {
  it('DEBUG adds the shape of each event, never its content', () => {
    const { logs, raw } = invoke('DEBUG', [
      [deployEvent, 'req-3', report('REPAIRED', { trigger: { kind: 'deploy', requestType: 'Create' } })],
    ]);
    expect(logs[0]).toMatchObject({ level: 'DEBUG', message: 'invocation', function_request_id: 'req-3' });
    expect(logs[0]?.event).toEqual(eventShape(deployEvent));
    expect(logs[0]?.event).toMatchObject({ keys: expect.arrayContaining(['ResponseURL']) });
    expect(raw).not.toContain(SIGNATURE);
    expect(raw).not.toContain('cloudformation-custom-resource-response');
  });

  it('ERROR runs log at ERROR; a failed alert adds a WARN line', () => {
    const failed: NotifiedReport = {
      ...report('ERROR', { errors: [webhookError] }),
      notification: { sent: false, error: 'NotFoundException: Topic does not exist' },
    };
    const { logs, raw } = invoke('INFO', [[sampleEvent('cloudtrail-delete-alarms'), 'req-4', failed]]);
    expect(logs.map((l) => [l.level, l.message])).toEqual([
      ['ERROR', 'reconcile ERROR'],
      ['WARN', 'alert not sent'],
    ]);
    expect(logs[1]).toMatchObject({ function_request_id: 'req-4', notification: { sent: false } });
    // An SDK error quoting a webhook keeps only the origin of the URL.
    expect(logs[0]).toMatchObject({
      report: { errors: [{ message: 'Invalid parameter: Endpoint https://hooks.example.com/…' }] },
    });
    expect(raw).not.toContain(WEBHOOK_SECRET);
  });

  it('LOG_LEVEL=ERROR keeps a repair quiet', () => {
    expect(invoke('ERROR', [[{}, 'req-5', tamper]]).logs).toEqual([]);
  });
});
