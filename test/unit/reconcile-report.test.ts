import { StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { ACCOUNT, compliant, LOG_GROUP, ourFilter, TOPIC_ARN, TRAIL_ARN, without } from '../support/builders';
import { runOn } from './support/run';
import { alarm, drifted, OPS, subscribe } from './support/writes';

describe('reconcile: compliant states and what the report shows', () => {
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
