import type { Clients } from '../aws/clients';
import { AwsCallError } from '../aws/errors';
import type { Config, ControlConfig } from '../config';
import { chooseTrail, type Discovery, findCandidates } from '../discover';
import type { Holding, Holdings } from '../discover/choice';
import { previousTrail } from '../discover/news';
import type { AlarmView, DesiredState, FilterView, TrailView } from '../model';
import { desiredState } from '../plan/desired';
import type { AlarmsRead } from '../verdict';
import { candidateFilters, metricKey, metricsToRead } from '../verdict/links';
import { readAlarmsForMetrics } from './chains';
import { type FeedersRead, type RegionFilters, readFeeders, readRegionFilters } from './filters';
import { type Observation, observe } from './index';
import { shareReads } from './shared-reads';

/** The reads one pass needs for one control, all known from its desired state alone. */
export interface Reads {
  readonly observation: Observation;
  /**
   * The alarms the verdict starts from, keyed by `metricKey`: on our filter's metric, our own alarm when
   * it is on that metric (no further read: its chain is the one that must hold); on other satisfying
   * filters' metrics, read beside the observation when the region's filters were known. The verdict
   * reads any other metric's alarms itself.
   */
  readonly ourMetricAlarms: ReadonlyMap<string, AlarmsRead>;
  /** Every filter of the region writing to our metric, or why not. */
  readonly ourMetricFeeders: FeedersRead;
  /** Every filter of the region, when its first page held them all (the verdict takes others' writers from it). */
  readonly regionFilters?: readonly FilterView[];
}

const onMetric = (alarm: AlarmView | undefined, desired: DesiredState): alarm is AlarmView =>
  alarm !== undefined &&
  alarm.namespace === desired.filter.metricNamespace &&
  alarm.metricName === desired.filter.metricName &&
  !alarm.hasDimensions &&
  !alarm.usesMetricMath;

/**
 * The alarms on the metrics of other filters on the log group that satisfy the control, read beside the
 * observation when the region's first page held every filter (the verdict would read them after the
 * filter listing, one round later). Empty otherwise: the verdict reads them itself.
 */
async function othersAlarms(
  clients: Clients,
  desired: DesiredState,
  region: Promise<RegionFilters> | undefined,
): Promise<Map<string, AlarmsRead>> {
  const all = (await region)?.all;
  if (!all) return new Map();
  const onGroup = all.filter(
    (f) => f.logGroupName === desired.logGroupName && f.name !== desired.filter.name,
  );
  const metrics = metricsToRead(candidateFilters(desired.filter.profile, onGroup));
  return metrics.length ? readAlarmsForMetrics(clients, metrics) : new Map();
}

/** Observes one control and reads the filters feeding its metric, concurrently; never rejects. */
export async function readState(
  clients: Clients,
  desired: DesiredState,
  region?: Promise<RegionFilters>,
): Promise<Reads> {
  const metric = { namespace: desired.filter.metricNamespace, name: desired.filter.metricName };
  const [observation, ourMetricFeeders, page, others] = await Promise.all([
    observe(clients, desired),
    readFeeders(clients, metric, region),
    region,
    othersAlarms(clients, desired, region),
  ]);
  const { alarm } = observation;
  const ourMetricAlarms = new Map<string, AlarmsRead>(others);
  if (onMetric(alarm, desired)) ourMetricAlarms.set(metricKey(metric), { alarms: [alarm] });
  return {
    observation,
    ourMetricAlarms,
    ourMetricFeeders,
    ...(page?.all ? { regionFilters: page.all } : {}),
  };
}

/**
 * One pass of reads for every control, through clients that send each shared read once (the log
 * group's filters, the topic, the region's filters) and the controls' alarms in one DescribeAlarms.
 */
export function readStates(
  clients: Clients,
  desired: readonly DesiredState[],
  region?: Promise<RegionFilters>,
): Promise<Reads[]> {
  const shared = shareReads(clients);
  const page = region ?? readRegionFilters(shared);
  return Promise.all(desired.map((d) => readState(shared, d, page)));
}

/** One control's desired state and first reads, when a trail qualifies. */
export interface ControlStart {
  readonly selected: ControlConfig;
  readonly desired: DesiredState;
  readonly reads: Reads;
}

/** Discovery's result and, when a trail qualifies, each control's desired state and first reads. */
export interface Start {
  readonly discovery: Discovery;
  readonly found?: { readonly trail: TrailView; readonly controls: readonly ControlStart[] };
  /** When no trail qualifies: the region's first page of filters, already read (src/discover/applicable.ts). */
  readonly region?: RegionFilters;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** Whether each observed log group holds one of our filters by name, or the failure that keeps it unknown. */
async function holdingsOf(reads: ReadonlyMap<string, Promise<Reads[]>>): Promise<Holdings> {
  const entries = await Promise.all(
    [...reads].map(async ([group, pending]): Promise<[string, Holding]> => {
      const all = await pending;
      const [first] = all;
      const failed = first?.observation.errors.find((e) => e.action === 'logs:DescribeMetricFilters');
      if (first?.observation.unobserved.includes('filter') && failed) {
        return [group, { failure: new AwsCallError(failed, { cause: undefined }) }];
      }
      return [group, all.some((r) => r.observation.filter !== undefined)];
    }),
  );
  return new Map(entries);
}

/**
 * Discovery with the first reads overlapped: every log group a trail of this account delivers to here
 * is observed for every control while the candidates' status and selectors are read (the alarms, the
 * topic and the metrics once for all, `shareReads`); the region's first page of filters is read at the
 * very start, beside discovery. Which groups hold our filters decides the trail (`pickTrail`); the chosen
 * group's reads are the first observation, the others are discarded. Every read it starts is awaited
 * before it returns or throws (a discovery failure is rethrown once they settled).
 */
export async function discoverAndRead(clients: Clients, config: Config): Promise<Start> {
  const shared = shareReads(clients);
  const region = readRegionFilters(shared);
  const found = await settle(findCandidates(clients, config));
  if (!found.ok) {
    await region;
    throw found.error;
  }
  const { accountId, places } = found.value;
  const groups = [...new Set(places.map((p) => p.logGroupName))];
  const desiredFor = (logGroupName: string) =>
    config.controls.map((selected) => desiredState(config, accountId, { logGroupName }, selected));
  const reads = new Map(
    groups.map((group) => {
      const pending = Promise.all(desiredFor(group).map((d) => readState(shared, d, region)));
      return [group, pending] as const;
    }),
  );
  const [chosen, page] = await Promise.all([
    settle(chooseTrail(clients, config, found.value, holdingsOf(reads), previousTrail(config))),
    region,
    ...reads.values(),
  ]);
  if (!chosen.ok) throw chosen.error;
  const discovery = chosen.value;
  const { trail } = discovery;
  const first = trail && reads.get(trail.logGroupName);
  if (!trail || !first) return { discovery, region: page };
  const firstReads = await first;
  const desired = desiredFor(trail.logGroupName);
  const controls = config.controls.map((selected, i) => ({
    selected,
    desired: desired[i] as DesiredState,
    reads: firstReads[i] as Reads,
  }));
  return { discovery, found: { trail, controls } };
}
