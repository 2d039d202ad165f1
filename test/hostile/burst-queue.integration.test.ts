/**
 * A burst of 100 tamper events through the serialising path, against the emulator (moto behind the
 * AWS-faithful layer): the events go into a simulated SQS FIFO queue (one message group, content-based
 * deduplication, at most 10 messages a receive, no message of a group received while another of it is
 * in flight), and five pollers hand its batches to the real handler as Lambda's event source mapping
 * would. Moto has SQS but no event source mapping that invokes a function, so the queue's delivery
 * semantics are simulated here; the template's wiring is checked in test/deploy/event-queue.test.ts.
 * Outcome: one repair, one write, one alert, and never two runs at once. The same pollers on a queue
 * without message groups run batches side by side, so the measure is not vacuous.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { type ApiProxy, startApiProxy } from '../../scripts/lib/api-proxy';
import { CONTROL } from '../../scripts/lib/seed';
import type { Report } from '../../src/report';
import { loadHandler } from '../integration/support/handler';
import { DEFAULT_ENV, useWorld } from '../integration/support/harness';
import { sample, TAMPER_SAMPLES } from './support/own-events';

type Json = Record<string, unknown>;
const POLLERS = 5;
const MAX_BATCH = 10;

interface Message {
  readonly messageId: string;
  readonly body: string;
  readonly group?: string;
}

/** An SQS queue as Lambda's SQS event source mapping sees it; FIFO when messages carry a group. */
class SimulatedQueue {
  private readonly waiting: Message[] = [];
  private readonly inFlight = new Set<Message>();
  private readonly seen = new Set<string>();
  private sent = 0;

  constructor(private readonly fifo: boolean) {}

  /** SendMessage: a FIFO queue with content-based deduplication drops a body it already took. */
  send(body: string): void {
    const hash = createHash('sha256').update(body).digest('hex');
    if (this.fifo && this.seen.has(hash)) return;
    this.seen.add(hash);
    this.sent += 1;
    this.waiting.push({ messageId: `m-${this.sent}`, body, ...(this.fifo ? { group: 'reconcile' } : {}) });
  }

  /** ReceiveMessage: up to 10, in order; nothing of a group while a message of it is in flight. */
  receive(): Message[] {
    const busy = new Set([...this.inFlight].map((m) => m.group));
    const batch: Message[] = [];
    for (const m of this.waiting) {
      if (batch.length === MAX_BATCH) break;
      if (m.group !== undefined && busy.has(m.group)) continue;
      batch.push(m);
    }
    for (const m of batch) {
      this.waiting.splice(this.waiting.indexOf(m), 1);
      this.inFlight.add(m);
    }
    return batch;
  }

  /** DeleteMessage after the function returned; a batch whose function threw becomes visible again. */
  settle(batch: readonly Message[], ok: boolean): void {
    for (const m of batch) this.inFlight.delete(m);
    if (!ok) this.waiting.unshift(...batch);
  }

  get empty(): boolean {
    return this.waiting.length === 0 && this.inFlight.size === 0;
  }
}

/** The event Lambda's event source mapping invokes the function with for a batch. */
const sqsEvent = (batch: readonly Message[]) => ({
  Records: batch.map((m) => ({
    messageId: m.messageId,
    receiptHandle: `handle-${m.messageId}`,
    body: m.body,
    attributes: { ApproximateReceiveCount: '1', ...(m.group ? { MessageGroupId: m.group } : {}) },
    messageAttributes: {},
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:cis-monitoring-enforcer-prod-events.fifo',
    awsRegion: 'us-east-1',
  })),
});

interface Delivery {
  readonly reports: Report[];
  readonly batchSizes: number[];
  readonly maxInFlight: number;
  readonly failures: unknown[];
}

/**
 * Sends `bodies` into `queue` in bursts while `POLLERS` pollers receive batches and invoke `invoke`
 * with each; resolves once every message was handled. Counts the invocations running at once.
 */
