/**
 * Where moto 5.2.5 behaves unlike AWS, the emulator scenarios run through the AWS-faithful layer
 * (aws-differences.test.ts shows it answering as AWS documents); these run the same scenarios on the
 * AWS-faithful fake account of test/unit/support (aws-sdk-client-mock), a second, independent
 * account model, so the enforcer is proven right for AWS by both. Each test names the difference.
 */
import { CONTROL } from '../../scripts/lib/seed';
import { compliant, LOG_GROUP, TOPIC_ARN } from '../support/builders';
import { runAgain, runOn } from '../unit/support/run';
import { sampleEvent } from './support/harness';

const WEAKENED = '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup) }';

describe('moto vs AWS, the AWS side (mocks)', () => {
  it('PutMetricFilter on an existing name: AWS replaces the filter (moto appends a second entry); the weakened pattern is rewritten and listed once', async () => {
    const state = compliant();
    const filters = state.logGroups[LOG_GROUP] ?? [];
    const ours = filters.find((f) => f.filterName === state.ours.filter);
    if (ours) ours.filterPattern = WEAKENED;

    const run = await runOn(state, { event: sampleEvent('cloudtrail-put-metric-filter') });

    expect(run.report).toMatchObject({ status: 'REPAIRED', errors: [] });
    expect(run.report.changes[0]?.reasons).toContain('pattern does not match RevokeSecurityGroupEgress');
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricFilterCommand']);
    const listed = (state.logGroups[LOG_GROUP] ?? []).filter((f) => f.filterName === state.ours.filter);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.filterPattern).toBe(CONTROL.pattern);
    expect((await runAgain(run)).writes).toEqual([]);
  });

  it('Subscribe of an email: AWS keeps it PendingConfirmation (moto confirms at once); scenario 10a ends NON_COMPLIANT naming the pending subscriber, and no second Subscribe follows', async () => {
    const state = compliant();
    const topic = state.topics[TOPIC_ARN];
    if (topic) topic.subscriptions = [];

    const run = await runOn(state, { event: sampleEvent('cloudtrail-unsubscribe') });

    expect(run.writes.map((w) => w.command)).toEqual(['SubscribeCommand']);
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toContain(
      'topic has no confirmed subscriber: email:sec@example.com awaiting confirmation',
    );
    const again = await runAgain(run, sampleEvent('cloudtrail-unsubscribe'));
    expect(again.writes).toEqual([]);
    expect(again.report.status).toBe('NON_COMPLIANT');
  });

  it('UpdateTrail removing CloudWatch Logs delivery: AWS omits CloudWatchLogsLogGroupArn (moto describes it as ""); scenario 12 reports the same reason and writes nothing', async () => {
    const state = compliant();
    for (const trail of state.trails) {
      delete trail.CloudWatchLogsLogGroupArn;
      delete trail.CloudWatchLogsRoleArn;
    }

    const run = await runOn(state, { event: sampleEvent('cloudtrail-update-trail') });

    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      findings: ['trail management-events does not deliver to a CloudWatch Logs group'],
    });
    expect(run.writes).toEqual([]);
  });
});
