/**
 * Metric filter writes as AWS does them. PutMetricFilter on a log group that does not exist fails
 * (ResourceNotFoundException); with an existing name it replaces that filter (moto 5.2.5 appends a
 * second one); a log group holds at most 100 filters (LimitExceededException); DeleteLogGroup deletes
 * the group's filters too (moto keeps them). The settings moto drops are remembered for the reads.
 */
import { jsonCall } from './correction';
import { emulatorFilters, type FilterSettings, logGroupExists, noSuchLogGroup } from './filter-store';
import {
  jsonError,
  readJson,
  regionOf,
  type Send,
  succeeded,
  type WireAnswer,
  type WireRequest,
} from './wire';

/** The CloudWatch Logs quota of metric filters per log group. */
export const MAX_FILTERS_PER_LOG_GROUP = 100;

/** Runs tasks one at a time, in arrival order (a put's read-delete-put must not interleave with another). */
function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The write half of the filter corrections, sharing `settings` with the reads. */
export function filterWrites(settings: FilterSettings) {
  const inTurn = serial();
  const handlers: Record<string, (r: WireRequest, emulator: Send, next: Send) => Promise<WireAnswer>> = {
    PutMetricFilter: (r, emulator, next) => inTurn(() => putFilter(settings, r, emulator, next)),
    DeleteMetricFilter: (r, _emulator, next) => inTurn(() => deleteFilter(settings, r, next)),
    DeleteLogGroup: (r, emulator, next) => inTurn(() => deleteGroup(settings, r, emulator, next)),
  };
  return {
    operations: Object.keys(handlers).map((op) => `logs:${op}`),
    handle: (r: WireRequest, next: Send, emulator: Send) => {
      const handler = handlers[r.operation];
      return handler ? handler(r, emulator, next) : next(r);
    },
  };
}

async function putFilter(settings: FilterSettings, r: WireRequest, emulator: Send, next: Send) {
  const input = readJson(r.body);
  const group = String(input.logGroupName ?? '');
  const name = String(input.filterName ?? '');
  if (!(await logGroupExists(r, emulator, group))) return noSuchLogGroup();
  const filters = await emulatorFilters(r, emulator, { logGroupName: group });
  const replaced = filters.some((f) => f.filterName === name);
  if (!replaced && filters.length >= MAX_FILTERS_PER_LOG_GROUP) {
    return jsonError(400, 'LimitExceededException', 'Resource limit exceeded.');
  }
  if (replaced) await emulator(jsonCall(r, 'DeleteMetricFilter', { logGroupName: group, filterName: name }));
  const out = await next(r);
  if (succeeded(out)) settings.put(regionOf(r), input);
  return out;
}

async function deleteFilter(settings: FilterSettings, r: WireRequest, next: Send) {
  const out = await next(r);
  const input = readJson(r.body);
  if (succeeded(out)) settings.forget(regionOf(r), String(input.logGroupName), String(input.filterName));
  return out;
}

async function deleteGroup(settings: FilterSettings, r: WireRequest, emulator: Send, next: Send) {
  const group = String(readJson(r.body).logGroupName ?? '');
  const filters = await emulatorFilters(r, emulator, { logGroupName: group });
  const out = await next(r);
  if (!succeeded(out)) return out;
  for (const f of filters) {
    await emulator(jsonCall(r, 'DeleteMetricFilter', { logGroupName: group, filterName: f.filterName }));
  }
  settings.forget(regionOf(r), group);
  return out;
}
