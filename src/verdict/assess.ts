import type { Clients } from '../aws/clients';
import { describe, toStepError } from '../aws/errors';
import type { DesiredState, FilterView, ObservedKind, TopicView, TrailView } from '../model';
import {
  failedRead,
  readAlarmsForMetrics,
  readFeedersForMetrics,
  readTopicSubscribers,
  testMetricFilter,
} from '../observe/chains';
import { evaluateChains, type OwnNames, satisfiedBy, type TopicRead, topicsToRead } from './chains';
import { compareMatches, crossCheckFinding, crossCheckSamples } from './cross-check';
import { type FeedersSeen, withFeederGaps } from './feeders';
import { type AlarmsRead, candidateFilters, linksOf, metricKey, metricsToRead } from './links';
import type { CrossCheck, MetricRef, SatisfiedBy, Verdict } from './types';

/** What an observation says about the log group: the trail, every filter on it, our filter and our topic. */
export interface Seen {
  readonly trail: Pick<TrailView, 'name' | 'isLogging' | 'delivery'>;
  readonly filters: readonly FilterView[];
  readonly filter?: FilterView;
  readonly topic?: TopicView;
  /** Every filter of the region writing to our metric, when the observation read them. */
  readonly feeders?: readonly FilterView[];
  /** Every filter of the region, when one page held them all: any metric's writers are known from it. */
  readonly regionFilters?: readonly FilterView[];
  readonly unobserved: readonly ObservedKind[];
}

/** The report's account-wide fields, and non-blocking findings for its `findings`. */
export interface Assessment {
  readonly verdict: Verdict;
  readonly controlSatisfiedBy: readonly SatisfiedBy[];
  readonly findings: readonly string[];
}

function ownTopic(seen: Seen): TopicRead {
  if (seen.unobserved.includes('topic')) return { unknown: 'topic could not be read' };
  if (!seen.topic) return { missing: true };
  const view = seen.topic;
  return { confirmed: view.subscriptions.filter((s) => s.confirmed).length, view };
}

const writesTo = (filter: FilterView, metric: MetricRef): boolean =>
  filter.transformations.some((t) => t.metricNamespace === metric.namespace && t.metricName === metric.name);

/**
 * The feeders already known: our metric's, when the observation read them, and every metric's when
 * the region's filters fit one page; the verdict does not read those again.
 */
function knownFeeders(
  desired: DesiredState,
  seen: Seen,
  metrics: readonly MetricRef[],
): Map<string, FeedersSeen> {
  const known = new Map<string, FeedersSeen>();
  const all = seen.regionFilters;
  if (all)
    for (const metric of metrics)
      known.set(metricKey(metric), { filters: all.filter((f) => writesTo(f, metric)) });
  const ours = { namespace: desired.filter.metricNamespace, name: desired.filter.metricName };
  if (seen.feeders) known.set(metricKey(ours), { filters: seen.feeders });
  return known;
}

/** The facts every verdict starts from, whatever could be read. */
function basis(desired: DesiredState, seen: Seen) {
  const ours: OwnNames = {
    filterName: desired.filter.name,
    alarmName: desired.alarm.name,
    topicArn: desired.topic.arn,
  };
  const { name, isLogging, delivery } = seen.trail;
  const problems = isLogging
    ? []
    : [`trail ${name} is not logging: no filter on its log group sees new events`];
  // A trail that does not deliver to its log group feeds no chain on it (src/discover/delivery.ts).
  if (delivery?.blocking) problems.push(delivery.message);
  return {
    profile: desired.filter.profile,
    ours,
    home: { region: desired.region, accountId: desired.accountId },
    problems,
  };
}

async function judgeChains(
  clients: Clients,
  desired: DesiredState,
  seen: Seen,
  known: ReadonlyMap<string, AlarmsRead>,
): Promise<Verdict> {
  const base = basis(desired, seen);
  if (seen.unobserved.includes('filter')) {
    const notChecked = [`logs:DescribeMetricFilters on ${desired.logGroupName}: not read`];
    return evaluateChains({ ...base, filtersJudged: 0, links: [], topics: new Map(), notChecked });
  }
  const candidates = candidateFilters(base.profile, seen.filters);
  const metrics = metricsToRead(candidates);
  const [alarms, feeders] = await Promise.all([
    readAlarmsForMetrics(clients, metrics, known),
    readFeedersForMetrics(clients, metrics, knownFeeders(desired, seen, metrics)),
  ]);
  const links = linksOf(withFeederGaps(candidates, feeders, desired.logGroupName), alarms);
  const topics = await readTopicSubscribers(
    clients,
    topicsToRead(links, base.ours, base.home),
    desired.accountId,
  );
  topics.set(base.ours.topicArn, ownTopic(seen));
  const notChecked = [...alarms.values()].flatMap((read) => ('error' in read ? [read.error] : []));
  for (const read of feeders.values()) if ('error' in read) notChecked.push(read.error);
  for (const read of topics.values()) if ('unknown' in read) notChecked.push(read.unknown);
  const filtersJudged = new Set(seen.filters.map((f) => f.name)).size;
  return evaluateChains({ ...base, filtersJudged, links, topics, notChecked });
}

async function crossCheck(clients: Clients, desired: DesiredState, pattern: string): Promise<CrossCheck> {
  const prepared = crossCheckSamples(desired.filter.profile, pattern);
  if ('error' in prepared) return { pattern, error: prepared.error };
  const { samples } = prepared;
  try {
    const matched = await testMetricFilter(
      clients,
      pattern,
      samples.map((s) => s.message),
    );
    return compareMatches(pattern, samples, matched);
  } catch (error) {
    return { pattern, error: failedRead(toStepError('cross-check', error)) };
  }
}

/**
 * Judges every chain on the log group (ours and others'), and, when `verify` is set, cross-checks our
 * filter's pattern with logs:TestMetricFilter. Alarms on a metric already in `known` (read alongside
 * the observation, by `metricKey`) are not read again. Never throws: failed reads leave chains `unknown`.
 */
export async function assessControl(
  clients: Clients,
  desired: DesiredState,
  seen: Seen,
  verify: boolean,
  known: ReadonlyMap<string, AlarmsRead> = new Map(),
): Promise<Assessment> {
  const pattern = seen.filter?.pattern;
  const [judged, checked] = await Promise.all([
    judgeChains(clients, desired, seen, known).catch(
      (error: unknown): Verdict => ({
        profile: desired.filter.profile.id,
        satisfied: false,
        problems: [],
        filtersJudged: 0,
        chains: [],
        notChecked: [`verdict: ${describe(error).message}`],
      }),
    ),
    verify && pattern !== undefined ? crossCheck(clients, desired, pattern) : undefined,
  ]);
  const verdict = checked ? { ...judged, crossCheck: checked } : judged;
  const finding = checked ? crossCheckFinding(checked) : undefined;
  return { verdict, controlSatisfiedBy: satisfiedBy(verdict), findings: finding ? [finding] : [] };
}
