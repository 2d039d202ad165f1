import { type MetricAlarm, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { type MetricFilter, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACCOUNT_ID, REGION } from '../../../scripts/lib/emulator';
import { type AccountClients, TRAIL } from '../../../scripts/lib/seed';
import { CONTROL_SPECS, type ControlSpec } from '../../../src/catalog/specs';
import { workerEndpoint } from './harness';

/**
 * A same-account SQS queue as the configured subscriber: AWS confirms it at once (no owner to wait
 * for), so a repair from scratch ends REPAIRED rather than waiting for an email confirmation.
 */
export const QUEUE = 'security-alerts';
export const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${QUEUE}`;

/** Creates the subscriber's queue on this worker's emulator (after each reset: SNS delivers to it). */
export async function createQueue(): Promise<void> {
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const sqs = new SQSClient({ endpoint: workerEndpoint(), region: REGION, credentials });
  try {
    await sqs.send(new CreateQueueCommand({ QueueName: QUEUE }));
  } finally {
    sqs.destroy();
  }
}

/** Every metric filter of the trail's log group and every alarm, by name, as a person reads them back. */
export interface Monitoring {
  readonly filters: ReadonlyMap<string, MetricFilter[]>;
  readonly alarms: ReadonlyMap<string, MetricAlarm>;
  /** The ARNs of every topic named like the enforcer's. */
  readonly enforcerTopics: readonly string[];
}

/** Reads the log group's filters, the account's alarms and its topics with the SDK. */
export async function readMonitoring(c: AccountClients, topicName: string): Promise<Monitoring> {
  const filters = new Map<string, MetricFilter[]>();
  const listing = paginateDescribeMetricFilters({ client: c.logs }, { logGroupName: TRAIL.logGroupName });
  for await (const page of listing) {
    for (const f of page.metricFilters ?? []) {
      filters.set(f.filterName ?? '', [...(filters.get(f.filterName ?? '') ?? []), f]);
    }
  }
  const alarms = new Map<string, MetricAlarm>();
  for await (const page of paginateDescribeAlarms({ client: c.cloudwatch }, {})) {
    for (const a of page.MetricAlarms ?? []) alarms.set(a.AlarmName ?? '', a);
  }
  const topics = await c.sns.send(new ListTopicsCommand({}));
  const enforcerTopics = (topics.Topics ?? [])
    .map((t) => t.TopicArn ?? '')
    .filter((arn) => arn.endsWith(`:${topicName}`));
  return { filters, alarms, enforcerTopics };
}

/** The catalog control with CIS id `CIS-4.n`. */
export function specOf(id: string): ControlSpec {
  const found = CONTROL_SPECS.find((s) => s.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
}

/**
 * Asserts from what the APIs return that `spec`'s chain exists as the enforcer writes it: one filter
 * with the profile's canonical text on the catalog's metric, one alarm on that metric notifying `topicArn`.
 */
export function expectChain(m: Monitoring, spec: ControlSpec, topicArn: string): void {
  const { filterName, alarmName, metricNamespace, metricName } = spec.defaults;
  expect({ id: spec.id, filters: m.filters.get(filterName) }).toMatchObject({
    id: spec.id,
    filters: [
      {
        filterPattern: spec.profiles.cis.canonical,
        metricTransformations: [{ metricNamespace, metricName, metricValue: spec.metricValue }],
      },
    ],
  });
  expect(m.filters.get(filterName)).toHaveLength(1);
  const alarm = m.alarms.get(alarmName);
  expect({ id: spec.id, alarm }).toMatchObject({
    id: spec.id,
    alarm: {
      Namespace: metricNamespace,
      MetricName: metricName,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      ActionsEnabled: true,
    },
  });
  expect(alarm?.AlarmActions).toContain(topicArn);
}
