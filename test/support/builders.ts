/**
 * Scenario builders shared by the tests: a configuration, the desired state and an actual state equal to
 * it (pure tests), and a fake AWS account as plain SDK-shaped data (`compliant()`, `without('alarm')`)
 * that `mockAccount` serves through aws-sdk-client-mock, applying writes the way AWS does.
 */
import type { EventSelector, GetEventSelectorsCommandOutput, Trail } from '@aws-sdk/client-cloudtrail';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { Subscription as SnsSubscription } from '@aws-sdk/client-sns';
import { type Config, loadConfig } from '../../src/config';
import type { ActualState, DesiredState, PolicyDocument, TrailView } from '../../src/model';
import { desiredState } from '../../src/plan/desired';

export {
  type AccountMocks,
  answerBelowRetries,
  mockAccount,
  type SentCall,
  writesSent,
} from '../unit/support/mock-account';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const TRAIL_NAME = 'management-events';
export const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${TRAIL_NAME}`;
export const LOG_GROUP = `aws-cloudtrail-logs-${ACCOUNT}-management`;
export const LOG_GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${LOG_GROUP}:*`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:cis-monitoring-alarms`;
/** The configured subscriber of the default test configuration. */
export const SUBSCRIBER = { protocol: 'email', endpoint: 'sec@example.com' } as const;
/** The environment every test configuration starts from. */
export const BASE_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: REGION,
  SUBSCRIPTIONS: `${SUBSCRIBER.protocol}:${SUBSCRIBER.endpoint}`,
};

type Env = Readonly<Record<string, string>>;

/** A validated configuration: BASE_ENV plus `env`. */
export function configFor(env: Env = {}): Config {
  return loadConfig({ ...BASE_ENV, ...env });
}

/** The trail discovery finds in a compliant account. */
export function trailView(overrides: Partial<TrailView> = {}): TrailView {
  const base = { name: TRAIL_NAME, arn: TRAIL_ARN, homeRegion: REGION, logGroupName: LOG_GROUP };
  return { ...base, logGroupArn: LOG_GROUP_ARN, isLogging: true, ...overrides };
}

/** The desired state for BASE_ENV plus `env`, on the compliant trail. */
export function desiredFor(env: Env = {}): DesiredState {
  return desiredState(configFor(env), ACCOUNT, trailView());
}

/** A policy letting CloudWatch publish, written the way a person would (not the enforcer's statement). */
export function cloudWatchPolicy(topicArn: string): PolicyDocument {
  const Principal = { Service: 'cloudwatch.amazonaws.com' };
  const allow = {
    Sid: 'AlarmsPublish',
    Effect: 'Allow',
    Principal,
    Action: 'sns:Publish',
    Resource: topicArn,
  };
  return { Version: '2012-10-17', Statement: [allow] };
}

/** Someone else's confirmed subscriber, so a topic without configured subscriptions still notifies. */
export const OTHER_SUBSCRIBER = { protocol: 'email', endpoint: 'oncall@example.com' } as const;

/** The actual state equal to the desired one: every resource present, as the desired state says. */
export function actualFrom(d: DesiredState, trail: TrailView = trailView()): ActualState {
  const transformation = { ...d.filter, hasDimensions: false };
  const wanted = d.topic.subscriptions.length > 0 ? d.topic.subscriptions : [OTHER_SUBSCRIBER];
  const subscriptions = wanted.map((s, i) => ({ ...s, arn: `${d.topic.arn}:sub-${i}`, confirmed: true }));
  return {
    trail,
    logGroupExists: true,
    filter: { name: d.filter.name, pattern: d.filter.profile.canonical, transformations: [transformation] },
    alarm: {
      name: d.alarm.name,
      namespace: d.filter.metricNamespace,
      metricName: d.filter.metricName,
      hasDimensions: false,
      usesMetricMath: false,
      statistic: d.alarm.statistic,
      period: d.alarm.period,
      threshold: d.alarm.threshold,
      comparisonOperator: d.alarm.comparisonOperator,
      evaluationPeriods: d.alarm.evaluationPeriods,
      datapointsToAlarm: d.alarm.datapointsToAlarm,
      treatMissingData: d.alarm.treatMissingData,
      actionsEnabled: true,
      alarmActions: [d.topic.arn],
      okActions: [],
      insufficientDataActions: [],
      description: d.alarm.description,
    },
    topic: { arn: d.topic.arn, policy: cloudWatchPolicy(d.topic.arn), subscriptions },
    unobserved: [],
  };
}

/** A fake account as SDK-shaped data; `mockAccount` reads and writes it. */
import type { KeyMetadata } from '@aws-sdk/client-kms';

export interface AccountState {
  accountId: string;
  trails: Trail[];
  /** IsLogging by trail ARN. */
  logging: Record<string, boolean>;
  /** GetEventSelectors output by trail ARN (only asked for trails with HasCustomEventSelectors). */
  selectors: Record<string, Omit<GetEventSelectorsCommandOutput, '$metadata'>>;
  /** Existing log groups and their metric filters, in the order DescribeMetricFilters lists them. */
  logGroups: Record<string, MetricFilter[]>;
  alarms: MetricAlarm[];
  topics: Record<string, { attributes: Record<string, string>; subscriptions: SnsSubscription[] }>;
  /** KMS keys by key ARN (DescribeKey's KeyMetadata, the default key policy, alias names); absent: none. */
  keys?: Record<string, { metadata: KeyMetadata; policy: string; aliases?: readonly string[] }>;
  /** Subscription attributes by subscription ARN beyond what the listing says (FilterPolicy, …). */
  subscriptionAttributes?: Record<string, Record<string, string>>;
  /** The names the enforcer owns under the configuration the state was built for. */
  readonly ours: { filter: string; alarm: string; topic: string; logGroup: string; trail: string };
}

/** Classic selectors recording every management event (what a trail without custom selectors does). */
export const ALL_MANAGEMENT: EventSelector[] = [{ ReadWriteType: 'All', IncludeManagementEvents: true }];

/** A compliant account for BASE_ENV plus `env`: qualifying trail, filter, alarm, topic, confirmed subscribers. */
export function compliant(env: Env = {}): AccountState {
  const config = configFor(env);
  const topic =
    config.topic.kind === 'arn' ? config.topic.arn : `arn:aws:sns:${REGION}:${ACCOUNT}:${config.topic.name}`;
  const wanted = config.subscriptions.length > 0 ? config.subscriptions : [OTHER_SUBSCRIBER];
  const subscriptions = wanted.map((s, i) => ({
    Protocol: s.protocol,
    Endpoint: s.endpoint,
    TopicArn: topic,
    Owner: ACCOUNT,
    SubscriptionArn: `${topic}:0000000${i}-aaaa-4bbb-8ccc-dddddddddddd`,
  }));
  const ours = {
    filter: config.filterName,
    alarm: config.alarmName,
    topic,
    logGroup: LOG_GROUP,
    trail: TRAIL_ARN,
  };
  return {
    accountId: ACCOUNT,
    trails: [
      {
        Name: TRAIL_NAME,
        TrailARN: TRAIL_ARN,
        HomeRegion: REGION,
        IsMultiRegionTrail: true,
        IsOrganizationTrail: false,
        S3BucketName: `aws-cloudtrail-logs-${ACCOUNT}`,
        CloudWatchLogsLogGroupArn: LOG_GROUP_ARN,
        CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrailToCloudWatchLogs`,
        HasCustomEventSelectors: false,
      },
    ],
    logging: { [TRAIL_ARN]: true },
    selectors: {},
    logGroups: {
      [LOG_GROUP]: [
        {
          filterName: 'someone-elses-root-usage',
          filterPattern: '{ $.userIdentity.type = "Root" }',
          metricTransformations: [{ metricNamespace: 'Other', metricName: 'RootUsage', metricValue: '1' }],
          logGroupName: LOG_GROUP,
        },
        {
          filterName: config.filterName,
          filterPattern: config.control.profiles[config.patternProfile].canonical,
          metricTransformations: [
            { metricNamespace: config.metricNamespace, metricName: config.metricName, metricValue: '1' },
          ],
          logGroupName: LOG_GROUP,
        },
      ],
    },
    alarms: [
      {
        AlarmName: config.alarmName,
        AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${config.alarmName}`,
        AlarmDescription: 'Security group changes (CIS 4.10)',
        ActionsEnabled: true,
        OKActions: [],
        AlarmActions: [topic],
        InsufficientDataActions: [],
        StateValue: 'OK',
        MetricName: config.metricName,
        Namespace: config.metricNamespace,
        Statistic: 'Sum',
        Dimensions: [],
        Period: 300,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      },
    ],
    topics: {
      [topic]: {
        attributes: { TopicArn: topic, Owner: ACCOUNT, Policy: JSON.stringify(cloudWatchPolicy(topic)) },
        subscriptions,
      },
    },
    ours,
  };
}

/** What `without` can take away from an account. */
export type Part = 'trail' | 'logging' | 'log-group' | 'filter' | 'alarm' | 'topic' | 'subscriptions';

/** A copy of `state` (compliant by default) with one part removed. */
export function without(part: Part, state: AccountState = compliant()): AccountState {
  const s = structuredClone(state);
  const { ours } = s;
  const remove: Record<Part, () => void> = {
    trail: () => {
      s.trails = [];
    },
    logging: () => {
      s.logging[ours.trail] = false;
    },
    'log-group': () => {
      delete s.logGroups[ours.logGroup];
    },
    filter: () => {
      s.logGroups[ours.logGroup] = (s.logGroups[ours.logGroup] ?? []).filter(
        (f) => f.filterName !== ours.filter,
      );
    },
    alarm: () => {
      s.alarms = s.alarms.filter((a) => a.AlarmName !== ours.alarm);
    },
    topic: () => {
      delete s.topics[ours.topic];
    },
    subscriptions: () => {
      ourTopic(s).subscriptions = [];
    },
  };
  remove[part]();
  return s;
}

/** The enforcer's filter in `state` (throws when absent, so a row cannot silently test nothing). */
export function ourFilter(state: AccountState): MetricFilter {
  const found = state.logGroups[state.ours.logGroup]?.find((f) => f.filterName === state.ours.filter);
  if (!found) throw new Error('the scenario has no filter of ours');
  return found;
}

/** The enforcer's alarm in `state`. */
export function ourAlarm(state: AccountState): MetricAlarm {
  const found = state.alarms.find((a) => a.AlarmName === state.ours.alarm);
  if (!found) throw new Error('the scenario has no alarm of ours');
  return found;
}

/** The enforcer's topic in `state`. */
export function ourTopic(state: AccountState): AccountState['topics'][string] {
  const found = state.topics[state.ours.topic];
  if (!found) throw new Error('the scenario has no topic of ours');
  return found;
}

/** The first trail of `state`. */
export function ourTrail(state: AccountState): Trail {
  const found = state.trails[0];
  if (!found) throw new Error('the scenario has no trail');
  return found;
}
