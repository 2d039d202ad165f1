/** The demo's tamper steps and the text that describes the seeded account and the created control. */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import type { AccountClients } from './seed';
import { CONTROL, SECURITY_GROUP_EVENTS, TRAIL, USER } from './seed-data';
import { tamper } from './tamper';

/** The pattern with one event name dropped: it no longer sees RevokeSecurityGroupEgress. */
const WEAKENED = `{ ${SECURITY_GROUP_EVENTS.filter((name) => name !== 'RevokeSecurityGroupEgress')
  .map((name) => `($.eventName = ${name})`)
  .join(' || ')} }`;

/** A tampering as a person does it, and the sample CloudTrail event that call produces. */
export interface Tampering {
  readonly title: string;
  readonly event: string;
  readonly tamper: (c: AccountClients) => Promise<unknown>;
}

export const TAMPERINGS: readonly Tampering[] = [
  { title: 'deletes the alarm', event: 'cloudtrail-delete-alarms', tamper: tamper.deleteAlarm },
  {
    title: 'weakens the pattern',
    event: 'cloudtrail-put-metric-filter',
    tamper: (c) => tamper.putFilter(c, { pattern: WEAKENED }),
  },
  {
    title: 'disables the alarm actions',
    event: 'cloudtrail-disable-alarm-actions',
    tamper: tamper.disableAlarmActions,
  },
];

const lastPart = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

/** One paragraph: where the emulator runs and what the account holds before the first run. */
export function describeSeed(endpoint: string): string {
  return [
    `Emulator on ${endpoint}. Seeded account:`,
    `  trail ${TRAIL.name} (multi-region, logging) → CloudWatch Logs group ${TRAIL.logGroupName}`,
    `  the user's own: metric filters ${USER.filters.map((f) => f.filterName).join(', ')};`,
    `    alarms ${USER.alarms.map((a) => a.AlarmName).join(', ')}; topic ${USER.topicName} → ${USER.subscriber}`,
  ].join('\n');
}

/** The control's filter, alarm and subscriptions as the APIs return them, one indented line each. */
export async function describeControl(c: AccountClients): Promise<string> {
  const [filters, alarms, subscriptions] = await Promise.all([
    c.logs.send(
      new DescribeMetricFiltersCommand({
        logGroupName: TRAIL.logGroupName,
        filterNamePrefix: CONTROL.filterName,
      }),
    ),
    c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] })),
    c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: CONTROL.topicArn })),
  ]);
  const filter = filters.metricFilters?.at(-1);
  const metric = filter?.metricTransformations?.[0];
  const alarm = alarms.MetricAlarms?.[0];
  const subs = (subscriptions.Subscriptions ?? []).map(
    (s) =>
      `${s.Protocol}:${s.Endpoint}${s.SubscriptionArn === 'PendingConfirmation' ? ' (pending confirmation)' : ''}`,
  );
  return [
    `   metric filter ${filter?.filterName} → ${metric?.metricNamespace}/${metric?.metricName} = ${metric?.metricValue}`,
    `     ${filter?.filterPattern}`,
    `   alarm ${alarm?.AlarmName}: ${alarm?.Statistic} over ${alarm?.Period} s ${alarm?.ComparisonOperator} ${alarm?.Threshold},` +
      ` actions ${alarm?.ActionsEnabled ? 'enabled' : 'DISABLED'} → ${(alarm?.AlarmActions ?? []).map(lastPart).join(', ')}`,
    `   topic ${CONTROL.topicName}, subscribers ${subs.join(', ') || 'none'}`,
  ].join('\n');
}
