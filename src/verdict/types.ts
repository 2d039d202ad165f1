import type { ProfileId } from '../catalog/specs';

/** A CloudWatch metric by namespace and name (the filter metrics carry no dimensions). */
export interface MetricRef {
  readonly namespace: string;
  readonly name: string;
}

/** `holds`: every link checked and sound; `broken`: a link is missing or silenced; `unknown`: a link could not be checked. */
export type ChainState = 'holds' | 'broken' | 'unknown';

/** One filter → metric → alarm → SNS topic chain on the trail's log group, as the CIS audit walks it. */
export interface Chain {
  readonly filter: string;
  readonly metric: MetricRef;
  readonly alarm?: string;
  readonly topic?: string;
  /** Confirmed subscriptions of the topic; absent when they were not (or could not be) counted. */
  readonly confirmedSubscribers?: number;
  /** The enforcer's own filter, alarm and topic. */
  readonly ours: boolean;
  readonly state: ChainState;
  /** Why the chain does not hold (or may not): empty when it holds. */
  readonly gaps: readonly string[];
}

/** A chain that holds, as the report's `controlSatisfiedBy` lists it. */
export interface SatisfiedBy {
  readonly filter: string;
  readonly metric: MetricRef;
  readonly alarm: string;
  readonly topic: string;
  readonly confirmedSubscribers: number;
  readonly ours: boolean;
}

/** The optional second opinion of `logs:TestMetricFilter` on our filter's pattern. */
export interface CrossCheck {
  readonly pattern: string;
  /** Sample records sent; absent when the call failed. */
  readonly samples?: number;
  readonly agrees?: boolean;
  /** Sample records on which AWS and the local evaluator differ. */
  readonly disagreements?: readonly string[];
  readonly error?: string;
}

/** Account-wide verdict: does any chain on the trail's log group satisfy the control, ours or not. */
export interface Verdict {
  readonly profile: ProfileId;
  /** True when at least one chain holds and nothing upstream of the chains (the trail) stops it. */
  readonly satisfied: boolean;
  /** What keeps the control from holding whatever the chains: the trail is not logging. */
  readonly problems: readonly string[];
  /** Metric filters on the log group that were judged against the profile. */
  readonly filtersJudged: number;
  /** Every chain that starts at a filter satisfying the profile; ours first. */
  readonly chains: readonly Chain[];
  /** Reads that failed, so the verdict may miss a chain (`action on resource: code`). */
  readonly notChecked: readonly string[];
  readonly crossCheck?: CrossCheck;
}
