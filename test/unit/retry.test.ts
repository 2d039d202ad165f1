/**
 * Throttling is retried by the SDK's own retry strategy (createClients: maxAttempts 4). aws-sdk-client-mock
 * replaces `send`, so it bypasses the retry middleware: here the throttled client answers below the retry
 * step instead (answerBelowRetries), with the real exception class of that client, and fake timers skip
 * the back-off delays.
 */
import { ThrottlingException as TrailThrottling } from '@aws-sdk/client-cloudtrail';
import { CloudWatchServiceException } from '@aws-sdk/client-cloudwatch';
import { ThrottlingException as LogsThrottling } from '@aws-sdk/client-cloudwatch-logs';
import { ThrottledException } from '@aws-sdk/client-sns';
import { CLIENT_LIMITS, type Clients, createClients } from '../../src/aws/clients';
import { runEvent } from '../../src/triggers/run';
import {
  type AccountState,
  answerBelowRetries,
  compliant,
  configFor,
  LOG_GROUP,
  mockAccount,
  ourFilter,
  REGION,
  TOPIC_ARN,
} from '../support/builders';

const meta = { httpStatusCode: 400, requestId: 'throttled' };
type Kind = 'cloudtrail' | 'cloudwatch' | 'logs' | 'sns';

/** The reads a compliant run sends to each client, answered from the account state. */
function reads(state: AccountState): Record<string, () => object> {
  const topic = state.topics[TOPIC_ARN];
  return {
    DescribeTrailsCommand: () => ({ trailList: state.trails }),
    GetTrailStatusCommand: () => ({ IsLogging: true }),
    DescribeMetricFiltersCommand: () => ({ metricFilters: state.logGroups[LOG_GROUP] }),
    // By metric, without a log group: the filters of the region writing to our metric (ours only).
    DescribeMetricFiltersByMetric: () => ({ metricFilters: [ourFilter(state)] }),
    // The region's first page, without a log group or metric: every filter of the region (ours only).
    DescribeMetricFiltersRegion: () => ({
      metricFilters: [{ ...ourFilter(state), logGroupName: LOG_GROUP }],
    }),
    DescribeAlarmsCommand: () => ({ MetricAlarms: state.alarms }),
    DescribeAlarmsForMetricCommand: () => ({ MetricAlarms: state.alarms }),
    // A manual run reads the alarm's action history (nothing recorded yet).
    DescribeAlarmHistoryCommand: () => ({ AlarmHistoryItems: [] }),
    GetTopicAttributesCommand: () => ({ Attributes: topic?.attributes }),
    ListSubscriptionsByTopicCommand: () => ({ Subscriptions: topic?.subscriptions }),
    GetSubscriptionAttributesCommand: () => ({ Attributes: {} }),
  };
}

const THROTTLES: readonly [Kind, string, () => Error, string][] = [
  [
    'logs',
    'DescribeMetricFiltersCommand',
    () => new LogsThrottling({ $metadata: meta, message: 'Rate exceeded' }),
    'logs:DescribeMetricFilters',
  ],
  [
    'cloudtrail',
    'DescribeTrailsCommand',
    () => new TrailThrottling({ $metadata: meta, message: 'Rate exceeded' }),
    'cloudtrail:DescribeTrails',
  ],
  [
    'sns',
    'GetTopicAttributesCommand',
    () => new ThrottledException({ $metadata: meta, message: 'Rate exceeded' }),
    'sns:GetTopicAttributes',
  ],
  [
    'cloudwatch',
    'DescribeAlarmsCommand',
    () =>
      new CloudWatchServiceException({
        name: 'Throttling',
        $fault: 'client',
        $metadata: meta,
        message: 'Rate exceeded',
      }),
    'cloudwatch:DescribeAlarms',
  ],
];

/** Awaits `pending`, moving the fake clock on while it waits (real I/O and promises keep running). */
async function withoutBackOff<T>(pending: Promise<T>): Promise<T> {
  let done = false;
  const settled = pending.finally(() => {
    done = true;
  });
  while (!done) {
    await jest.advanceTimersByTimeAsync(1_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return settled;
}

/** Runs a manual reconcile on a compliant account whose `kind` client throws `fault` on the first `times` calls of `command`. */
async function throttled(kind: Kind, command: string, fault: () => Error, times: number) {
  const state = compliant();
  const clients: Clients = createClients(REGION);
  const mocks = mockAccount(state, { targets: clients });
  mocks[kind].restore();
  let left = times;
  let attempts = 0;
  const answers = reads(state);
  answerBelowRetries(clients[kind], async (sent, input) => {
    const query = input as { metricName?: string; logGroupName?: string };
    const byMetric = query.metricName !== undefined;
    const region = sent === 'DescribeMetricFiltersCommand' && !byMetric && query.logGroupName === undefined;
    const name = byMetric ? 'DescribeMetricFiltersByMetric' : region ? 'DescribeMetricFiltersRegion' : sent;
    if (name === command) attempts++;
    if (name === command && left-- > 0) throw fault();
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected ${name}`);
    return answer();
  });
  const report = await withoutBackOff(runEvent({ clients, config: configFor() }, {}));
  return { report, attempts };
}

describe('throttling is retried by the SDK', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    // The real middleware stack signs requests: give it credentials so it never looks elsewhere for them.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
    delete process.env.AWS_SESSION_TOKEN;
    // Only timers are faked: the SDK's back-off waits on setTimeout; promises, ticks and I/O stay real.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'Date',
        'hrtime',
        'performance',
      ],
    });
  });
  afterAll(() => {
    jest.useRealTimers();
    process.env = saved;
  });

  it('every client from createClients allows 4 attempts per call', async () => {
    const clients = createClients(REGION);
    const configured = await Promise.all(
      Object.values(clients).map((c: Clients[Kind]) => c.config.maxAttempts()),
    );
    expect(configured).toEqual(Object.values(clients).map(() => 4));
    expect(configured).toHaveLength(Object.keys(clients).length);
    expect(CLIENT_LIMITS.maxAttempts).toBe(4);
  });

  it.each(THROTTLES)(
    '%s: throttled once, then answered → COMPLIANT after 2 attempts',
    async (kind, command, fault) => {
      const { report, attempts } = await throttled(kind, command, fault, 1);
      expect(report).toMatchObject({ status: 'COMPLIANT', errors: [] });
      expect(attempts).toBe(2);
    },
  );

  it.each(THROTTLES)(
    '%s: throttled on every attempt → ERROR naming the action after maxAttempts',
    async (kind, command, fault, action) => {
      const { report, attempts } = await throttled(kind, command, fault, Number.POSITIVE_INFINITY);
      expect(attempts).toBe(CLIENT_LIMITS.maxAttempts);
      expect(report.status).toBe('ERROR');
      expect(report.errors).toEqual([expect.objectContaining({ action, code: fault().name })]);
    },
  );
});
