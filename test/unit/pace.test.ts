/**
 * The pacing layer with jest's fake timers (they drive `performance.now` and `setTimeout`, which the pacing
 * uses): what each mock records is the fake time at which the request was sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { API_BOUNDS, type Bounds, paced } from '../../src/aws/pace';

const REGION = 'eu-west-1';
const logs = mockClient(CloudWatchLogsClient);
const cloudwatch = mockClient(CloudWatchClient);

beforeEach(() => {
  jest.useFakeTimers();
  logs.reset();
  cloudwatch.reset();
});
afterEach(() => jest.useRealTimers());

const filter = (i: number) =>
  new PutMetricFilterCommand({
    logGroupName: 'trail',
    filterName: `f${i}`,
    filterPattern: '{ $.eventName = X }',
    metricTransformations: [],
  });
const alarm = (i: number) =>
  new PutMetricAlarmCommand({
    AlarmName: `a${i}`,
    EvaluationPeriods: 1,
    ComparisonOperator: 'LessThanThreshold',
  });
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

/** Sends everything, lets fake time run out, and returns each outcome. */
async function settle<T>(sends: readonly Promise<T>[]) {
  const all = Promise.allSettled(sends);
  await jest.runAllTimersAsync();
  return all;
}

/** Answers after `latencyMs`, recording when each request was sent and how many were in flight. */
function recorder(latencyMs: number) {
  const sent: { at: number; name: string }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  logs.on(PutMetricFilterCommand).callsFake(async (input: { filterName: string }) => {
    sent.push({ at: performance.now(), name: input.filterName });
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    await later(latencyMs, undefined);
    inFlight -= 1;
    return {};
  });
  return { sent, mostInFlight: () => mostInFlight };
}

const only = (concurrency: number, perSecond: number): Bounds => ({
  PutMetricFilter: { concurrency, perSecond },
});

describe('paced', () => {
  it('never has more than the bound in flight, and every request is answered', async () => {
    const { sent, mostInFlight } = recorder(300);
    const clients = paced(createClients(REGION), only(2, 100));
    const outcomes = await settle(Array.from({ length: 9 }, (_, i) => clients.logs.send(filter(i))));
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(sent).toHaveLength(9);
    expect(mostInFlight()).toBe(2);
  });

  it('starts at most perSecond in any 1-second window, and no later than that allows', async () => {
    const { sent } = recorder(10);
    const clients = paced(createClients(REGION), only(10, 3));
    await settle(Array.from({ length: 10 }, (_, i) => clients.logs.send(filter(i))));
    const at = sent.map((s) => s.at - (sent[0]?.at ?? 0));
    expect(at).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000]);
  });

  it('keeps the order of the calls per API', async () => {
    const { sent } = recorder(50);
    const clients = paced(createClients(REGION), only(1, 2));
    await settle(Array.from({ length: 6 }, (_, i) => clients.logs.send(filter(i))));
    expect(sent.map((s) => s.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
  });

  it('passes errors through unchanged and frees the slot for the next request', async () => {
    const fault = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    logs.on(PutMetricFilterCommand).rejectsOnce(fault).resolves({});
    const clients = paced(createClients(REGION), only(1, 5));
    const [first, second] = await settle([clients.logs.send(filter(0)), clients.logs.send(filter(1))]);
    expect(first?.status === 'rejected' && first.reason).toBe(fault);
    expect(second?.status).toBe('fulfilled');
  });

  it('sends unlisted commands at once, even while a listed API is saturated', async () => {
    recorder(5_000);
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
    const clients = paced(createClients(REGION), only(1, 1));
    const waiting = [0, 1, 2].map((i) => clients.logs.send(filter(i)));
    // No timer runs before these answer: a paced send would wait for the filters (5 s each, one at a time).
    // Neither is bounded here (DescribeMetricFilters is in API_BOUNDS, not in these bounds).
    await expect(clients.logs.send(new DescribeLogGroupsCommand({}))).resolves.toEqual({ logGroups: [] });
    await expect(clients.logs.send(new DescribeMetricFiltersCommand({}))).resolves.toEqual({
      metricFilters: [],
    });
    expect(logs.commandCalls(PutMetricFilterCommand)).toHaveLength(1);
    await settle(waiting);
  });

  it('refuses a bound that could never admit a request, and an API it does not know', () => {
    expect(() => paced(createClients(REGION), only(0, 1))).toThrow('invalid bound for PutMetricFilter');
    expect(() => paced(createClients(REGION), only(1, 0.5))).toThrow('invalid bound for PutMetricFilter');
    const unknown = { DeleteAlarms: { concurrency: 1, perSecond: 1 } } as Bounds;
    expect(() => paced(createClients(REGION), unknown)).toThrow('no paced API named DeleteAlarms');
  });
});

/** A service that throttles, as AWS does, any request beyond `quota` started within one second. */
function throttlingAbove(quota: number) {
  const starts: number[] = [];
  return async () => {
    const now = performance.now();
    starts.push(now);
    if (starts.filter((t) => t > now - 1000).length > quota) {
      throw Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      });
    }
    return later(80, {});
  };
}

describe('a repair from scratch of fifteen controls against throttling at the documented quotas', () => {
  const repair = (clients: ReturnType<typeof createClients>) => [
    ...Array.from({ length: 30 }, (_, i) => clients.cloudwatch.send(alarm(i))),
    ...Array.from({ length: 15 }, (_, i) => clients.logs.send(filter(i))),
  ];

  beforeEach(() => {
    cloudwatch.on(PutMetricAlarmCommand).callsFake(throttlingAbove(3));
    logs.on(PutMetricFilterCommand).callsFake(throttlingAbove(5));
  });

  it('sees no throttling error through paced clients', async () => {
    const outcomes = await settle(repair(paced(createClients(REGION))));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(cloudwatch.commandCalls(PutMetricAlarmCommand)).toHaveLength(30);
    expect(logs.commandCalls(PutMetricFilterCommand)).toHaveLength(15);
  });

  it('is throttled without them (the service above does throttle)', async () => {
    const outcomes = await settle(repair(createClients(REGION)));
    const names = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).name] : []));
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['ThrottlingException']));
  });
});

describe('API_BOUNDS', () => {
  /** The rows of the table in docs/quotas.md: API, documented quota, in flight, per second. */
  function table() {
    const text = readFileSync(join(__dirname, '../../docs/quotas.md'), 'utf8');
    return text
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, api, , quota, , inFlight, perSecond]) => ({
        api: api?.replaceAll('`', ''),
        quota: Number(quota),
        bound: { concurrency: Number(inFlight), perSecond: Number(perSecond) },
      }));
  }

  it('is the table of docs/quotas.md, API for API', () => {
    const rows = table();
    expect(Object.fromEntries(rows.map((r) => [r.api, r.bound]))).toEqual(API_BOUNDS);
    expect(rows).toHaveLength(Object.keys(API_BOUNDS).length);
  });

  it('never exceeds a documented quota', () => {
    const documented = table().filter((r) => Number.isFinite(r.quota));
    expect(documented.map((r) => r.api)).toEqual(
      expect.arrayContaining(['PutMetricAlarm', 'PutMetricFilter']),
    );
    for (const r of documented) expect([r.api, r.bound.perSecond <= r.quota]).toEqual([r.api, true]);
  });
});
