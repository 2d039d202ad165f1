/**
 * What a person does to break a link of the control, with the SDK calls they would make: the tamper
 * steps of the integration scenarios, the demo and the benchmark.
 */
import {
  StopLoggingCommand,
  UpdateTrailCommand,
  type UpdateTrailCommandInput,
} from '@aws-sdk/client-cloudtrail';
import {
  DeleteAlarmsCommand,
  DisableAlarmActionsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { DeleteMetricFilterCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteTopicCommand, ListSubscriptionsByTopicCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import type { AccountClients } from './seed';
import { CONTROL, TRAIL, USER } from './seed-data';

/** What a person does to break a link of the control, with the SDK calls they would make. */
export const tamper = {
  deleteFilter: (c: AccountClients) =>
    c.logs.send(
      new DeleteMetricFilterCommand({ logGroupName: TRAIL.logGroupName, filterName: CONTROL.filterName }),
    ),

  /** Rewrites the control's filter (a console edit): pattern and/or metric transformation. */
  putFilter: (c: AccountClients, change: { pattern?: string; namespace?: string; value?: string }) =>
    c.logs.send(
      new PutMetricFilterCommand({
        logGroupName: TRAIL.logGroupName,
        filterName: CONTROL.filterName,
        filterPattern: change.pattern ?? CONTROL.pattern,
        metricTransformations: [
          {
            metricNamespace: change.namespace ?? CONTROL.namespace,
            metricName: CONTROL.metricName,
            metricValue: change.value ?? '1',
          },
        ],
      }),
    ),

  deleteAlarm: (c: AccountClients) =>
    c.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] })),

  /** Rewrites the control's alarm with the seeded settings (both actions kept) and these changes. */
  putAlarm: (c: AccountClients, change: Partial<PutMetricAlarmCommandInput>) =>
    c.cloudwatch.send(
      new PutMetricAlarmCommand({
        ...CONTROL.alarm,
        AlarmActions: [CONTROL.topicArn, USER.extraAlarmAction],
        ...change,
      }),
    ),

  disableAlarmActions: (c: AccountClients) =>
    c.cloudwatch.send(new DisableAlarmActionsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] })),

  deleteTopic: (c: AccountClients) => c.sns.send(new DeleteTopicCommand({ TopicArn: CONTROL.topicArn })),

  /** Removes every subscription of the control's topic, one Unsubscribe each. */
  unsubscribeAll: async (c: AccountClients) => {
    const listed = await c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: CONTROL.topicArn }));
    for (const s of listed.Subscriptions ?? []) {
      await c.sns.send(new UnsubscribeCommand({ SubscriptionArn: s.SubscriptionArn }));
    }
    return listed.Subscriptions?.length ?? 0;
  },

  stopLogging: (c: AccountClients) => c.cloudtrail.send(new StopLoggingCommand({ Name: TRAIL.arn })),

  updateTrail: (c: AccountClients, change: Omit<UpdateTrailCommandInput, 'Name'>) =>
    c.cloudtrail.send(new UpdateTrailCommand({ Name: TRAIL.name, ...change })),
};