async function deliver(
  queue: SimulatedQueue,
  bodies: readonly string[],
  invoke: (event: unknown) => Promise<Report>,
): Promise<Delivery> {
  const result = {
    reports: [] as Report[],
    batchSizes: [] as number[],
    maxInFlight: 0,
    failures: [] as unknown[],
  };
  let running = 0;
  let produced = false;
  const tick = () => new Promise((wake) => setTimeout(wake, 2));
  const poller = async () => {
    while (!(produced && queue.empty)) {
      const batch = queue.receive();
      if (batch.length === 0) {
        await tick();
        continue;
      }
      running += 1;
      result.maxInFlight = Math.max(result.maxInFlight, running);
      result.batchSizes.push(batch.length);
      try {
        result.reports.push(await invoke(sqsEvent(batch)));
        queue.settle(batch, true);
      } catch (error) {
        result.failures.push(error);
        queue.settle(batch, false);
        if (result.failures.length > 3) throw error;
      } finally {
        running -= 1;
      }
    }
  };
  const producer = async () => {
    // A first burst, then the rest in bursts of 9 while batches are being handled.
    for (const b of bodies.slice(0, 7)) queue.send(b);
    for (let at = 7; at < bodies.length; at += 9) {
      await tick();
      for (const b of bodies.slice(at, at + 9)) queue.send(b);
    }
    produced = true;
  };
  await Promise.all([producer(), ...Array.from({ length: POLLERS }, poller)]);
  return result;
}

/** 100 distinct tamper events of one person, the deletion of our alarm first. */
function tamperBodies(): string[] {
  const names = [
    'cloudtrail-delete-alarms',
    ...Array.from({ length: 99 }, (_, i) => TAMPER_SAMPLES[i % TAMPER_SAMPLES.length] ?? ''),
  ];
  return names.map((name, n) => {
    const event = sample(name);
    const detail = event.detail as Json;
    return JSON.stringify({ ...event, id: `burst-${n}`, detail: { ...detail, eventID: `burst-call-${n}` } });
  });
}

describe('100 tamper events through the event queue on the emulator', () => {
  const world = useWorld('compliant');
  let proxy: ApiProxy;
  let endpoint: string | undefined;
  beforeEach(async () => {
    // A recording proxy in front of the AWS-faithful layer the world set up: the handler's clients use it.
    endpoint = process.env.AWS_ENDPOINT_URL;
    proxy = await startApiProxy(endpoint ?? '');
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
  });
  afterEach(async () => {
    process.env.AWS_ENDPOINT_URL = endpoint;
    await proxy.close();
  });

  it('one repair, one write, one alert, and never two runs at once', async () => {
    await world.account.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] }));
    // One warm container: the FIFO queue's batches come one at a time, so Lambda keeps reusing it.
    const handler = loadHandler(join(__dirname, '..', '..', 'handlers', 'reconcile'), DEFAULT_ENV);
    const quiet = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      jest.spyOn(console, name).mockImplementation(() => undefined),
    );
    let delivery: Delivery;
    try {
      delivery = await deliver(new SimulatedQueue(true), tamperBodies(), handler);
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
    expect(delivery.failures).toEqual([]);
    expect(delivery.maxInFlight).toBe(1);
    // Every event was covered by exactly one run, each batch at most 10 events.
    expect(delivery.batchSizes.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...delivery.batchSizes)).toBeLessThanOrEqual(MAX_BATCH);
    const ids = delivery.reports.flatMap((r) =>
      (r.batch ?? []).map((e) => (e.trigger.kind === 'cloudtrail' ? e.trigger.eventId : '')),
    );
    expect(new Set(ids).size).toBe(100);
    expect(delivery.reports.length).toBeLessThan(100);

    const statuses = delivery.reports.map((r) => r.status);
    expect(statuses.filter((s) => s === 'REPAIRED')).toHaveLength(1);
    expect(statuses[0]).toBe('REPAIRED');
    expect(new Set(statuses.slice(1))).toEqual(new Set(['COMPLIANT']));
    const calls = proxy.take();
    const alerts = calls.filter((c) => c.service === 'sns' && c.operation === 'Publish');
    const writes = calls.filter((c) => c.write && !alerts.includes(c));
    expect(writes.map((c) => `${c.service}:${c.operation}`)).toEqual(['monitoring:PutMetricAlarm']);
    expect(alerts).toHaveLength(1);
  }, 180_000);
});

describe('the simulated queue', () => {
  const slowRun = async (): Promise<Report> => {
    await new Promise((wake) => setTimeout(wake, 20));
    return { status: 'COMPLIANT' } as Report;
  };
  const bodies = Array.from({ length: 60 }, (_, n) => JSON.stringify({ n }));

  it('without message groups, the same pollers run batches side by side (what FIFO prevents)', async () => {
    const delivery = await deliver(new SimulatedQueue(false), bodies, slowRun);
    expect(delivery.maxInFlight).toBeGreaterThan(1);
  });

  it('with one message group, one batch at a time; a body sent twice is taken once', async () => {
    const delivery = await deliver(new SimulatedQueue(true), [...bodies, bodies[0] ?? ''], slowRun);
    expect(delivery.maxInFlight).toBe(1);
    expect(delivery.batchSizes.reduce((a, b) => a + b, 0)).toBe(60);
  });
});
