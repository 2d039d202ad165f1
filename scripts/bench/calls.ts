import { performance } from 'node:perf_hooks';
import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import type { Clients } from '../../src/aws/clients';

/** One API call as the SDK client saw it (one per `send`, so one per page of a paginator). */
export interface CallRecord {
  readonly operation: string;
  readonly start: number;
  readonly end: number;
  readonly ok: boolean;
}

/** Collects the calls of every instrumented client; `take` hands over and forgets what was recorded. */
export interface Recorder {
  take(): CallRecord[];
}

type Stack = MiddlewareStack<object, object>;

/** Adds a call-recording middleware to every client of `clients` (mutates their middleware stacks). */
export function recordCalls(clients: Clients): Recorder {
  let calls: CallRecord[] = [];
  const record: InitializeMiddleware<object, object> = (next, context) => async (args) => {
    const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const start = performance.now();
    try {
      const out = await next(args);
      calls.push({ operation, start, end: performance.now(), ok: true });
      return out;
    } catch (error) {
      calls.push({ operation, start, end: performance.now(), ok: false });
      throw error;
    }
  };
  for (const client of Object.values(clients) as { middlewareStack: Stack }[]) {
    client.middlewareStack.add(record, { step: 'initialize', name: 'benchCallRecorder', override: true });
  }
  return {
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
}

const WRITE =
  /^(Put|Create|Set|Subscribe|Unsubscribe|Start|Stop|Publish|Enable|Disable|Tag|Untag|Update|Delete|Add|Remove)/;

/** True for an operation that changes state in the account. */
export function isWrite(operation: string): boolean {
  return WRITE.test(operation);
}

/**
 * Sequential rounds: a call is in round k+1 when it started after some round-k call ended (and in
 * round 1 when it started before any call ended). The count is the longest chain of calls that each
 * had to wait for another's answer.
 */
export function rounds(calls: readonly CallRecord[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const round: number[] = [];
  sorted.forEach((call, i) => {
    let k = 1;
    for (let j = 0; j < i; j++) {
      const before = sorted[j];
      if (before && before.end <= call.start) k = Math.max(k, (round[j] ?? 0) + 1);
    }
    round.push(k);
  });
  return Math.max(0, ...round);
}

/** Number of calls per operation, most frequent first, then by name. */
export function byOperation(calls: readonly CallRecord[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
