import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
} from '@aws-sdk/client-sns';
import { CONTROL_SPECS } from '../../src/catalog/specs';
import type { AccountClients } from './seed';
import { CONTROL, TRAIL } from './seed-data';

/** Everything the user owns, as the APIs return it (request metadata dropped), for a deep-equality check. */
export interface UserSnapshot {
  readonly filters: readonly unknown[];
  readonly alarms: readonly unknown[];
  readonly topics: readonly unknown[];
  /** Actions on the control's alarm other than the control's topic (added by the user). */
  readonly extraAlarmActions: Readonly<Record<string, readonly string[]>>;
}

/** The filter and alarm names of every control of the family (the enforcer's, whichever are selected). */
const ENFORCER_NAMES: ReadonlySet<string> = new Set(
  CONTROL_SPECS.flatMap((spec) => [spec.defaults.filterName, spec.defaults.alarmName]),
);

/**
 * Reads back every resource that is not the enforcer's (any control's default names), plus the user's
 * actions on the security group control's alarm.
 */
export async function snapshotUserResources(c: AccountClients): Promise<UserSnapshot> {
  const filters: unknown[] = [];
  const pages = paginateDescribeMetricFilters({ client: c.logs }, { logGroupName: TRAIL.logGroupName });
  for await (const page of pages) {
    filters.push(...(page.metricFilters ?? []).filter((f) => !ENFORCER_NAMES.has(f.filterName ?? '')));
  }
  const described = await c.cloudwatch.send(new DescribeAlarmsCommand({}));
  const all = described.MetricAlarms ?? [];
  const alarms = all.filter((a) => !ENFORCER_NAMES.has(a.AlarmName ?? ''));
  const ours = all.find((a) => a.AlarmName === CONTROL.alarm.AlarmName);
  return { filters, alarms, topics: await snapshotTopics(c), extraAlarmActions: extraActions(ours) };
}

async function snapshotTopics(c: AccountClients): Promise<unknown[]> {
  const listed = await c.sns.send(new ListTopicsCommand({}));
  const arns = (listed.Topics ?? []).map((t) => t.TopicArn ?? '').filter((arn) => arn !== CONTROL.topicArn);
  return Promise.all(
    arns.sort().map(async (TopicArn) => {
      const [attributes, subscriptions, tags] = await Promise.all([
        c.sns.send(new GetTopicAttributesCommand({ TopicArn })),
        c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn })),
        c.sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn })),
      ]);
      return {
        attributes: attributes.Attributes,
        subscriptions: subscriptions.Subscriptions,
        tags: tags.Tags,
      };
    }),
  );
}

/** Empty lists when the alarm does not exist: nobody's actions are on it. */
function extraActions(alarm: MetricAlarm | undefined): Record<string, string[]> {
  const others = (actions: string[] | undefined) => (actions ?? []).filter((a) => a !== CONTROL.topicArn);
  return {
    AlarmActions: others(alarm?.AlarmActions),
    OKActions: others(alarm?.OKActions),
    InsufficientDataActions: others(alarm?.InsufficientDataActions),
  };
}
