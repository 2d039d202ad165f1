import { createClients } from '../src/clients';
import { loadConfig } from '../src/config';
import { type Report, runFailed } from '../src/report';
import { isAsyncTrigger, runEvent } from '../src/run';

// Built once per cold start; a bad configuration fails here, naming every bad variable.
const config = loadConfig(process.env);
const deps = { config, clients: createClients(config.region) };

/** Lambda entry point for every trigger: EventBridge, schedule, deploy and manual invokes. */
export async function handler(event: unknown): Promise<Report> {
  const report = await runEvent(deps, event);
  console.log(JSON.stringify(report));
  // An asynchronous run that failed is retried by Lambda and then kept in the on-failure queue.
  if (report.status === 'ERROR' && isAsyncTrigger(report)) throw runFailed(report);
  return report;
}
