import type { ActualState, DesiredState } from '../model';
import { planAlarm } from './alarm';
import { planFeeders } from './feeders';
import { planFilter } from './filter';
import { planTopic } from './topic';
import type { Change, Finding, Plan } from './types';

export type { Change, Finding, Plan } from './types';

/** Order in which apply executes changes: the topic before what points at it. */
export const APPLY_ORDER: readonly Change['resource'][] = [
  'trail',
  'topic',
  'topic-policy',
  'subscription',
  'metric-filter',
  'alarm',
];

/**
 * What a change writes, as one string: two controls' plans that write the same thing (the trail's
 * logging, the topic, its policy, a subscription) have the same key, and the write is made once.
 */
export function changeKey(change: Change): string {
  switch (change.resource) {
    case 'trail':
      return `trail\n${change.trailArn}`;
    case 'topic':
      return `topic\n${change.after.name}`;
    case 'topic-policy':
      return `topic-policy\n${change.topicArn}`;
    case 'subscription':
      return `subscription\n${change.topicArn}\n${change.after.protocol}\n${change.after.endpoint}`;
    case 'metric-filter':
      return `metric-filter\n${change.after.logGroupName}\n${change.after.filterName}`;
    case 'alarm':
      return `alarm\n${change.after.AlarmName}`;
  }
}

function planTrail(actual: ActualState): Change[] {
  if (actual.trail.isLogging) return [];
  return [
    {
      resource: 'trail',
      action: 'update',
      trailArn: actual.trail.arn,
      reasons: [`trail ${actual.trail.name} logging was stopped`],
      before: { isLogging: false },
      after: { isLogging: true },
    },
  ];
}

/** Pure diff of desired and actual state; resources that could not be observed are left out. */
export function plan(desired: DesiredState, actual: ActualState): Plan {
  if (!actual.logGroupExists) {
    const message = `log group ${desired.logGroupName} named by trail ${actual.trail.name} does not exist; the enforcer does not create it`;
    return { changes: [], findings: [{ code: 'log-group-missing', message, blocking: true }] };
  }
  const changes: Change[] = [...planTrail(actual)];
  const findings: Finding[] = [];
  const observed = (kind: ActualState['unobserved'][number]) => !actual.unobserved.includes(kind);
  if (observed('filter')) changes.push(...planFilter(desired, actual.filter));
  if (observed('alarm')) changes.push(...planAlarm(desired, actual.alarm));
  if (actual.feeders) findings.push(...planFeeders(desired, actual.feeders));
  if (observed('topic')) {
    const topic = planTopic(desired, actual.topic);
    changes.push(...topic.changes);
    findings.push(...topic.findings);
  }
  const rank = (c: Change) => APPLY_ORDER.indexOf(c.resource);
  return { changes: changes.sort((a, b) => rank(a) - rank(b)), findings };
}
