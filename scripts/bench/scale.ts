import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { type AccountClients, TRAIL, USER } from '../lib/seed';

/** The scale case: other filters on the log group, other alarms and topics in the account. */
export const SCALE = { filters: 99, alarms: 5_000, topics: 500 } as const;

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>) {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const pad = (i: number): string => String(i).padStart(4, '0');

/**
 * Tops up an account seeded with the user's resources (seedAccount) to SCALE: with the control's own
 * filter the log group then holds 100 filters, the CloudWatch Logs quota.
 */
export async function seedScale(c: AccountClients, concurrency = 32): Promise<void> {
  const filters = range(USER.filters.length, SCALE.filters);
  const alarms = range(USER.alarms.length, SCALE.alarms);
  const topics = range(1, SCALE.topics); // USER.topicName is the first
  await pool(filters, concurrency, (i) =>
    c.logs.send(
      new PutMetricFilterCommand({
        logGroupName: TRAIL.logGroupName,
        filterName: `bench-filter-${pad(i)}`,
        filterPattern: `{ $.eventName = "BenchEvent${i}" }`,
        metricTransformations: [{ metricNamespace: 'Bench', metricName: `Event${i}`, metricValue: '1' }],
      }),
    ),
  );
  await pool(topics, concurrency, (i) =>
    c.sns.send(new CreateTopicCommand({ Name: `bench-topic-${pad(i)}` })),
  );
  await pool(alarms, concurrency, (i) =>
    c.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: `bench-alarm-${pad(i)}`,
        Namespace: 'Bench',
        MetricName: `Event${i % SCALE.filters}`,
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
      }),
    ),
  );
}
