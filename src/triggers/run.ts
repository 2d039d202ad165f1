import { runDrill } from '../drill';
import { requestOf } from '../notify/request';
import { type Deps, reconcile } from '../reconcile';
import { baseReport, type Report } from '../report';
import { maskUrlsDeep } from '../telemetry/redact';
import { isQueueBatch, runBatch } from './batch';
import { classify } from './events';

/**
 * Classifies any invocation payload and runs (or skips) a reconcile; a batch from the event queue is one
 * run for all its events (src/triggers/batch.ts). Always returns a report, every URL in it masked (an
 * SDK error or a user agent quoting a webhook with its password shows only the host).
 */
export async function runEvent(deps: Deps, event: unknown, remainingMs?: () => number): Promise<Report> {
  const report = isQueueBatch(event)
    ? await runBatch(deps, event)
    : await classifyAndRun(deps, event, remainingMs);
  return maskUrlsDeep(report);
}

async function classifyAndRun(deps: Deps, event: unknown, remainingMs?: () => number): Promise<Report> {
  const classified = classify(event, deps.config.ownRole);
  if (!classified.run) {
    const trigger = classified.trigger ?? { kind: 'unknown' as const };
    return {
      ...baseReport(deps.config, trigger, deps.config.mode === 'detect'),
      status: classified.status,
      reason: classified.reason,
      durationMs: 0,
    };
  }
  const { trigger } = classified;
  if (trigger.kind === 'drill') return runDrill(deps, trigger, remainingMs ? { remainingMs } : {});
  const dryRun = deps.config.mode === 'detect' || (trigger.kind === 'manual' && trigger.dryRun);
  return reconcile(deps, trigger, dryRun, requestOf(event));
}

/**
 * True for runs whose failure should be retried: triggers Lambda invokes asynchronously (Lambda retries
 * them) and batches from the event queue (the queue redelivers them, then keeps them).
 */
export function isAsyncTrigger(report: Report): boolean {
  return (
    report.batch !== undefined || report.trigger.kind === 'cloudtrail' || report.trigger.kind === 'schedule'
  );
}
