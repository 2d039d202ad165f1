import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config';
import { describeEndpoint } from '../../src/plan/topic';
import { type Report, type ReportChange, reportChange, type Status } from '../../src/report';
import { classify, type Trigger } from '../../src/triggers/events';

/** The parsed sample event `events/<name>.json`. */
export function sampleEvent(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'events', `${name}.json`), 'utf8'));
}

/** The trigger the real classifier makes of a sample event. */
export function triggerOf(name: string): Trigger {
  const classified = classify(sampleEvent(name));
  if (!classified.run) throw new Error(`sample ${name} does not run a reconcile`);
  return classified.trigger;
}

export const ACCOUNT = '123456789012';
export const WEBHOOK_SECRET = 'T00000000/B00000000/XXXXsecretXXXX';
export const WEBHOOK = `https://hooks.example.com/services/${WEBHOOK_SECRET}?token=abc123`;

/** A configuration as the handler would load it, with overrides. */
export function config(env: Record<string, string> = {}): Config {
  return loadConfig({ AWS_REGION: 'us-east-1', ...env });
}

export const alarmCreated: ReportChange = {
  resource: 'alarm',
  action: 'create',
  reasons: ['alarm CIS-4.10-SecurityGroupChanges does not exist'],
  before: null,
  after: { AlarmName: 'CIS-4.10-SecurityGroupChanges', ActionsEnabled: true },
};

export const filterUpdated: ReportChange = {
  resource: 'metric-filter',
  action: 'update',
  reasons: ['pattern misses CreateSecurityGroup', 'metric namespace was Other'],
  before: { name: 'CIS-4.10-SecurityGroupChanges', pattern: '{ $.eventName = x }', transformations: [] },
  after: { filterName: 'CIS-4.10-SecurityGroupChanges', filterPattern: '{ … }' },
};

/** A subscription change made the way reconcile makes it: through reportChange, which masks the endpoint. */
export const webhookSubscribed: ReportChange = reportChange({
  resource: 'subscription',
  action: 'create',
  topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:cis-monitoring-alarms`,
  reasons: [`${describeEndpoint({ protocol: 'https', endpoint: WEBHOOK })} is not subscribed`],
  before: null,
  after: { protocol: 'https', endpoint: WEBHOOK },
});

/** A report as reconcile would return it, for the given status, from the DeleteAlarms sample by default. */
export function report(status: Status, fields: Partial<Report> = {}): Report {
  const base: Report = {
    status,
    control: 'CIS-4.10',
    mode: 'enforce',
    trigger: triggerOf('cloudtrail-delete-alarms'),
    region: 'us-east-1',
    accountId: ACCOUNT,
    trail: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`,
    logGroup: 'aws-cloudtrail-logs',
    changes: [],
    findings: [],
    errors: [],
    durationMs: 412,
  };
  return { ...base, ...fields };
}

/** One report per alerting status, shaped the way reconcile produces each. */
export const ALERTING: Readonly<Record<string, Report>> = {
  REPAIRED: report('REPAIRED', { changes: [alarmCreated] }),
  DRIFT_DETECTED: report('DRIFT_DETECTED', { mode: 'detect', changes: [alarmCreated, filterUpdated] }),
  NON_COMPLIANT: report('NON_COMPLIANT', {
    trail: undefined,
    logGroup: undefined,
    findings: ['no trail qualifies: trail management-events is not logging and HEAL_TRAIL_LOGGING is false'],
  }),
  DRIFT_PERSISTS: report('DRIFT_PERSISTS', { changes: [alarmCreated], remaining: [alarmCreated] }),
  ERROR: report('ERROR', {
    changes: [filterUpdated],
    errors: [
      {
        step: 'apply alarm',
        action: 'cloudwatch:PutMetricAlarm',
        resource: 'CIS-4.10-SecurityGroupChanges',
        code: 'AccessDenied',
        message: 'User is not authorized to perform cloudwatch:PutMetricAlarm',
      },
    ],
  }),
};
