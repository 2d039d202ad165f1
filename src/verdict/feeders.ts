import type { FilterView } from '../model';
import { feederValues, inForce } from '../plan/feeders';
import { type Candidate, type Gap, metricKey, metricLabel } from './links';

/** The filters writing to one metric (any log group of the region) as read, or why the read failed. */
export type FeedersSeen = { readonly filters: readonly FilterView[] } | { readonly error: string };

/** Every other filter writing to the candidate's metric breaks its chain: it adds to or takes from its count. */
function feederGaps(candidate: Candidate, read: FeedersSeen | undefined, logGroupName: string): Gap[] {
  const label = metricLabel(candidate.metric);
  if (!read || 'error' in read) {
    const text = `filters writing to ${label} could not be read${read ? `: ${read.error}` : ''}`;
    return [{ text, certain: false }];
  }
  const self = (f: FilterView) => f.logGroupName === logGroupName && f.name === candidate.filter.name;
  const { namespace, name } = candidate.metric;
  return inForce(read.filters)
    .filter((f) => !self(f))
    .map((f) => ({
      text: `${label} is also fed by filter ${f.name} on log group ${f.logGroupName ?? '(unknown)'} (${feederValues(f, namespace, name)})`,
      certain: true,
    }));
}

/** The candidates whose alarms are looked up, with a gap for each other filter feeding their metric. */
export function withFeederGaps(
  candidates: readonly Candidate[],
  feeders: ReadonlyMap<string, FeedersSeen>,
  logGroupName: string,
): Candidate[] {
  return candidates.map((c) =>
    c.lookup
      ? { ...c, gaps: [...c.gaps, ...feederGaps(c, feeders.get(metricKey(c.metric)), logGroupName)] }
      : c,
  );
}
