import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../../src/report';

const ROOT = join(__dirname, '..', '..', '..');

/** A handler module's entry point, as the scenarios call it. */
export type Handler = (event: unknown) => Promise<Report>;

/** Every variable the enforcer's configuration reads; unset ones are removed while a handler loads. */
const CONFIG_VARIABLES = [
  'CONTROLS',
  'LOG_GROUP_NAME',
  'FILTER_NAME',
  'METRIC_NAMESPACE',
  'METRIC_NAME',
  'ALARM_NAME',
  'TOPIC_NAME',
  'TOPIC_ARN',
  'SUBSCRIPTIONS',
  'PATTERN_PROFILE',
  'MODE',
  'EXISTING_CHAINS',
  'HEAL_TRAIL_LOGGING',
  'ENFORCER_ROLE_ARN',
  'LOG_LEVEL',
  'ENFORCER_METRICS_NAMESPACE',
] as const;
export type EnforcerEnv = Partial<Record<(typeof CONFIG_VARIABLES)[number], string>>;

/** A sample event from events/, parsed. */
export function sampleEvent(name: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, 'events', `${name}.json`), 'utf8'));
}

/** Loads a handler module fresh (its own cold start) with the given configuration in process.env. */
export function loadHandler(modulePath: string, env: EnforcerEnv): Handler {
  const saved = CONFIG_VARIABLES.map((key) => [key, process.env[key]] as const);
  for (const key of CONFIG_VARIABLES) {
    const value = env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    let handler: Handler | undefined;
    jest.isolateModules(() => {
      handler = (require(modulePath) as { handler: Handler }).handler;
    });
    if (!handler) throw new Error(`${modulePath} exports no handler`);
    return handler;
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
