import type { CloudFormationCustomResourceResponse, Context } from 'aws-lambda';
import { createClients } from '../src/clients';
import { readyOf, setUp } from '../src/cold-start';
import { loadConfig } from '../src/config';
import { answerCloudFormation, answerOptionsFor, isCloudFormationRequest } from '../src/deploy';
import { createNotifier } from '../src/notify';
import { type Report, runFailed } from '../src/report';
import { isAsyncTrigger, runEvent } from '../src/run';
import { createTelemetry } from '../src/telemetry';

function coldStart() {
  const config = loadConfig(process.env);
  const deps = { config, clients: createClients(config.region) };
  return {
    deps,
    telemetry: createTelemetry(config),
    notifier: createNotifier({ sns: deps.clients.sns, config }),
  };
}

// Built once per cold start. A bad configuration is logged here naming every bad variable; a
// CloudFormation request is answered FAILED with it, and every other invocation throws it.
const setup = setUp(coldStart);

/** Lambda entry point for every trigger: EventBridge, schedule, deploy (CloudFormation) and manual invokes. */
export async function handler(
  event: unknown,
  context?: Context,
): Promise<Report | CloudFormationCustomResourceResponse> {
  const run = (ready: ReturnType<typeof coldStart>) => runOnce(ready, event, context);
  // A deploy is always answered, before the Lambda timeout, whatever the run does.
  if (isCloudFormationRequest(event))
    return answerCloudFormation(event, setup, run, answerOptionsFor(context));
  const report = await run(readyOf(setup));
  // An asynchronous run that failed is retried by Lambda and then kept in the on-failure queue.
  if (report.status === 'ERROR' && isAsyncTrigger(report)) throw runFailed(report);
  return report;
}

async function runOnce(
  { deps, telemetry, notifier }: ReturnType<typeof coldStart>,
  event: unknown,
  context?: Context,
): Promise<Report> {
  telemetry.begin(event, context);
  const report = await notifier.notify(await runEvent(deps, event));
  telemetry.finish(report); // one JSON log line with the report, then the run's metrics (EMF)
  return report;
}
