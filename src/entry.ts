import type { Context } from 'aws-lambda';
import { createClients } from './aws/clients';
import { loadConfig } from './config';
import { createNotifier } from './notify';
import { aliasLookup, createIamClient } from './notify/alias';
import type { Deps } from './reconcile';
import type { Report } from './report';
import { createTelemetry } from './telemetry';
import { runEvent } from './triggers/run';

type Env = Readonly<Record<string, string | undefined>>;

/** What every invocation of a warm container shares: configuration, clients, logger/metrics, notifier. */
export interface Enforcer {
  readonly deps: Deps;
  readonly telemetry: ReturnType<typeof createTelemetry>;
  readonly notifier: ReturnType<typeof createNotifier>;
}

/** Builds the enforcer once per cold start; throws one ConfigError naming every bad variable. */
export function buildEnforcer(env: Env): Enforcer {
  const config = loadConfig(env);
  const deps = { config, clients: createClients(config.region) };
  return {
    deps,
    telemetry: createTelemetry(config),
    notifier: createNotifier({
      sns: deps.clients.sns,
      config,
      alias: aliasLookup(createIamClient(config.region)),
    }),
  };
}

/** One invocation: run (or skip) a reconcile, alert, then log the report as one JSON line and emit metrics. */
export async function invoke(enforcer: Enforcer, event: unknown, context?: Context): Promise<Report> {
  const { deps, telemetry, notifier } = enforcer;
  telemetry.begin(event, context);
  const remaining = context ? () => context.getRemainingTimeInMillis() : undefined;
  const report = await notifier.notify(await runEvent(deps, event, remaining));
  telemetry.finish(report);
  return report;
}
