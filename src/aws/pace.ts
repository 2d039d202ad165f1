import {
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Clients } from './clients';

/** The paced APIs by operation name, and the SDK command class that sends each (class names do not survive minifying). */
const COMMANDS = {
  PutMetricFilter: PutMetricFilterCommand,
  DescribeMetricFilters: DescribeMetricFiltersCommand,
  PutMetricAlarm: PutMetricAlarmCommand,
  DescribeAlarms: DescribeAlarmsCommand,
  DescribeAlarmsForMetric: DescribeAlarmsForMetricCommand,
  DescribeAlarmHistory: DescribeAlarmHistoryCommand,
  SetAlarmState: SetAlarmStateCommand,
  Subscribe: SubscribeCommand,
  SetTopicAttributes: SetTopicAttributesCommand,
  CreateTopic: CreateTopicCommand,
  GetTopicAttributes: GetTopicAttributesCommand,
  ListSubscriptionsByTopic: ListSubscriptionsByTopicCommand,
  Publish: PublishCommand,
  GetTrailStatus: GetTrailStatusCommand,
  DescribeTrails: DescribeTrailsCommand,
  StartLogging: StartLoggingCommand,
  GetCallerIdentity: GetCallerIdentityCommand,
} as const;

export type PacedApi = keyof typeof COMMANDS;

/** How hard one API may be driven: requests in flight at once, and requests started in any 1-second window. */
export interface Bound {
  readonly concurrency: number;
  readonly perSecond: number;
}

export type Bounds = Readonly<Partial<Record<PacedApi, Bound>>>;

const bound = (concurrency: number, perSecond: number): Bound => ({ concurrency, perSecond });

/** At or below AWS's per-account, per-Region request-rate quotas; figures and sources in docs/quotas.md. */
export const API_BOUNDS: Readonly<Record<PacedApi, Bound>> = {
  PutMetricFilter: bound(4, 4),
  DescribeMetricFilters: bound(4, 4),
  PutMetricAlarm: bound(2, 2),
  DescribeAlarms: bound(8, 8),
  DescribeAlarmsForMetric: bound(8, 8),
  DescribeAlarmHistory: bound(2, 2),
  SetAlarmState: bound(2, 2),
  Subscribe: bound(2, 2),
  SetTopicAttributes: bound(1, 1),
  CreateTopic: bound(1, 1),
  GetTopicAttributes: bound(5, 5),
  ListSubscriptionsByTopic: bound(5, 5),
  Publish: bound(1, 1),
  GetTrailStatus: bound(8, 8),
  DescribeTrails: bound(8, 8),
  StartLogging: bound(1, 1),
  GetCallerIdentity: bound(1, 5),
};

/** Time as the pacing sees it: a monotonic clock in milliseconds and a timer. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const WINDOW_MS = 1_000;

type Admit = <T>(task: () => Promise<T>) => Promise<T>;

/** One API's admission: first come first served, within the bound; waits on a timer, never spins. */
function gate({ concurrency, perSecond }: Bound, clock: Clock): Admit {
  const queue: (() => void)[] = [];
  const starts: number[] = [];
  let inFlight = 0;
  let sleeping = false;
  const pump = (): void => {
    const now = clock.now();
    while (starts[0] !== undefined && starts[0] <= now - WINDOW_MS) starts.shift();
    while (queue.length > 0 && inFlight < concurrency && starts.length < perSecond) {
      starts.push(now);
      inFlight += 1;
      queue.shift()?.();
    }
    const oldest = starts[0];
    if (queue.length === 0 || inFlight >= concurrency || sleeping || oldest === undefined) return;
    sleeping = true;
    void clock.sleep(Math.max(1, Math.ceil(oldest + WINDOW_MS - now))).then(() => {
      sleeping = false;
      pump();
    });
  };
  const release = (): void => {
    inFlight -= 1;
    pump();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(
        () => void new Promise<T>((started) => started(task())).then(resolve, reject).finally(release),
      );
      pump();
    });
}

type Command = { readonly constructor: unknown };

/** One client whose `send` (promise form) of a bounded command waits for its API's gate; others go straight through. */
function pacing<C extends object>(client: C, gates: ReadonlyMap<unknown, Admit>): C {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'send' || typeof value !== 'function') return value;
      return (command: Command, ...rest: unknown[]) => {
        const send = () => value.call(target, command, ...rest) as Promise<unknown>;
        const admit = gates.get(command.constructor);
        return admit ? admit(send) : send();
      };
    },
  });
}

/** The command class of one bounded API; a bound must be whole numbers of at least 1, or nothing would pass. */
function commandOf(api: string, b: Bound): unknown {
  const valid = (n: number) => Number.isInteger(n) && n >= 1;
  if (!Object.hasOwn(COMMANDS, api)) throw new Error(`pace: no paced API named ${api}`);
  if (!valid(b.concurrency) || !valid(b.perSecond)) throw new Error(`pace: invalid bound for ${api}`);
  return COMMANDS[api as PacedApi];
}

/**
 * Clients of the same shape whose commands listed in `bounds` are paced per API (shared by all five clients);
 * every other command is sent unchanged. The gates live in the returned clients only: keep them for as long
 * as the pacing should carry over (a cold start), build new ones to start afresh.
 */
export function paced(clients: Clients, bounds: Bounds = API_BOUNDS, clock: Clock = SYSTEM_CLOCK): Clients {
  const gates = new Map<unknown, Admit>();
  for (const [api, b] of Object.entries(bounds)) {
    if (b) gates.set(commandOf(api, b), gate(b, clock));
  }
  return {
    cloudtrail: pacing(clients.cloudtrail, gates),
    cloudwatch: pacing(clients.cloudwatch, gates),
    logs: pacing(clients.logs, gates),
    kms: pacing(clients.kms, gates),
    sns: pacing(clients.sns, gates),
    sts: pacing(clients.sts, gates),
  };
}
