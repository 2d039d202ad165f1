import type { Clients } from './clients';
import type { Config } from './config';
import { desiredState } from './desired';
import { chooseTrail, type Discovery, findCandidates } from './discover';
import type { DesiredState, TrailView } from './model';
import { type Observation, observe } from './observe';
import { readAlarmsForMetrics } from './observe-chains';
import { type FeedersRead, readFeeders } from './observe-filters';
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

/**
 * Discovery with the first reads overlapped: the first candidate trail's log group is read while the
 * candidates' status and selectors are. Those reads are kept only when the trail that qualifies delivers
 * to that log group; otherwise its observation is discarded and the right group observed. Every read it
 * starts is awaited before it returns or throws (a discovery failure is rethrown once they settled).
 */
export async function discoverAndRead(clients: Clients, config: Config): Promise<Start> {
  const found = await findCandidates(clients, config);
  const guess = found.candidates[0];
  const guessed = guess && desiredState(config, found.accountId, guess);
  const [chosen, early] = await Promise.all([
    settle(chooseTrail(clients, config, found)),
    guessed && readState(clients, guessed),
  ]);
  if (!chosen.ok) throw chosen.error;
  const discovery = chosen.value;
  const { trail } = discovery;
  if (!trail) return { discovery };
  const desired = desiredState(config, discovery.accountId, trail);
  if (early && guessed?.logGroupName === desired.logGroupName) {
    return { discovery, found: { trail, desired, reads: early } };
  }
  const reads = early
    ? { ...early, observation: await observe(clients, desired) } // our metric's alarms and feeders do not depend on the group
    : await readState(clients, desired);
  return { discovery, found: { trail, desired, reads } };
}
