import type { Context } from 'aws-lambda';
import { createClients } from '../src/clients';
import { loadConfig } from '../src/config';
import { createNotifier } from '../src/notify';
import { type Report, runFailed } from '../src/report';
import { isAsyncTrigger, runEvent } from '../src/run';
import { createTelemetry } from '../src/telemetry';

// Built once per cold start; a bad configuration fails here, naming every bad variable.
const config = loadConfig(process.env);
const deps = { config, clients: createClients(config.region) };
const telemetry = createTelemetry(config);
const notifier = createNotifier({ sns: deps.clients.sns, config });

/** Lambda entry point for every trigger: EventBridge, schedule, deploy and manual invokes. */
export async function handler(event: unknown, context?: Context): Promise<Report> {
  telemetry.begin(event, context);
  const report = await notifier.notify(await runEvent(deps, event));
  telemetry.finish(report); // one JSON log line with the report, then the run's metrics (EMF)
  // An asynchronous run that failed is retried by Lambda and then kept in the on-failure queue.
  if (report.status === 'ERROR' && isAsyncTrigger(report)) throw runFailed(report);
  return report;
}
