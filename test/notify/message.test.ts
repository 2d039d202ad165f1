import { buildAlert, formatAlert, SUBJECT_MAX, sendsAlert, snsMessage } from '../../src/notify';
import type { Report } from '../../src/report';
import { ALERTING, alarmCreated, filterUpdated, report, triggerOf } from './reports';

const ASCII_LINE = /^[\x20-\x7e]+$/;
const EVENT_ID = '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';

describe('alert subject', () => {
  it.each([
    ['REPAIRED', 'CIS 4.10 alarm restored after DeleteAlarms by alice'],
    [
      'DRIFT_DETECTED',
      'CIS 4.10 drift in alarm, metric filter, not repaired (detect mode) after DeleteAlarms by alice',
    ],
    ['DRIFT_PERSISTS', 'CIS 4.10 repair did not hold for alarm after DeleteAlarms by alice'],
    ['ERROR', 'CIS 4.10 enforcer error after DeleteAlarms by alice: cloudwatch:PutMetricAlarm AccessDenied'],
  ])('%s names what happened and who caused it', (status, subject) => {
    const alert = buildAlert(ALERTING[status] as Report);
    expect(alert.subject).toBe(subject);
    expect(alert.subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
  });

  it('NON_COMPLIANT leads with the cause and cuts the finding to fit', () => {
    const { subject } = buildAlert(ALERTING.NON_COMPLIANT as Report);
    expect(subject.startsWith('CIS 4.10 not compliant after DeleteAlarms by alice: no trail qualifies')).toBe(
      true,
    );
    expect(subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(subject.endsWith('...')).toBe(true);
  });

  it.each([
    ['schedule', { kind: 'schedule' } as const, [alarmCreated], 'alarm created (daily check)'],
    [
      'manual',
      { kind: 'manual', dryRun: false } as const,
      [filterUpdated],
      'metric filter repaired (manual run)',
    ],
    [
      'deploy',
      { kind: 'deploy', requestType: 'Create' } as const,
      [alarmCreated],
      'alarm created (stack create)',
    ],
  ])('a %s run says so instead of naming a caller', (_, trigger, changes, tail) => {
    const { subject } = buildAlert(report('REPAIRED', { trigger, changes }));
    expect(subject).toBe(`CIS 4.10 ${tail}`);
  });

  it.each([
    ['an IAM user', { arn: 'arn:aws:iam::123456789012:user/bob', type: 'IAMUser' }, 'by bob'],
    ['root', { arn: 'arn:aws:iam::123456789012:root', type: 'Root' }, 'by root'],
    [
      'a service',
      { arn: 'cloudformation.amazonaws.com', type: 'AWSService' },
      'by cloudformation.amazonaws.com',
    ],
  ])('names %s by its short name', (_, actor, by) => {
    const trigger = { ...triggerOf('cloudtrail-delete-alarms'), actor };
    const { subject } = buildAlert(report('REPAIRED', { trigger, changes: [alarmCreated] }));
    expect(subject).toBe(`CIS 4.10 alarm restored after DeleteAlarms ${by}`);
  });

  it('replaces non-ASCII and line breaks a caller can put in a session name', () => {
    const actor = {
      arn: 'arn:aws:sts::123456789012:assumed-role/Admin/zoë\nX-Injected: 1',
      type: 'AssumedRole',
    };
    const trigger = { ...triggerOf('cloudtrail-delete-alarms'), actor };
    const { subject } = buildAlert(report('REPAIRED', { trigger, changes: [alarmCreated] }));
    expect(subject).toMatch(ASCII_LINE);
    expect(subject).toContain('by zo? X-Injected: 1');
  });
});

describe('alert body', () => {
  const facts = [
    'CIS-4.10 (Security Hub CloudWatch.10): Log metric filter and alarm for security group changes',
    'Account 123456789012, region us-east-1',
    'Event:      DeleteAlarms (monitoring.amazonaws.com)',
    'Identity:   arn:aws:sts::123456789012:assumed-role/Admin/alice (AssumedRole)',
    'Source IP:  203.0.113.24',
    'User agent: aws-cli/2.17.0',
    'Event time: 2026-11-26T07:45:12Z',
    'Region:     us-east-1',
    'Account:    123456789012',
    `Event ID:   ${EVENT_ID}`,
    `aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=EventId,AttributeValue=${EVENT_ID}`,
    `https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/${EVENT_ID}`,
  ];

  it.each(Object.keys(ALERTING))('%s: control, who, and where to look further', (status) => {
    const text = formatAlert(ALERTING[status] as Report) ?? '';
    for (const fact of facts) expect(text).toContain(fact);
    expect(text).toContain(`Status: ${status}: `);
  });

  it('REPAIRED: what was wrong and what was done', () => {
    const text = buildAlert(ALERTING.REPAIRED as Report).text;
    expect(text).toContain('What was wrong\n  - alarm: alarm CIS-4.10-SecurityGroupChanges does not exist');
    expect(text).toContain('What was done\n  - alarm CIS-4.10-SecurityGroupChanges created (PutMetricAlarm)');
    expect(text).toContain('Trail: arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events');
  });

  it('DRIFT_DETECTED: every reason, and that nothing was written', () => {
    const text = buildAlert(ALERTING.DRIFT_DETECTED as Report).text;
    for (const reason of [...alarmCreated.reasons, ...filterUpdated.reasons]) expect(text).toContain(reason);
    expect(text).toContain('nothing: detect mode; it would have made these writes:');
    expect(text).toContain('metric filter CIS-4.10-SecurityGroupChanges updated (PutMetricFilter)');
  });

  it('NON_COMPLIANT: the finding, and that nothing was written', () => {
    const text = buildAlert(ALERTING.NON_COMPLIANT as Report).text;
    expect(text).toContain('  - no trail qualifies: trail management-events is not logging');
    expect(text).toContain('What was done\n  - nothing was written');
  });

  it('DRIFT_PERSISTS: what still differs after the repair', () => {
    const text = buildAlert(ALERTING.DRIFT_PERSISTS as Report).text;
    expect(text).toContain(
      'Still wrong after the repair\n  - alarm: alarm CIS-4.10-SecurityGroupChanges does not exist',
    );
  });

  it('ERROR: the failed step, IAM action, resource and code', () => {
    const text = buildAlert(ALERTING.ERROR as Report).text;
    expect(text).toContain(
      'Errors\n  - apply alarm: cloudwatch:PutMetricAlarm on CIS-4.10-SecurityGroupChanges: AccessDenied: User is not authorized',
    );
  });

  it('a daily-check alert points at the calls that break each drifted resource', () => {
    const text = buildAlert(
      report('REPAIRED', { trigger: { kind: 'schedule' }, changes: [alarmCreated] }),
    ).text;
    expect(text).toContain('the daily check: it sees that something changed, not who changed it');
    for (const call of ['DeleteAlarms', 'DisableAlarmActions', 'PutMetricAlarm']) {
      expect(text).toContain(`--lookup-attributes AttributeKey=EventName,AttributeValue=${call}`);
    }
    expect(text).toContain(
      'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events',
    );
  });

  it('never dumps the before/after values of a change', () => {
    const text = buildAlert(ALERTING.DRIFT_DETECTED as Report).text;
    expect(text).not.toContain('{ $.eventName = x }');
    expect(JSON.stringify(buildAlert(ALERTING.DRIFT_DETECTED as Report).document)).not.toContain(
      'eventName = x',
    );
  });
});

describe('which runs alert', () => {
  it.each(['COMPLIANT', 'IGNORED', 'IGNORED_OWN_CHANGE'] as const)('%s sends no alert', (status) => {
    expect(sendsAlert(status)).toBe(false);
    expect(formatAlert(report(status))).toBeUndefined();
  });

  it.each(Object.keys(ALERTING))('%s sends one', (status) => {
    expect(sendsAlert(status as Report['status'])).toBe(true);
  });
});

describe('SNS message', () => {
  const alert = buildAlert(ALERTING.REPAIRED as Report);
  const message = JSON.parse(snsMessage(alert)) as Record<string, string>;

  it('gives email (and unknown protocols) the text, SMS the subject', () => {
    expect(message.default).toBe(alert.text);
    expect(message.email).toBe(alert.text);
    expect(message.sms).toBe(alert.subject);
  });

  it.each(['https', 'http', 'sqs', 'lambda', 'email-json'])('gives %s the JSON document', (protocol) => {
    const doc = JSON.parse(message[protocol] ?? '{}');
    expect(doc).toMatchObject({
      schema: 'cis-monitoring-enforcer/alert/v1',
      status: 'REPAIRED',
      control: { id: 'CIS-4.10', securityHubId: 'CloudWatch.10' },
      accountId: '123456789012',
      trigger: { eventName: 'DeleteAlarms', eventId: EVENT_ID, actor: { type: 'AssumedRole' } },
      changes: [{ resource: 'alarm', action: 'create', reasons: alarmCreated.reasons }],
      text: alert.text,
    });
    expect(doc.trigger.actor.arn).toBe('arn:aws:sts::123456789012:assumed-role/Admin/alice');
  });

  it('carries status, control and trigger as message attributes', () => {
    expect(alert.attributes).toEqual({
      status: { DataType: 'String', StringValue: 'REPAIRED' },
      control: { DataType: 'String', StringValue: 'CIS-4.10' },
      trigger: { DataType: 'String', StringValue: 'cloudtrail' },
    });
  });
});
