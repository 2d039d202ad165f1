import { selectControls } from '../catalog';
import { type ControlSpec, controlSpec, PROFILE_IDS, type ProfileId } from '../catalog/specs';
import type { ExistingChains } from '../plan/adopt';
import { type OwnRole, readOwnRole, wildcardProblem } from './names';
import { readSubscriptions, type Subscription } from './subscriptions';

export type Mode = 'enforce' | 'detect';
export type { OwnRole } from './names';
export type { Subscription, SubscriptionProtocol } from './subscriptions';
export { SUBSCRIPTION_PROTOCOLS } from './subscriptions';

/** Either a topic the enforcer creates by name in this account, or an existing topic by ARN. */
export type TopicRef =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'arn'; readonly arn: string };

/** One selected control with the names the enforcer writes for it. */
export interface ControlConfig {
  readonly control: ControlSpec;
  readonly filterName: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly alarmName: string;
}

export interface Config extends ControlConfig {
  /**
   * Every selected control (CONTROLS), in catalog order; never empty. The fields Config shares with
   * ControlConfig are those of the first: a single-control deployment reads them as before.
   */
  readonly controls: readonly ControlConfig[];
  readonly region: string;
  readonly logGroupName?: string;
  readonly topic: TopicRef;
  readonly subscriptions: readonly Subscription[];
  readonly patternProfile: ProfileId;
  readonly mode: Mode;
  /** What to do when someone else's chain already holds a control (EXISTING_CHAINS; see src/plan/adopt.ts). */
  readonly existingChains: ExistingChains;
  readonly healTrailLogging: boolean;
  /** Cross-check our filter's pattern with logs:TestMetricFilter (opt-in: it costs a call; emulators lack it). */
  readonly verifyWithTestMetricFilter: boolean;
  /** The enforcer's own IAM role (ENFORCER_ROLE_ARN): CloudTrail events from its sessions are skipped. */
  readonly ownRole?: OwnRole;
  /** Level of the enforcer's own JSON logs (LOG_LEVEL). */
  readonly logLevel: LogLevel;
  /** CloudWatch namespace of the enforcer's own metrics (ENFORCER_METRICS_NAMESPACE); not the alarm's METRIC_NAMESPACE. */
  readonly metricsNamespace: string;
}

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown once at cold start; `problems` names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const NAME = /^[^:*]{1,512}$/;
const METRIC_PART = /^[^:$*]{1,255}$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** The names only one control can have: set with several controls selected, they are an error. */
const ONE_CONTROL_NAMES = ['FILTER_NAME', 'ALARM_NAME', 'METRIC_NAME'] as const;

