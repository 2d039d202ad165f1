import { StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { Clients } from '../aws/clients';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import { MANAGED_BY_TAG } from '../catalog/specs';
import { APPLY_ORDER, type Change, changeKey } from '../plan';

/** IAM actions apply calls (tagging is authorised separately when creating with tags). */
export const APPLY_GRANTS = [
  ...grants('trail', 'cloudtrail:StartLogging'),
  ...grants('topic', 'sns:CreateTopic', 'sns:TagResource', 'sns:SetTopicAttributes', 'sns:Subscribe'),
  ...grants('logGroup', 'logs:PutMetricFilter'),
  ...grants('alarm', 'cloudwatch:PutMetricAlarm', 'cloudwatch:TagResource'),
];

export interface ApplyResult {
  readonly applied: readonly Change[];
  readonly errors: readonly StepError[];
}

const tags = [{ Key: MANAGED_BY_TAG.key, Value: MANAGED_BY_TAG.value }];

/** Executes exactly one planned change with the one write call it needs. */
async function write(clients: Clients, change: Change): Promise<unknown> {
  const step = `apply ${change.resource}`;
  switch (change.resource) {
    case 'trail':
      return attempt(step, 'cloudtrail:StartLogging', change.trailArn, () =>
        clients.cloudtrail.send(new StartLoggingCommand({ Name: change.trailArn })),
      );
    case 'topic': {
      const Attributes = { Policy: JSON.stringify(change.after.policy) };
      return attempt(step, 'sns:CreateTopic', change.after.name, () =>
        clients.sns.send(new CreateTopicCommand({ Name: change.after.name, Attributes, Tags: tags })),
      );
    }
    case 'topic-policy': {
      const input = {
        TopicArn: change.topicArn,
        AttributeName: 'Policy',
        AttributeValue: JSON.stringify(change.after),
      };
      return attempt(step, 'sns:SetTopicAttributes', change.topicArn, () =>
        clients.sns.send(new SetTopicAttributesCommand(input)),
      );
    }
    case 'subscription': {
      const input = {
        TopicArn: change.topicArn,
        Protocol: change.after.protocol,
        Endpoint: change.after.endpoint,
      };
      return attempt(step, 'sns:Subscribe', change.topicArn, () =>
        clients.sns.send(new SubscribeCommand({ ...input, ReturnSubscriptionArn: true })),
      );
    }
    case 'metric-filter': {
      const input = { ...change.after, metricTransformations: [...change.after.metricTransformations] };
      return attempt(step, 'logs:PutMetricFilter', change.after.logGroupName, () =>
        clients.logs.send(new PutMetricFilterCommand(input)),
      );
    }
    case 'alarm': {
      const { Tags, ...a } = change.after;
      const input = {
        ...a,
        AlarmActions: [...a.AlarmActions],
        OKActions: [...a.OKActions],
        InsufficientDataActions: [...a.InsufficientDataActions],
        ...(Tags ? { Tags: [...Tags] } : {}),
      };
      return attempt(step, 'cloudwatch:PutMetricAlarm', a.AlarmName, () =>
        clients.cloudwatch.send(new PutMetricAlarmCommand(input)),
      );
    }
  }
}

/** What became of one planned change. */
export type Outcome =
  | { readonly ok: true; readonly change: Change }
  | { readonly ok: false; readonly change: Change; readonly error: StepError };

/** The writes every control shares, made one after another in this order before any control's own. */
const SHARED: ReadonlySet<Change['resource']> = new Set(['trail', 'topic', 'topic-policy', 'subscription']);

async function outcomeOf(clients: Clients, change: Change): Promise<Outcome> {
  try {
    await write(clients, change);
    return { ok: true, change };
  } catch (error) {
    return { ok: false, change, error: toStepError(`apply ${change.resource}`, error) };
  }
}

/**
 * Executes the changes of every control's plan, each distinct write once (`changeKey`): first the
 * shared ones in apply order (the topic exists before an alarm names it), then every metric filter and
 * alarm concurrently (each API's pace is the clients' to keep). A failed change does not stop
 * independent ones.
 */
export async function applyEach(clients: Clients, changes: readonly Change[]): Promise<Outcome[]> {
  const seen = new Set<string>();
  const distinct = changes.filter((change) => {
    const key = changeKey(change);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rank = (c: Change) => APPLY_ORDER.indexOf(c.resource);
  const shared = distinct.filter((c) => SHARED.has(c.resource)).sort((a, b) => rank(a) - rank(b));
  const outcomes: Outcome[] = [];
  for (const change of shared) outcomes.push(await outcomeOf(clients, change));
  const own = distinct.filter((c) => !SHARED.has(c.resource));
  outcomes.push(...(await Promise.all(own.map((change) => outcomeOf(clients, change)))));
  return outcomes;
}

/** Executes the plan in order, one write per change; a failed change does not stop independent ones. */
export async function apply(clients: Clients, changes: readonly Change[]): Promise<ApplyResult> {
  const applied: Change[] = [];
  const errors: StepError[] = [];
  for (const change of changes) {
    try {
      await write(clients, change);
      applied.push(change);
    } catch (error) {
      errors.push(toStepError(`apply ${change.resource}`, error));
    }
  }
  return { applied, errors };
}
