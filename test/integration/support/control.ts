import { GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import {
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand, type MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  type Subscription,
} from '@aws-sdk/client-sns';
import { type AccountClients, CONTROL, TRAIL } from '../../../scripts/lib/seed';
import type { Report } from '../../../src/report';
import type { Run } from './harness';

/** The control's resources as a person reads them back with the SDK. */
export interface ControlState {
  /** Every listed filter with the control's name (one on AWS and through the AWS-faithful layer). */
  readonly filters: readonly MetricFilter[];
  readonly alarm?: MetricAlarm;
  readonly topicPolicy?: {
    Statement: { Effect: string; Principal?: { Service?: string }; Action: unknown }[];
  };
  readonly subscriptions: readonly Subscription[];
  readonly trailLogging: boolean;
}

/** Reads the filter, alarm, topic, subscriptions and trail status. */
export async function readControl(c: AccountClients): Promise<ControlState> {
  const [filters, alarms, topic, subscriptions, trail] = await Promise.all([
    c.logs.send(
      new DescribeMetricFiltersCommand({
        logGroupName: TRAIL.logGroupName,
        filterNamePrefix: CONTROL.filterName,
      }),
    ),
    c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [CONTROL.alarm.AlarmName] })),
    c.sns.send(new GetTopicAttributesCommand({ TopicArn: CONTROL.topicArn })).catch(absent),
    c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: CONTROL.topicArn })).catch(absent),
    c.cloudtrail.send(new GetTrailStatusCommand({ Name: TRAIL.arn })),
  ]);
  const policy = topic?.Attributes?.Policy;
  return {
    filters: (filters.metricFilters ?? []).filter((f) => f.filterName === CONTROL.filterName),
    alarm: alarms.MetricAlarms?.[0],
    ...(policy ? { topicPolicy: JSON.parse(policy) } : {}),
    subscriptions: subscriptions?.Subscriptions ?? [],
    trailLogging: trail.IsLogging === true,
  };
}

function absent(error: unknown): undefined {
  if (error instanceof NotFoundException) return undefined;
  throw error;
}

/** The filter in force: the last one listed with the control's name. */
export const filterInForce = (state: ControlState) => state.filters.at(-1);

/** Asserts, from what the APIs return, that the control holds end to end. */
export async function expectControlHolds(c: AccountClients): Promise<ControlState> {
  const state = await readControl(c);
  expect(filterInForce(state)).toMatchObject({
    filterPattern: CONTROL.pattern,
    metricTransformations: [
      { metricNamespace: CONTROL.namespace, metricName: CONTROL.metricName, metricValue: '1' },
    ],
  });
  const { AlarmName: _name, AlarmDescription: _text, ...settings } = CONTROL.alarm;
  expect(state.alarm).toMatchObject(settings);
  expect(state.alarm?.AlarmActions).toContain(CONTROL.topicArn);
  expect(state.topicPolicy?.Statement).toContainEqual(
    expect.objectContaining({
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: expect.stringMatching(/^sns:Publish$/i),
    }),
  );
  expect(state.subscriptions).toContainEqual(
    expect.objectContaining({
      Protocol: 'email',
      Endpoint: CONTROL.subscriber,
      SubscriptionArn: expect.stringMatching(/^arn:aws:sns:/),
    }),
  );
  expect(state.trailLogging).toBe(true);
  return state;
}

/** The alarm's tags (the enforcer tags what it creates). */
export async function alarmTags(c: AccountClients, arn: string | undefined) {
  const out = await c.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  return out.Tags ?? [];
}

/** A planned or applied change as the assertions compare it. */
export interface ExpectedChange {
  readonly resource: string;
  readonly action: string;
  readonly reasons: readonly unknown[];
}

/** How a repair ends: REPAIRED with no finding, unless the scenario says otherwise. */
export interface RepairOutcome {
  readonly status: Report['status'];
  /** The findings, or a matcher of them. */
  readonly findings: unknown;
}

/**
 * A repair that had to subscribe an email endpoint: on AWS it waits for its owner's confirmation, so
 * the run ends NON_COMPLIANT with a finding naming that endpoint (`world.faithful.confirm` then
 * confirms it as its owner would).
 */
export const AWAITING_CONFIRMATION: RepairOutcome = {
  status: 'NON_COMPLIANT',
  findings: expect.arrayContaining([expect.stringContaining(`email:${CONTROL.subscriber}`)]),
};

/** Asserts a report (REPAIRED unless `outcome`) naming the trigger, its actor, exactly these changes and these writes. */
export function expectRepaired(
  run: Run,
  trigger: { eventName?: string; actor?: string },
  changes: readonly ExpectedChange[],
  writes: readonly string[],
  outcome: RepairOutcome = { status: 'REPAIRED', findings: [] },
): void {
  const { report } = run;
  expect(report).toMatchObject({ status: outcome.status, errors: [] });
  expect(report.findings).toEqual(outcome.findings);
  if (trigger.eventName) {
    expect(report.trigger).toMatchObject({ kind: 'cloudtrail', eventName: trigger.eventName });
    expect(report.trigger).toMatchObject({ actor: { arn: trigger.actor } });
  }
  expect(report.changes.map(({ resource, action, reasons }) => ({ resource, action, reasons }))).toEqual(
    changes,
  );
  expect(run.writes).toEqual(writes);
}

/**
 * Asserts a CloudTrail-triggered run on someone's write to a control resource (`resource`) that finds
 * the control holding: nothing written, and one alert telling who touched it, since no delivered
 * alert about that caller has told it yet (a touch is news).
 */
export function expectTouchTold(run: Run, resource: string): void {
  expect(run.report).toMatchObject({ status: 'COMPLIANT', changes: [], errors: [], touched: { resource } });
  expect(run.writes).toEqual([]);
  expect(run.alerts).toHaveLength(1);
}

/** Asserts the run found everything in place and sent no write request at all (no alert either). */
export function expectCompliantWithoutWrites(run: Run): void {
  expect(run.report).toMatchObject({ status: 'COMPLIANT', changes: [], errors: [] });
  expect(run.calls.filter((c) => c.write)).toEqual([]);
  expect(run.calls.length).toBeGreaterThan(0);
}
