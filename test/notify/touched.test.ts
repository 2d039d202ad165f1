/**
 * A touch is news (issue 12 item 6): a CloudTrail-recorded write by someone else to one of the
 * enforcer's resources, decided from the event's requestParameters, alerts even when the state holds.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import { createAlertMemory, createNotifier, type NotifiedReport, QUIET_PERIOD_MS } from '../../src/notify';
import { requestOf } from '../../src/notify/request';
import { touchOf } from '../../src/notify/touched';
import { compliant, configFor, desiredFor, TRAIL_ARN, TRAIL_NAME, writesSent } from '../support/builders';
import { runAgain, runOn } from '../unit/support/run';
import { sampleEvent } from './reports';

type Event = { detail: Record<string, unknown> };
const own = { desired: desiredFor(), trail: { arn: TRAIL_ARN, name: TRAIL_NAME } };
/** A PutMetricAlarm request writing exactly the alarm the enforcer keeps (datapointsToAlarm left to its default). */
const DESIRED_ALARM = {
  alarmName: own.desired.alarm.name,
  namespace: 'CISBenchmark',
  metricName: 'SecurityGroupEventCount',
  statistic: 'Sum',
  period: 300,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods: 1,
  treatMissingData: 'notBreaching',
  alarmActions: [own.desired.topic.arn],
};
const MALLORY = 'arn:aws:sts::123456789012:assumed-role/Admin/mallory';

/** A sample with its request parameters (and optionally caller and event id) replaced. */
function edited(name: string, params?: Record<string, unknown>, arn = MALLORY, id?: string): Event {
  const event = structuredClone(sampleEvent(name)) as Event;
  if (params) event.detail.requestParameters = params;
  const identity = event.detail.userIdentity as Record<string, unknown>;
  identity.arn = arn;
  if (id) event.detail.eventID = id;
  event.detail.eventTime = new Date().toISOString();
  return event;
}

const touched = (event: unknown) => {
  const request = requestOf(event);
  return request && touchOf(request, own);
};

describe('which calls touch an enforcer resource (from requestParameters)', () => {
  it.each([
    ['cloudtrail-delete-alarms', 'alarm', false],
    ['cloudtrail-disable-alarm-actions', 'alarm', false],
    ['cloudtrail-set-alarm-state', 'alarm', false],
    ['cloudtrail-put-metric-alarm', 'alarm', false],
    ['cloudtrail-delete-metric-filter', 'metric-filter', false],
    ['cloudtrail-put-metric-filter', 'metric-filter', false],
    ['cloudtrail-put-transformer', 'log-group', false],
    ['cloudtrail-delete-transformer', 'log-group', false],
    ['cloudtrail-delete-log-group', 'log-group', false],
    ['cloudtrail-delete-topic', 'topic', false],
    ['cloudtrail-set-topic-attributes', 'topic', false],
    ['cloudtrail-remove-permission', 'topic', false],
    ['cloudtrail-subscribe', 'subscription', false],
    ['cloudtrail-unsubscribe', 'subscription', false],
    ['cloudtrail-set-subscription-attributes', 'subscription', false],
    ['cloudtrail-stop-logging', 'trail', false],
    ['cloudtrail-delete-trail', 'trail', false],
    ['cloudtrail-update-trail', 'trail', false],
    ['cloudtrail-put-event-selectors', 'trail', false],
  ])('%s → %s (restored: %s)', (name, resource, restored) => {
    expect(touched(sampleEvent(name))).toMatchObject({ resource, restored });
  });

  it.each([
    ['another alarm', 'cloudtrail-delete-alarms', { alarmNames: ['billing-alarm'] }],
    ['a composite alarm of its own (ours unchanged)', 'cloudtrail-put-composite-alarm', undefined],
    [
      'a filter of the same name on another log group',
      'cloudtrail-delete-metric-filter',
      {
        logGroupName: 'other-group',
        filterName: 'CIS-4.10-SecurityGroupChanges',
      },
    ],
    [
      'another filter on our log group',
      'cloudtrail-put-metric-filter',
      {
        logGroupName: own.desired.logGroupName,
        filterName: 'someone-elses-root-usage',
      },
    ],
    ['another topic', 'cloudtrail-delete-topic', { topicArn: `${own.desired.topic.arn}-old` }],
    [
      'a subscription of a topic whose name starts like ours',
      'cloudtrail-unsubscribe',
      {
        subscriptionArn: `${own.desired.topic.arn}-old:4f1b6c2a`,
      },
    ],
    ['another trail', 'cloudtrail-stop-logging', { name: 'data-events' }],
  ])('%s → no touch', (_, name, params) => {
    expect(touched(edited(name, params))).toBeUndefined();
  });

  it.each([
    [
      'PutMetricFilter writing the canonical filter',
      'cloudtrail-put-metric-filter',
      {
        logGroupName: own.desired.logGroupName,
        filterName: own.desired.filter.name,
        filterPattern: own.desired.filter.profile.canonical,
        metricTransformations: [
          { metricName: 'SecurityGroupEventCount', metricNamespace: 'CISBenchmark', metricValue: '1' },
        ],
      },
    ],
    ['PutMetricAlarm writing the desired alarm', 'cloudtrail-put-metric-alarm', DESIRED_ALARM],
    [
      'Subscribe of the configured endpoint',
      'cloudtrail-subscribe',
      {
        topicArn: own.desired.topic.arn,
        protocol: 'email',
        endpoint: 'SEC@example.com',
      },
    ],
  ])('%s → restored by the caller', (_, name, params) => {
    expect(touched(edited(name, params))).toMatchObject({ restored: true });
  });

  it('a filter weakened by the call is a touch, not a restore, even with our metric', () => {
    expect(touched(sampleEvent('cloudtrail-put-metric-filter'))).toEqual({
      resource: 'metric-filter',
      name: 'CIS-4.10-SecurityGroupChanges',
      call: 'PutMetricFilter',
      restored: false,
    });
  });
});

