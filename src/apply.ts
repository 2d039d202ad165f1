import { StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { Clients } from './clients';
import { MANAGED_BY_TAG } from './controls';
import { attempt, type StepError, toStepError } from './errors';
import { grants } from './permissions';
import type { Change } from './plan';

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
