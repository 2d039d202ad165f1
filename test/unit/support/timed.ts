import type { CallRecord } from '../../../scripts/bench/calls';
import type { Clients } from '../../../src/aws/clients';

/** Clients whose calls are recorded on a logical clock, for `rounds` (scripts/bench/calls.ts). */
export interface Timed {
  readonly clients: Clients;
  /** Answered calls, each with its logical start and end. */
  readonly calls: readonly CallRecord[];
  /** Calls sent and not answered yet. */
  inFlight(): number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * Wraps each client's `send` (already mocked): a call starts when sent and ends one timer tick later,
 * each instant taken from a counter. Calls sent together overlap; a call sent after another's answer
 * starts after it ended, so `rounds(calls)` counts the run's sequential rounds as the bench does.
 */
export function timed(clients: Clients): Timed {
  let clock = 0;
  let pending = 0;
  const calls: CallRecord[] = [];
  const wrap = <C extends object>(client: C): C =>
    new Proxy(client, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (key !== 'send' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const operation = (args[0] as object).constructor.name.replace(/Command$/, '');
          const start = clock++;
          pending++;
          await macrotask();
          const record = (ok: boolean) => {
            pending--;
            calls.push({ operation, start, end: clock++, ok });
          };
          try {
            const out: unknown = await value.apply(target, args);
            record(true);
            return out;
          } catch (error) {
            record(false);
            throw error;
          }
        };
      },
    });
  const wrapped: Clients = {
    cloudtrail: wrap(clients.cloudtrail),
    cloudwatch: wrap(clients.cloudwatch),
    logs: wrap(clients.logs),
    kms: wrap(clients.kms),
    sns: wrap(clients.sns),
    sts: wrap(clients.sts),
  };
  return { clients: wrapped, calls, inFlight: () => pending };
}
