/**
 * Two reconciles interleaved against the emulator (moto), each with its own SDK clients as two Lambda
 * containers would have: they converge to one filter, one alarm, one topic, no duplicate subscription,
 * the user's resources untouched; a run that starts after the other's first write sees that write.
 * Reserved concurrency 1 normally serialises runs; this proves overlap is harmless anyway.
 */
import { ListTopicsCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CONTROL, snapshotUserResources } from '../../scripts/lib/seed';
import { createClients } from '../../src/aws/clients';
import { loadConfig } from '../../src/config';
import type { Deps } from '../../src/reconcile';
import { runEvent } from '../../src/triggers/run';
import { filterInForce, readControl } from '../integration/support/control';
import { DEFAULT_ENV, sampleEvent, useWorld, type World } from '../integration/support/harness';

/** A fresh enforcer "container": its own clients, the scenarios' default configuration. */
const container = (): Deps => ({
  clients: createClients('us-east-1'),
  config: loadConfig({ ...process.env, ...DEFAULT_ENV }),
});

/** Resolves once `client` has received the answer to its first `command`. */
function afterFirst(client: SNSClient, command: string): Promise<void> {
  return new Promise((resolve) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        if (context.commandName === command) resolve();
        return output;
      },
      { step: 'initialize', name: 'afterFirstWrite' },
    );
  });
}

/** One filter, one alarm, one topic, each endpoint subscribed once, nothing of the user's changed. */
async function expectConverged(world: World): Promise<void> {
  const state = await readControl(world.account);
  // AWS keeps one filter per name: PutMetricFilter replaces it. moto 5.2.5 appends a rewrite as a second
  // entry with the same name instead (an emulator artefact), so count names and judge the entry in force.
  expect(new Set(state.filters.map((f) => f.filterName))).toEqual(new Set([CONTROL.filterName]));
  expect(filterInForce(state)?.filterPattern).toBe(CONTROL.pattern);
  expect(state.alarm?.AlarmActions).toEqual([CONTROL.topicArn]);
  const topics = await world.account.sns.send(new ListTopicsCommand({}));
  expect((topics.Topics ?? []).filter((t) => t.TopicArn === CONTROL.topicArn)).toHaveLength(1);
  const endpoints = state.subscriptions.map((s) => `${s.Protocol}:${s.Endpoint}`);
  expect(endpoints).toEqual([`email:${CONTROL.subscriber}`]);
  expect(await snapshotUserResources(world.account)).toEqual(world.snapshot());
  // Whatever the overlap left, once the email's owner confirms it (pending on AWS until then), the
  // next run finds nothing to do.
  await world.faithful.confirm(CONTROL.subscriber);
  const next = await world.invoke('schedule');
  expect(next.report.status).toBe('COMPLIANT');
  expect(next.writes).toEqual([]);
}

describe('two reconciles at once on a fresh account', () => {
  const world = useWorld('fresh');

  it('started together (schedule and a tamper event) → both succeed and converge', async () => {
    const [a, b] = await Promise.all([
      runEvent(container(), sampleEvent('schedule')),
      runEvent(container(), sampleEvent('cloudtrail-delete-alarms')),
    ]);

    for (const report of [a, b]) {
      expect(report.errors).toEqual([]);
      expect(report.changes.length).toBeGreaterThan(0);
    }
    await expectConverged(world);
  });

  it('the second starting after the first created the topic → it sees the topic and does not create it again', async () => {
    const first = container();
    const topicCreated = afterFirst(first.clients.sns, 'CreateTopicCommand');
    const runA = runEvent(first, sampleEvent('schedule'));
    await topicCreated;
    const b = await runEvent(container(), sampleEvent('cloudtrail-delete-topic'));
    const a = await runA;

    expect(a.changes.map((c) => c.resource)).toContain('topic');
    expect(b.errors).toEqual([]);
    expect(b.changes.map((c) => c.resource)).not.toContain('topic');
    await expectConverged(world);
  });
});
