import type { PatternProfile } from '../catalog/specs';
import type { AlarmView, FilterView } from '../model';
import { judgePattern } from '../pattern';
import { alarmGaps, hasAnyDimensions, settingGaps } from './settings';
import type { MetricRef } from './types';

/** Why a link fails: `certain` gaps break the chain, the others leave it unknown. */
export interface Gap {
  readonly text: string;
  readonly certain: boolean;
}

/** A filter on the log group whose pattern satisfies the profile by meaning. */
export interface Candidate {
  readonly filter: FilterView;
  readonly metric: MetricRef;
  /** False when the filter's metric cannot be looked up without dimensions. */
  readonly lookup: boolean;
  readonly gaps: readonly Gap[];
}

/** Alarms on one metric as read, or why the read failed. */
export type AlarmsRead = { readonly alarms: readonly AlarmView[] } | { readonly error: string };

/** A filter → alarm → topic path before its topic is judged. */
export interface Link {
  readonly candidate: Candidate;
  readonly alarm?: AlarmView;
  readonly topic?: string;
  readonly gaps: readonly Gap[];
}

const SNS_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):[^:]+$/;

/** Map key of a metric (namespaces may contain `/`). */
export const metricKey = (metric: MetricRef): string => JSON.stringify([metric.namespace, metric.name]);

/** `namespace/name`, for sentences. */
export const metricLabel = (metric: MetricRef): string => `${metric.namespace}/${metric.name}`;

/** True for an SNS topic in the given account and region. */
export function isLocalTopic(arn: string, home: { region: string; accountId: string }): boolean {
  const match = SNS_ARN.exec(arn);
  return match?.[1] === home.region && match[2] === home.accountId;
}

function toCandidate(profile: PatternProfile, filter: FilterView): Candidate | undefined {
  const [first] = filter.transformations;
  if (!first) return undefined;
  const gaps: Gap[] = [];
  if (profile.exactText && filter.pattern !== profile.canonical) {
    const text = `pattern is equivalent, but profile ${profile.id} requires its documented text ${profile.canonical}`;
    gaps.push({ text, certain: true });
  }
  gaps.push(...settingGaps(filter, first));
  const lookup = !hasAnyDimensions(filter, first);
  if (first.hasDimensions)
    gaps.push({ text: 'filter metric has dimensions: alarms on it were not looked up', certain: false });
  if (filter.emitSystemFieldDimensions?.length) {
    const text = `filter metric has system field dimensions (${filter.emitSystemFieldDimensions.join(', ')}): alarms on it were not looked up`;
    gaps.push({ text, certain: false });
  }
  return { filter, metric: { namespace: first.metricNamespace, name: first.metricName }, lookup, gaps };
}

/** Filters satisfying the profile by meaning, one per name (the last listed is the one in force). */
export function candidateFilters(profile: PatternProfile, filters: readonly FilterView[]): Candidate[] {
  const byName = new Map<string, FilterView>();
  for (const filter of filters) byName.set(filter.name, filter);
  return [...byName.values()]
    .filter((filter) => judgePattern(filter.pattern, profile).satisfied)
    .flatMap((filter) => toCandidate(profile, filter) ?? []);
}

/** The distinct metrics whose alarms must be read: one DescribeAlarmsForMetric each. */
export function metricsToRead(candidates: readonly Candidate[]): MetricRef[] {
  const metrics = new Map<string, MetricRef>();
  for (const c of candidates) if (c.lookup) metrics.set(metricKey(c.metric), c.metric);
  return [...metrics.values()];
}

function alarmLinks(candidate: Candidate, alarm: AlarmView): Link[] {
  const gaps: Gap[] = [...candidate.gaps, ...alarmGaps(alarm, candidate.filter.transformations[0])];
  if (!alarm.actionsEnabled) gaps.push({ text: 'alarm actions are disabled', certain: true });
  if (alarm.hasDimensions) {
    gaps.push({ text: 'alarm watches dimensions the filter metric does not have', certain: true });
  }
  const unit = candidate.filter.transformations[0]?.unit ?? 'None';
  if (alarm.unit && alarm.unit !== unit) {
    gaps.push({
      text: `alarm unit is ${alarm.unit}, the filter metric's is ${unit}: it sees no data`,
      certain: true,
    });
  }
  const topics = alarm.alarmActions.filter((action) => SNS_ARN.test(action));
  if (topics.length === 0) {
    return [{ candidate, alarm, gaps: [...gaps, { text: 'alarm has no SNS action', certain: true }] }];
  }
  return topics.map((topic) => ({ candidate, alarm, topic, gaps }));
}

/** Every filter → alarm → SNS-action path, with the gaps known before topics are read. */
export function linksOf(candidates: readonly Candidate[], alarms: ReadonlyMap<string, AlarmsRead>): Link[] {
  return candidates.flatMap((candidate): Link[] => {
    if (!candidate.lookup) return [{ candidate, gaps: candidate.gaps }];
    const read = alarms.get(metricKey(candidate.metric));
    const label = metricLabel(candidate.metric);
    if (!read || 'error' in read) {
      const text = `alarms on ${label} could not be read${read ? `: ${read.error}` : ''}`;
      return [{ candidate, gaps: [...candidate.gaps, { text, certain: false }] }];
    }
    if (read.alarms.length === 0) {
      return [{ candidate, gaps: [...candidate.gaps, { text: `no alarm on ${label}`, certain: true }] }];
    }
    return read.alarms.flatMap((alarm) => alarmLinks(candidate, alarm));
  });
}
