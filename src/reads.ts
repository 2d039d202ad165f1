import type { Clients } from './clients';
import type { Config } from './config';
import { desiredState } from './desired';
import { chooseTrail, type Discovery, findCandidates } from './discover';
import { AwsCallError } from './errors';
import type { DesiredState, TrailView } from './model';
import { type Observation, observe } from './observe';
import { readAlarmsForMetrics } from './observe-chains';
import { type FeedersRead, readFeeders } from './observe-filters';
import { shareReads } from './shared-reads';
import type { Holding, Holdings } from './trail-choice';
import { previousTrail } from './trail-news';
import type { AlarmsRead } from './verdict';

/** The reads one pass needs, all known from the desired state alone. */
export interface Reads {
  readonly observation: Observation;
  /** DescribeAlarmsForMetric of our filter's metric (the verdict's first read), keyed by `metricKey`. */
  readonly ourMetricAlarms: ReadonlyMap<string, AlarmsRead>;
  /** Every filter of the region writing to our metric (one DescribeMetricFilters by metric), or why not. */
  readonly ourMetricFeeders: FeedersRead;
}

/** Observes, and reads the alarms on and filters feeding our metric, concurrently; never rejects. */
export async function readState(clients: Clients, desired: DesiredState): Promise<Reads> {
  const metric = { namespace: desired.filter.metricNamespace, name: desired.filter.metricName };
  const [observation, ourMetricAlarms, ourMetricFeeders] = await Promise.all([
    observe(clients, desired),
    readAlarmsForMetrics(clients, [metric]),
    readFeeders(clients, metric),
  ]);
  return { observation, ourMetricAlarms, ourMetricFeeders };
}

/** Discovery's result and, when a trail qualifies, its desired state and the first reads of its log group. */
export interface Start {
  readonly discovery: Discovery;
  readonly found?: { readonly trail: TrailView; readonly desired: DesiredState; readonly reads: Reads };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** Whether each observed log group holds our filter by name, or the failure that keeps it unknown. */
async function holdingsOf(reads: ReadonlyMap<string, Promise<Reads>>): Promise<Holdings> {
  const entries = await Promise.all(
    [...reads].map(async ([group, pending]): Promise<[string, Holding]> => {
      const { observation } = await pending;
      const failed = observation.errors.find((e) => e.action === 'logs:DescribeMetricFilters');
      if (observation.unobserved.includes('filter') && failed) {
        return [group, { failure: new AwsCallError(failed, { cause: undefined }) }];
      }
      return [group, observation.filter !== undefined];
    }),
  );
  return new Map(entries);
}

/**
 * Discovery with the first reads overlapped: every log group a trail of this account delivers to here
 * is observed while the candidates' status and selectors are read (our alarm, topic and metric once for
 * all, `shareReads`). Which groups hold our filter decides the trail (`pickTrail`); the chosen group's
 * reads are the first observation, the others are discarded. Every read it starts is awaited before it
 * returns or throws (a discovery failure is rethrown once they settled).
 */
export async function discoverAndRead(clients: Clients, config: Config): Promise<Start> {
  const found = await findCandidates(clients, config);
  const shared = shareReads(clients);
  const groups = [...new Set(found.places.map((p) => p.logGroupName))];
  const reads = new Map(
    groups.map((group) => {
      const desired = desiredState(config, found.accountId, { logGroupName: group });
      return [group, readState(shared, desired)] as const;
    }),
  );
  const [chosen] = await Promise.all([
    settle(chooseTrail(clients, config, found, holdingsOf(reads), previousTrail(config))),
    ...reads.values(),
  ]);
  if (!chosen.ok) throw chosen.error;
  const discovery = chosen.value;
  const { trail } = discovery;
  const first = trail && reads.get(trail.logGroupName);
  if (!trail || !first) return { discovery };
  const desired = desiredState(config, discovery.accountId, trail);
  return { discovery, found: { trail, desired, reads: await first } };
}