describe('a touch undone before the event is processed still alerts (mocks)', () => {
  it('weakened then restored filter: COMPLIANT, the touch in news, one alert naming mallory', async () => {
    const run = await runOn(compliant(), { event: edited('cloudtrail-put-metric-filter') });
    expect(run.report).toMatchObject({
      status: 'COMPLIANT',
      touched: { resource: 'metric-filter', call: 'PutMetricFilter', restored: false },
    });
    expect(run.report.news?.[0]).toMatch(
      /^metric filter CIS-4\.10-SecurityGroupChanges was written by arn:aws:sts::123456789012:assumed-role\/Admin\/mallory with PutMetricFilter at /,
    );
    const notified = await createNotifier({ sns: run.deps.clients.sns, config: configFor() }).notify(
      run.report,
    );
    expect(notified.notification).toMatchObject({ sent: true });
    const [publish] = run.mocks.sns.commandCalls(PublishCommand);
    expect(publish?.args[0].input.Subject).toBe(
      'CIS 4.10 metric filter touched by mallory (PutMetricFilter), holds again',
    );
  });

  it('the caller who wrote what the enforcer keeps: "restored by" them', async () => {
    const run = await runOn(compliant(), { event: edited('cloudtrail-put-metric-alarm', DESIRED_ALARM) });
    await createNotifier({ sns: run.deps.clients.sns, config: configFor() }).notify(run.report);
    expect(run.mocks.sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toBe(
      'CIS 4.10 alarm restored by mallory (PutMetricAlarm)',
    );
  });

  it('the daily check, and calls on resources not its own, stay quiet', async () => {
    const schedule = await runOn(compliant(), { event: sampleEvent('schedule') });
    const notifier = createNotifier({ sns: schedule.deps.clients.sns, config: configFor() });
    const other = await runAgain(schedule, edited('cloudtrail-delete-alarms', { alarmNames: ['billing'] }));
    for (const report of [schedule.report, other.report]) {
      expect(report).toMatchObject({ status: 'COMPLIANT' });
      expect(report).not.toHaveProperty('news');
      expect(await notifier.notify(report)).not.toHaveProperty('notification');
    }
    expect(other.mocks.sns.commandCalls(PublishCommand)).toEqual([]);
  });

  it("a burst of the same caller's events after the repair they caused: one alert; someone else's: news", async () => {
    const state = compliant();
    state.alarms = [];
    const first = await runOn(state, {
      event: edited('cloudtrail-delete-alarms', undefined, MALLORY, 'e-0'),
    });
    const memory = createAlertMemory(QUIET_PERIOD_MS);
    const notifier = createNotifier({ sns: first.deps.clients.sns, config: configFor(), memory });
    expect((await notifier.notify(first.report)).notification).toMatchObject({ sent: true });
    const samples = [
      'cloudtrail-delete-metric-filter',
      'cloudtrail-disable-alarm-actions',
      'cloudtrail-unsubscribe',
    ];
    const later: NotifiedReport[] = [];
    for (const [i, name] of samples.entries()) {
      const event = edited(name, undefined, MALLORY, `e-${i + 1}`);
      event.detail.eventTime = new Date(Date.now() - 60_000).toISOString();
      later.push(await notifier.notify((await runAgain(first, event)).report));
    }
    const quiet = {
      sent: false,
      suppressed: true,
      reason: expect.stringMatching(/caused by mallory was delivered after/),
    };
    expect(later.map((r) => [r.status, r.touched?.call, r.notification])).toEqual([
      ['COMPLIANT', 'DeleteMetricFilter', quiet],
      ['COMPLIANT', 'DisableAlarmActions', quiet],
      ['COMPLIANT', 'Unsubscribe', quiet],
    ]);
    const bob = await runAgain(
      first,
      edited('cloudtrail-delete-metric-filter', undefined, 'arn:aws:iam::123456789012:user/bob', 'e-9'),
    );
    expect((await notifier.notify(bob.report)).notification).toMatchObject({ sent: true });
    const subjects = first.mocks.sns.commandCalls(PublishCommand).map((c) => c.args[0].input.Subject);
    expect(subjects).toEqual(['CIS 4.10 metric filter touched by bob (DeleteMetricFilter), holds again']);
    expect(writesSent(first.mocks).map((w) => w.command)).toEqual(['PublishCommand']);
  });
});