/** Reads and validates the enforcer's configuration; throws one ConfigError listing every bad variable. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const text = (key: string, fallback: string, re: RegExp): string => {
    const value = (env[key] ?? '').trim() || fallback;
    const wildcard = wildcardProblem(key, value);
    if (wildcard) problems.push(wildcard);
    else if (!re.test(value))
      problems.push(`${key}=${JSON.stringify(value)} is not a valid name (${re.source})`);
    return value;
  };
  // Name the variable the region came from, so the error points at the one to fix.
  const regionKey =
    env.AWS_REGION === undefined && env.AWS_DEFAULT_REGION !== undefined
      ? 'AWS_DEFAULT_REGION'
      : 'AWS_REGION';
  const region = (env[regionKey] ?? '').trim();
  if (!REGION.test(region)) problems.push(`${regionKey}=${JSON.stringify(region)} is not an AWS region`);
  const logGroupName = (env.LOG_GROUP_NAME ?? '').trim() || undefined;
  if (logGroupName !== undefined && !/^[\w\-./#]{1,512}$/.test(logGroupName)) {
    problems.push(`LOG_GROUP_NAME=${JSON.stringify(logGroupName)} is not a valid log group name`);
  }
  const ownRole = readOwnRole(env, problems);
  const metricNamespace = text('METRIC_NAMESPACE', 'CISBenchmark', METRIC_PART);
  const controls = readControls(env, problems).map(
    (control): ControlConfig => ({
      control,
      filterName: text('FILTER_NAME', control.defaults.filterName, NAME),
      metricNamespace,
      metricName: text('METRIC_NAME', control.defaults.metricName, METRIC_PART),
      alarmName: text('ALARM_NAME', control.defaults.alarmName, /^[^\p{Cc}]{1,255}$/u),
    }),
  );
  const [first] = controls;
  if (!first) throw new ConfigError(problems);
  const config: Config = {
    ...first,
    controls,
    region,
    ...(logGroupName ? { logGroupName } : {}),
    ...(ownRole ? { ownRole } : {}),
    topic: readTopic(env, region, problems),
    subscriptions: readSubscriptions(env.SUBSCRIPTIONS ?? '', problems),
    patternProfile: oneOf(env, 'PATTERN_PROFILE', PROFILE_IDS, 'cis', problems),
    mode: oneOf(env, 'MODE', ['enforce', 'detect'] as const, 'enforce', problems),
    existingChains: oneOf(env, 'EXISTING_CHAINS', ['adopt', 'ignore'] as const, 'adopt', problems),
    healTrailLogging: readBoolean(env, 'HEAL_TRAIL_LOGGING', true, problems),
    verifyWithTestMetricFilter: readBoolean(env, 'VERIFY_WITH_TEST_METRIC_FILTER', false, problems),
    logLevel: oneOf({ LOG_LEVEL: env.LOG_LEVEL?.toUpperCase() }, 'LOG_LEVEL', LOG_LEVELS, 'INFO', problems),
    metricsNamespace: text('ENFORCER_METRICS_NAMESPACE', 'CISMonitoringEnforcer', METRIC_PART),
  };
  // A bad name every control reads (FILTER_NAME with several selected) is one problem, not several.
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return config;
}

/**
 * The controls CONTROLS selects (the security group control when it is empty). A name only one control
 * can have (FILTER_NAME, ALARM_NAME, METRIC_NAME) is an error with several: the controls would share it.
 */
function readControls(env: Env, problems: string[]): ControlSpec[] {
  const selection = selectControls(env.CONTROLS);
  if ('error' in selection) {
    problems.push(selection.error);
    return [controlSpec('security-group-changes')];
  }
  const specs = selection.keys.map(controlSpec);
  if (specs.length > 1) {
    for (const key of ONE_CONTROL_NAMES) {
      if ((env[key] ?? '').trim() === '') continue;
      problems.push(
        `${key} names one control's resource, but CONTROLS selects ${specs.length} controls: unset it (each control has its own default name)`,
      );
    }
  }
  return specs;
}

function readTopic(env: Env, region: string, problems: string[]): TopicRef {
  const arn = (env.TOPIC_ARN ?? '').trim();
  const name = (env.TOPIC_NAME ?? '').trim();
  if (arn && name) problems.push('TOPIC_ARN and TOPIC_NAME are both set: set one');
  if (arn) {
    if (!TOPIC_ARN.test(arn)) problems.push(`TOPIC_ARN=${JSON.stringify(arn)} is not an SNS topic ARN`);
    else if (REGION.test(region) && arn.split(':')[3] !== region) {
      problems.push(
        `TOPIC_ARN=${JSON.stringify(arn)} is not in ${region}: an alarm can only notify a topic in its own region`,
      );
    }
    return { kind: 'arn', arn };
  }
  const topicName = name || 'cis-monitoring-alarms';
  const wildcard = wildcardProblem('TOPIC_NAME', topicName);
  if (wildcard) problems.push(wildcard);
  else if (!TOPIC_NAME.test(topicName))
    problems.push(`TOPIC_NAME=${JSON.stringify(topicName)} is not a valid topic name`);
  return { kind: 'name', name: topicName };
}

function oneOf<T extends string>(
  env: Env,
  key: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const value = (env[key] ?? '').trim() || fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${key}=${JSON.stringify(value)} must be one of ${allowed.join(', ')}`);
  return fallback;
}

function readBoolean(env: Env, key: string, fallback: boolean, problems: string[]): boolean {
  const value = (env[key] ?? '').trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  problems.push(`${key}=${JSON.stringify(env[key])} must be true or false`);
  return fallback;
}
