import type { StepError } from './aws/errors';
import type { AlarmSpec, PatternProfile } from './catalog/specs';
import type { Subscription } from './config';

/** The trail whose CloudWatch Logs group the control lives on, as discovery found it. */
export interface TrailView {
  readonly name: string;
  readonly arn: string;
  readonly homeRegion: string;
  readonly logGroupName: string;
  readonly logGroupArn: string;
  readonly isLogging: boolean;
  /** Why the enforcer cannot tell that this trail records the control's calls (a blocking finding). */
  readonly selectorDoubt?: string;
  /** Controls (by id) whose events the trail's selectors leave out, and the reason (blocking for each). */
  readonly unrecorded?: Readonly<Record<string, string>>;
  /** A CloudWatch Logs delivery error GetTrailStatus reports (src/discover/delivery.ts); blocking when current. */
  readonly delivery?: { readonly message: string; readonly blocking: boolean };
}

export interface MetricTransformationView {
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly metricValue: string;
  readonly defaultValue?: number;
  readonly hasDimensions: boolean;
  /** The dimensions by name (field references as values); absent when there are none. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** The unit, when one is set (`None` is what AWS assumes when it is not). */
  readonly unit?: string;
}

export interface FilterView {
  readonly name: string;
  readonly pattern: string;
  readonly transformations: readonly MetricTransformationView[];
  /** The log group the filter is on, as DescribeMetricFilters lists it. */
  readonly logGroupName?: string;
  /** True: the pattern runs on the records the log group's transformer rewrote, not on CloudTrail's. */
  readonly applyOnTransformedLogs?: boolean;
  /** A system-field expression narrowing which log events the filter sees; absent when none is set. */
  readonly fieldSelectionCriteria?: string;
  /** System fields emitted as extra metric dimensions; absent when none are. */
  readonly emitSystemFieldDimensions?: readonly string[];
}

export interface AlarmView {
  readonly name: string;
  readonly arn?: string;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly hasDimensions: boolean;
  readonly usesMetricMath: boolean;
  readonly statistic?: string;
  readonly extendedStatistic?: string;
  readonly period?: number;
  readonly threshold?: number;
  readonly comparisonOperator?: string;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: string;
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
  readonly description?: string;
  readonly unit?: string;
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: unknown;
  readonly [key: string]: unknown;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}

export interface SubscriptionView extends Subscription {
  /** `PendingConfirmation` (or similar) until the endpoint's owner confirms. */
  readonly arn: string;
  readonly confirmed: boolean;
  /** The FilterPolicy (JSON text) of a confirmed subscription, when it has one. */
  readonly filterPolicy?: string;
  /** FilterPolicyScope: `MessageAttributes` (SNS's default) or `MessageBody`. */
  readonly filterPolicyScope?: string;
  /** Why the subscription's attributes could not be read (then whether it delivers is unknown). */
  readonly attributesError?: string;
}

/** The topic's customer managed KMS key, as read (or why it was not). */
export interface KeyView {
  /** KmsMasterKeyId as the topic names it: alias name, alias ARN, key id or key ARN. */
  readonly id: string;
  readonly arn?: string;
  /** The key is in another account than the topic's: not read, its owner decides. */
  readonly foreignAccount?: string;
  /** KeyState (Enabled, Disabled, PendingDeletion, …) and KeyManager (AWS, CUSTOMER). */
  readonly state?: string;
  readonly manager?: string;
  readonly policy?: PolicyDocument;
  /** Why the key or its policy could not be read. */
  readonly error?: string;
}

export interface TopicView {
  readonly arn: string;
  readonly policy?: PolicyDocument;
  readonly kmsMasterKeyId?: string;
  /** The customer managed key behind kmsMasterKeyId, when the topic has one (not alias/aws/sns). */
  readonly key?: KeyView;
  /** Reads of the key and the subscriptions' attributes that failed: the run reports them as errors. */
  readonly readErrors?: readonly StepError[];
  /** MaximumMessageSize, when the topic sets one (SNS's default is 262,144 bytes). */
  readonly maxMessageBytes?: number;
  readonly subscriptions: readonly SubscriptionView[];
}

export type ObservedKind = 'filter' | 'alarm' | 'topic';

/** Everything observed about the control's resources; `undefined` means it does not exist. */
export interface ActualState {
  readonly trail: TrailView;
  readonly logGroupExists: boolean;
  readonly filter?: FilterView;
  readonly alarm?: AlarmView;
  readonly topic?: TopicView;
  /**
   * Every metric filter of the region (any log group) writing to our metric, ours included;
   * undefined when it was not read (the failed read is reported as an error).
   */
  readonly feeders?: readonly FilterView[];
  /** Kinds that could not be read: the plan leaves them alone rather than guess. */
  readonly unobserved: readonly ObservedKind[];
}

/** Desired state: plain data derived from the control entry and the configuration. */
export interface DesiredState {
  readonly region: string;
  readonly accountId: string;
  readonly logGroupName: string;
  readonly healTrailLogging: boolean;
  readonly filter: {
    readonly name: string;
    readonly profile: PatternProfile;
    readonly metricNamespace: string;
    readonly metricName: string;
    readonly metricValue: string;
  };
  readonly alarm: AlarmSpec & { readonly name: string; readonly description: string };
  readonly topic: {
    readonly arn: string;
    /** Set when the enforcer may create the topic by name; absent for a configured TOPIC_ARN. */
    readonly createName?: string;
    readonly subscriptions: readonly Subscription[];
  };
}
