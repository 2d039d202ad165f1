import type { DesiredState, TrailView } from '../model';
import type { Trigger } from '../triggers/events';
import { type CloudTrailRequest, textField, textsField } from './request';
import { restores } from './restored';

type Json = Record<string, unknown>;

/** The enforcer's resources a call can write. */
export type TouchedResource = 'metric-filter' | 'log-group' | 'alarm' | 'topic' | 'subscription' | 'trail';

/** A CloudTrail-recorded write, by someone other than the enforcer, to one of its resources. */
export interface Touch {
  readonly resource: TouchedResource;
  /** The resource's name (filter, log group, alarm, topic ARN, trail ARN). */
  readonly name: string;
  readonly call: string;
  /** True when the call itself wrote what the enforcer keeps: the caller restored it. */
  readonly restored: boolean;
}

/** What the enforcer owns in this run: its desired state and the trail its log group belongs to. */
export interface Own {
  readonly desired: DesiredState;
  readonly trail: Pick<TrailView, 'arn' | 'name'>;
}

type Target = Pick<Touch, 'resource' | 'name'>;
type Rule = (p: Json, own: Own) => Target | undefined;

const when = (hit: boolean, target: Target): Target | undefined => (hit ? target : undefined);

/** A log group named, or given by ARN (`…:log-group:NAME` or `…:log-group:NAME:*`). */
const namesGroup = (value: string | undefined, group: string): boolean =>
  value === group || (value ?? '').replace(/:\*$/, '').endsWith(`:log-group:${group}`);

const filter: Rule = (p, { desired: d }) =>
  when(textField(p, 'logGroupName') === d.logGroupName && textField(p, 'filterName') === d.filter.name, {
    resource: 'metric-filter',
    name: d.filter.name,
  });
const group =
  (key: string): Rule =>
  (p, { desired: d }) =>
    when(namesGroup(textField(p, key), d.logGroupName), { resource: 'log-group', name: d.logGroupName });
const alarm: Rule = (p, { desired: d }) => {
  const named = [...textsField(p, 'alarmName'), ...textsField(p, 'alarmNames')];
  const byArn = (textField(p, 'resourceARN') ?? '').endsWith(`:alarm:${d.alarm.name}`);
  return when(named.includes(d.alarm.name) || byArn, { resource: 'alarm', name: d.alarm.name });
};
const topic =
  (resource: 'topic' | 'subscription'): Rule =>
  (p, { desired: d }) => {
    const arn = textField(p, 'topicArn') ?? textField(p, 'resourceArn');
    return when(arn === d.topic.arn, { resource, name: d.topic.arn });
  };
const createTopic: Rule = (p, { desired: d }) =>
  when(textField(p, 'name') === d.topic.arn.split(':').pop(), { resource: 'topic', name: d.topic.arn });
const subscription: Rule = (p, { desired: d }) =>
  when((textField(p, 'subscriptionArn') ?? '').startsWith(`${d.topic.arn}:`), {
    resource: 'subscription',
    name: d.topic.arn,
  });
const trail =
  (key: string): Rule =>
  (p, { trail: t }) => {
    const named = textField(p, key);
    return when(named === t.arn || named === t.name, { resource: 'trail', name: t.arn });
  };

/** Each write call on an enforcer resource, by event source, and how its request names the resource. */
const RULES: Readonly<Record<string, Readonly<Record<string, Rule>>>> = {
  'logs.amazonaws.com': {
    PutMetricFilter: filter,
    DeleteMetricFilter: filter,
    PutTransformer: group('logGroupIdentifier'),
    DeleteTransformer: group('logGroupIdentifier'),
    DeleteLogGroup: group('logGroupName'),
  },
  'monitoring.amazonaws.com': {
    PutMetricAlarm: alarm,
    DeleteAlarms: alarm,
    DisableAlarmActions: alarm,
    EnableAlarmActions: alarm,
    SetAlarmState: alarm,
    TagResource: alarm,
    UntagResource: alarm,
  },
  'sns.amazonaws.com': {
    CreateTopic: createTopic,
    DeleteTopic: topic('topic'),
    SetTopicAttributes: topic('topic'),
    AddPermission: topic('topic'),
    RemovePermission: topic('topic'),
    PutDataProtectionPolicy: topic('topic'),
    TagResource: topic('topic'),
    UntagResource: topic('topic'),
    Subscribe: topic('subscription'),
    ConfirmSubscription: topic('subscription'),
    Unsubscribe: subscription,
    SetSubscriptionAttributes: subscription,
  },
  'cloudtrail.amazonaws.com': {
    StopLogging: trail('name'),
    StartLogging: trail('name'),
    DeleteTrail: trail('name'),
    UpdateTrail: trail('name'),
    PutEventSelectors: trail('trailName'),
    PutInsightSelectors: trail('trailName'),
  },
};

/** The enforcer resource a CloudTrail-recorded call wrote, decided from its request; undefined if none. */
export function touchOf(request: CloudTrailRequest, own: Own): Touch | undefined {
  // Own keys only: a recorded name such as `__proto__` or `constructor` is no rule.
  const calls = Object.hasOwn(RULES, request.eventSource) ? RULES[request.eventSource] : undefined;
  const rule = calls && Object.hasOwn(calls, request.eventName) ? calls[request.eventName] : undefined;
  const target = rule?.(request.parameters, own);
  if (!target) return undefined;
  const restored = restores(request.eventName, request.parameters, own.desired);
  return { ...target, call: request.eventName, restored };
}

const LABELS: Readonly<Record<TouchedResource, string>> = {
  'metric-filter': 'metric filter',
  'log-group': 'log group',
  alarm: 'alarm',
  topic: 'SNS topic',
  subscription: 'subscription of SNS topic',
  trail: 'trail',
};

/** The touched resource in words. */
export function touchLabel(touch: Pick<Touch, 'resource'>): string {
  return LABELS[touch.resource].replace(/ of SNS topic$/, '');
}

/** The news sentence of a touch: what was written, by whom, with which call, when (unique per event). */
export function touchSentence(touch: Touch, trigger: Extract<Trigger, { kind: 'cloudtrail' }>): string {
  const what = `${LABELS[touch.resource]} ${touch.name}`;
  const when = `${trigger.eventTime} (event ${trigger.eventId})`;
  const restored = touch.restored ? ', which wrote what the enforcer keeps' : '';
  return `${what} was written by ${trigger.actor.arn} with ${touch.call} at ${when}${restored}`;
}
