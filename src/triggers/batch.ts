import { grants } from '../aws/grants';
import type { Config } from '../config';
import { type CloudTrailRequest, requestOf, textField } from '../notify/request';
import { touchOf } from '../notify/touched';
import { desiredState } from '../plan/desired';
import { type Deps, reconcile } from '../reconcile';
import { type BatchEntry, baseReport, type Report } from '../report';
import { classify, type Trigger } from './events';

/**
 * What Lambda's SQS event source mapping calls with the function's role to poll the event queue:
 * receive a batch, read the queue's attributes, and delete the batch's messages once its run returned
 * (Lambda Developer Guide, "Using Lambda with Amazon SQS", execution role permissions). DeleteMessage
 * removes only messages of that queue; the enforcer's code calls none of these.
 */
export const BATCH_GRANTS = grants(
  'eventQueue',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
);

/** One message of a batch as Lambda's SQS event source mapping hands it over. */
interface QueueRecord {
  readonly eventSource: 'aws:sqs';
  readonly messageId?: unknown;
  readonly body?: unknown;
}

/** A batch of messages from an SQS queue (the event queue): at most 10 for a FIFO queue, in order. */
export interface QueueBatch {
  readonly Records: readonly QueueRecord[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for an SQS event source mapping's batch: a non-empty `Records` list, every record from `aws:sqs`. */
export function isQueueBatch(event: unknown): event is QueueBatch {
  if (!isObject(event) || !Array.isArray(event.Records) || event.Records.length === 0) return false;
  return event.Records.every((r) => isObject(r) && r.eventSource === 'aws:sqs');
}

/** One queued event: its report entry, and for an event to act on its trigger and CloudTrail request. */
interface Queued {
  readonly entry: BatchEntry;
  readonly own: boolean;
  readonly run?: { readonly trigger: Trigger; readonly request?: CloudTrailRequest };
}

const skipped = (reason: string, trigger: BatchEntry['trigger'] = { kind: 'unknown' }): Queued => ({
  entry: { trigger, skipped: reason },
  own: false,
});

/**
 * Reads one message. The queue carries the rule's EventBridge events only; a body that is no EventBridge
 * event (a manual or deploy-shaped payload sent to the queue by hand) is skipped, never run or answered.
 */
function queued(record: QueueRecord, config: Config): Queued {
  let body: unknown;
  try {
    body = typeof record.body === 'string' ? JSON.parse(record.body) : undefined;
  } catch {
    return skipped('the message body is not JSON');
  }
  if (!isObject(body) || body['detail-type'] === undefined) {
    return skipped("not an EventBridge event: the event queue carries only the rule's events");
  }
  const classified = classify(body, config.ownRole);
  if (!classified.run) {
    return {
      ...skipped(classified.reason, classified.trigger),
      own: classified.status === 'IGNORED_OWN_CHANGE',
    };
  }
  const { trigger } = classified;
  if (trigger.kind !== 'cloudtrail' && trigger.kind !== 'schedule') {
    return skipped(`a ${trigger.kind} trigger does not come through the event queue`, trigger);
  }
  const request = requestOf(body);
  return { entry: { trigger }, own: false, run: { trigger, ...(request ? { request } : {}) } };
}

/**
 * True when the call wrote a resource the configuration names for this account: a selected control's
 * filter (by its name, on LOG_GROUP_NAME when that is set) or alarm, the topic or its subscriptions.
 * Before discovery the trail and the trail's log group are unknown, so calls on them are `mayNameOurs`.
 */
function namesOurs(config: Config, request: CloudTrailRequest, account: string): boolean {
  const trail = { arn: '', name: '' };
  const named = textField(request.parameters, 'filterName')
    ? textField(request.parameters, 'logGroupName')
    : '';
  const logGroupName = config.logGroupName ?? named ?? '';
  return config.controls.some((selected) => {
    const desired = desiredState(config, account, { logGroupName }, selected);
    return touchOf(request, { desired, trail }) !== undefined;
  });
}

/** Calls on log groups and trails: ours or not, only discovery can tell. */
const mayNameOurs = (request: CloudTrailRequest): boolean =>
  request.eventSource === 'logs.amazonaws.com' || request.eventSource === 'cloudtrail.amazonaws.com';

/** How much a queued event's call can tell as news: a write to our resources first. */
function newsValue(config: Config, run: NonNullable<Queued['run']>): number {
  const { trigger, request } = run;
  if (trigger.kind !== 'cloudtrail') return 0;
  if (!request) return 1;
  if (namesOurs(config, request, trigger.account)) return 3;
  return mayNameOurs(request) ? 2 : 1;
}

/**
 * The queued event the run is told as: the first whose call wrote what the enforcer keeps, else the
 * first on a log group or trail, else the first CloudTrail call, else the first schedule event.
 */
function primary(config: Config, runs: readonly NonNullable<Queued['run']>[]) {
  const values = runs.map((run) => newsValue(config, run));
  return runs[values.indexOf(Math.max(...values))] as NonNullable<Queued['run']>;
}

/** Why nothing in the batch was acted on: each distinct reason once. */
function skipReason(items: readonly Queued[]): string {
  const reasons = [...new Set(items.map((i) => i.entry.skipped ?? ''))];
  const shown = reasons.slice(0, 3).join('; ');
  const more = reasons.length > 3 ? `; and ${reasons.length - 3} other reasons` : '';
  const count = items.length === 1 ? 'the queued event' : `all ${items.length} queued events`;
  return `${count} skipped: ${shown}${more}`;
}

/**
 * One run for a whole batch of queued events: each message is classified (own-role and ignored events
 * skipped); if any is to act on, one level-based reconcile covers them all, told as the event that
 * matters most for news (`primary`). The report names every event of the batch in `batch`. A failed run
 * (ERROR) fails the whole batch: the handler throws, so the queue retries it and then keeps it.
 */
export async function runBatch(deps: Deps, batch: QueueBatch): Promise<Report> {
  const { config } = deps;
  const items = batch.Records.map((record) => queued(record, config));
  const entries = items.map((i) => i.entry);
  const runs = items.flatMap((i) => (i.run ? [i.run] : []));
  const dryRun = config.mode === 'detect';
  if (runs.length === 0) {
    const trigger = entries[0]?.trigger ?? { kind: 'unknown' as const };
    return {
      ...baseReport(config, trigger, dryRun),
      status: items.every((i) => i.own) ? 'IGNORED_OWN_CHANGE' : 'IGNORED',
      reason: skipReason(items),
      batch: entries,
      durationMs: 0,
    };
  }
  const { trigger, request } = primary(config, runs);
  const report = await reconcile(deps, trigger, dryRun, request);
  return { ...report, batch: entries };
}
