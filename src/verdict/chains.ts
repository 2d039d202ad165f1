import type { PatternProfile } from '../catalog/specs';
import type { TopicView } from '../model';
import type { Gap, Link } from './links';
import { isLocalTopic } from './links';
import { delivering, type Publisher, topicProblems } from './topic-checks';
import type { Chain, ChainState, SatisfiedBy, Verdict } from './types';

/**
 * One topic as read: its confirmed subscribers (and, when read whole, the topic: its policy, key and each
 * subscriber's filter policy are then judged for each alarm that notifies it), the topic gone, or why it is unknown.
 */
export type TopicRead =
  | { readonly confirmed: number; readonly view?: TopicView }
  | { readonly missing: true }
  | { readonly unknown: string };

/** The enforcer's own names: a chain through all three is ours. */
export interface OwnNames {
  readonly filterName: string;
  readonly alarmName: string;
  readonly topicArn: string;
}

/** What the verdict is computed from: the links found and the topics read for them. */
export interface ChainFacts {
  readonly profile: PatternProfile;
  readonly ours: OwnNames;
  readonly home: { readonly region: string; readonly accountId: string };
  readonly filtersJudged: number;
  readonly problems: readonly string[];
  readonly links: readonly Link[];
  readonly topics: ReadonlyMap<string, TopicRead>;
  readonly notChecked: readonly string[];
}

/** Local topics (not ours) whose subscribers decide an otherwise sound link: one read each. */
export function topicsToRead(links: readonly Link[], ours: OwnNames, home: ChainFacts['home']): string[] {
  const arns = new Set<string>();
  for (const link of links) {
    const { topic } = link;
    if (topic && link.gaps.length === 0 && topic !== ours.topicArn && isLocalTopic(topic, home))
      arns.add(topic);
  }
  return [...arns];
}

/** The link's alarm as the topic's publisher (its ARN is the request's aws:SourceArn). */
function publisherOf(link: Link, facts: ChainFacts): Publisher | undefined {
  const { alarm } = link;
  if (!alarm) return undefined;
  const partition = link.topic?.split(':')[1] ?? 'aws';
  const { region, accountId } = facts.home;
  const alarmArn = alarm.arn ?? `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${alarm.name}`;
  return { alarm, alarmArn, accountId };
}

/** The topic read whole, judged for this link's alarm: policy, key, subscribers that receive it. */
function viewGaps(view: TopicView, who: Publisher | undefined): { gaps: Gap[]; heard: number } {
  if (!who) return { gaps: [], heard: view.subscriptions.filter((s) => s.confirmed).length };
  const gaps = topicProblems(view, who).map((p) => ({ text: p.text, certain: p.certain }));
  return { gaps, heard: delivering(view, who).length };
}

/** What the topic adds to a link; a topic left unread only matters when the rest of the link is sound. */
function topicGaps(
  link: Link,
  topic: string,
  read: TopicRead | undefined,
  facts: ChainFacts,
): { gaps: Gap[]; heard?: number } {
  if (!read) {
    if (link.gaps.length > 0) return { gaps: [] };
    const text = isLocalTopic(topic, facts.home)
      ? 'topic subscribers were not read'
      : 'topic is in another account or region: subscribers not checked';
    return { gaps: [{ text, certain: false }] };
  }
  if ('missing' in read) return { gaps: [{ text: 'topic does not exist', certain: true }] };
  if ('unknown' in read) return { gaps: [{ text: read.unknown, certain: false }] };
  if (read.view) return viewGaps(read.view, publisherOf(link, facts));
  const none = { text: 'topic has no confirmed subscriber', certain: true };
  return { gaps: read.confirmed > 0 ? [] : [none], heard: read.confirmed };
}

function stateOf(gaps: readonly Gap[]): ChainState {
  if (gaps.length === 0) return 'holds';
  return gaps.some((gap) => gap.certain) ? 'broken' : 'unknown';
}

function toChain(link: Link, facts: ChainFacts): Chain {
  const { candidate, alarm, topic } = link;
  const read = topic ? facts.topics.get(topic) : undefined;
  const judged = topic ? topicGaps(link, topic, read, facts) : { gaps: [] };
  const gaps = [...link.gaps, ...judged.gaps];
  const { ours } = facts;
  return {
    filter: candidate.filter.name,
    metric: candidate.metric,
    ...(alarm ? { alarm: alarm.name } : {}),
    ...(topic ? { topic } : {}),
    ...(judged.heard !== undefined ? { confirmedSubscribers: judged.heard } : {}),
    ours:
      candidate.filter.name === ours.filterName && alarm?.name === ours.alarmName && topic === ours.topicArn,
    state: stateOf(gaps),
    gaps: gaps.map((g) => g.text),
  };
}

/** Pure: the account-wide verdict from the links on the log group and the topics read. */
export function evaluateChains(facts: ChainFacts): Verdict {
  const chains = facts.links
    .map((link) => toChain(link, facts))
    .sort((a, b) => Number(b.ours) - Number(a.ours) || a.filter.localeCompare(b.filter));
  return {
    profile: facts.profile.id,
    satisfied: facts.problems.length === 0 && chains.some((chain) => chain.state === 'holds'),
    problems: facts.problems,
    filtersJudged: facts.filtersJudged,
    chains,
    notChecked: facts.notChecked,
  };
}

/** The chains that hold, in the report's short form; none when the control does not hold. */
export function satisfiedBy(verdict: Verdict): SatisfiedBy[] {
  if (!verdict.satisfied) return [];
  return verdict.chains.flatMap((c) =>
    c.state === 'holds' && c.alarm && c.topic && c.confirmedSubscribers !== undefined
      ? [
          {
            filter: c.filter,
            metric: c.metric,
            alarm: c.alarm,
            topic: c.topic,
            confirmedSubscribers: c.confirmedSubscribers,
            ours: c.ours,
          },
        ]
      : [],
  );
}
