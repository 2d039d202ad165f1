/**
 * How the demo invokes the enforcer: through the Lambda handler module (built once, from the
 * environment), or through the same cold-start build with other settings (`buildEnforcer` + `invoke`,
 * what the handler runs). Each invocation returns its report and the write requests it sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEnforcer, invoke } from '../../src/entry';
import type { Report } from '../../src/report';
import type { ApiProxy } from './api-proxy';
import { projectRoot } from './emulator';

/** The handler's own configuration for the demo: one email subscriber, quiet logs and metrics. */
export const DEMO_CONFIG = {
  SUBSCRIPTIONS: 'email:security@example.com',
  ENFORCER_ROLE_NAME: 'cis-monitoring-enforcer-prod-us-east-1',
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
} as const;

/** One invocation's report and the write requests it sent (its alert, sns:Publish, not counted). */
export interface Outcome {
  readonly report: Report;
  readonly writes: number;
}

/** Invokes the enforcer on a sample event of events/ (file name without .json). */
export type Invoke = (event: string) => Promise<Outcome>;

const ROOT = projectRoot();
const sampleEvent = (name: string): unknown =>
  JSON.parse(readFileSync(join(ROOT, 'events', `${name}.json`), 'utf8'));

/** Wraps a run of the enforcer: the sample event in, its report and the writes `proxy` saw out. */
function counted(proxy: ApiProxy, run: (event: unknown) => Promise<unknown>): Invoke {
  return async (event) => {
    proxy.take();
    const log = console.log;
    console.log = () => undefined; // the handler's own JSON log line; the demo prints its report
    try {
      const out = await run(sampleEvent(event));
      if (typeof out !== 'object' || out === null || !('changes' in out)) {
        throw new Error('the handler did not answer with a report');
      }
      const writes = proxy.take().filter((c) => c.write && c.operation !== 'Publish').length;
      return { report: out as Report, writes };
    } finally {
      console.log = log;
    }
  };
}

/** The Lambda handler module, loaded now: its configuration is read from `process.env` (set it first). */
export async function handlerInvoke(proxy: ApiProxy): Promise<Invoke> {
  const lambda = await import('../../handlers/reconcile');
  return counted(proxy, (event) => lambda.handler(event));
}

/** A cold start of the enforcer with `process.env` and `settings` (e.g. CONTROLS), invoked as the handler does. */
export function enforcerInvoke(proxy: ApiProxy, settings: Readonly<Record<string, string>>): Invoke {
  const enforcer = buildEnforcer({ ...process.env, ...settings });
  return counted(proxy, (event) => invoke(enforcer, event));
}
