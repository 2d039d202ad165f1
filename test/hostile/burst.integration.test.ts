/**
 * A burst of 100 tamper events against the emulator (moto): the first repairs, the 99 after it, in
 * overlapping waves of 11, make no write request at all (counted on the wire by a recording proxy).
 * Waves, not all 99 at once: a single moto process answering ~1,000 simultaneous requests on a loaded
 * 2-core machine misses the SDK's 3 s connect timeout now and then — an emulator limit, not the
 * enforcer's; eleven overlapping runs still exercise concurrent reconciles on a compliant account.
 */
import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { startApiProxy } from '../../scripts/lib/api-proxy';
import { CONTROL } from '../../scripts/lib/seed';
import { createClients } from '../../src/aws/clients';
import { loadConfig } from '../../src/config';
import { runEvent } from '../../src/triggers/run';
import { DEFAULT_ENV, sampleEvent, useWorld, workerEndpoint } from '../integration/support/harness';
import { TAMPER_SAMPLES } from './support/own-events';

const WAVE = 11;

describe('a burst of 100 tamper events on the emulator', () => {
  const world = useWorld('compliant');

  it('the first repairs the deleted alarm; the other 99, in overlapping waves, send no write request', async () => {
    await world.account.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] }));
    const first = await world.invoke('cloudtrail-delete-alarms');
    expect(first.report.status).toBe('REPAIRED');
    expect(first.writes).toEqual(['monitoring:PutMetricAlarm']);

    const proxy = await startApiProxy(workerEndpoint());
    const endpoint = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = proxy.endpoint; // read by the SDK at each request
    try {
      const deps = {
        clients: createClients('us-east-1'),
        config: loadConfig({ ...process.env, ...DEFAULT_ENV }),
      };
      const events = Array.from({ length: 99 }, (_, i) =>
        sampleEvent(TAMPER_SAMPLES[i % TAMPER_SAMPLES.length] ?? ''),
      );
      const reports = [];
      for (let at = 0; at < events.length; at += WAVE) {
        const wave = events.slice(at, at + WAVE);
        reports.push(...(await Promise.all(wave.map((event) => runEvent(deps, event)))));
      }
      expect(reports).toHaveLength(99);

      expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['COMPLIANT']));
      const calls = proxy.take();
      expect(calls.length).toBeGreaterThanOrEqual(99 * 5); // every run read the account through the proxy
      expect(calls.filter((c) => c.write)).toEqual([]);
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint;
      await proxy.close();
    }
  });
});
