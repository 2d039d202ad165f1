/**
 * Runs one reconcile in a plain Node process, the way Lambda does (no test framework around the SDK),
 * with the client limits in CLIENT_LIMITS_JSON; prints `{report, elapsedMs}` as one JSON line.
 */
import { type ClientLimits, createClients } from '../../../src/aws/clients';
import { loadConfig } from '../../../src/config';
import { runEvent } from '../../../src/triggers/run';

async function main(): Promise<void> {
  const limits = JSON.parse(process.env.CLIENT_LIMITS_JSON ?? '') as ClientLimits;
  const config = loadConfig(process.env);
  const deps = { config, clients: createClients(config.region, limits) };
  const started = Date.now();
  const report = await runEvent(deps, {});
  process.stdout.write(`${JSON.stringify({ report, elapsedMs: Date.now() - started })}\n`);
}

void main();
