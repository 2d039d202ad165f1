/**
 * Faults that depend on the account's state: the 100-filter quota, and resources deleted between
 * observation and write. Each: the report's status, the error, the operator's hint, and what still got done.
 */
import {
  LimitExceededException,
  type MetricFilter,
  PutMetricFilterCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { NotFoundException, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { createClients } from '../../src/aws/clients';
import type { Report } from '../../src/report';
import { runEvent } from '../../src/triggers/run';
import {
  type AccountMocks,
  type AccountState,
  configFor,
  LOG_GROUP,
  mockAccount,
  ourAlarm,
  REGION,
  TOPIC_ARN,
  without,
} from '../support/builders';
import { driftedEverywhere } from './support/accounts';

const $metadata = { httpStatusCode: 400, requestId: 'fault-injection' };
const clients = createClients(REGION);
const manual = {};

let mocks: AccountMocks | undefined;
afterEach(() => {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  mocks = undefined;
});

async function run(state: AccountState, inject: (m: AccountMocks) => void): Promise<Report> {
  mocks = mockAccount(state);
  inject(mocks);
  return runEvent({ clients, config: configFor() }, manual);
}

/** 100 metric filters of other people on the trail's log group. */
function fullLogGroup(state: AccountState): MetricFilter[] {
  const filters = state.logGroups[LOG_GROUP] ?? [];
  while (filters.length < 100) {
    const n = filters.length;
    filters.push({
      filterName: `team-filter-${n}`,
      filterPattern: `{ $.eventName = Call${n} }`,
      metricTransformations: [{ metricNamespace: 'Teams', metricName: `Call${n}`, metricValue: '1' }],
      logGroupName: LOG_GROUP,
    });
  }
  state.logGroups[LOG_GROUP] = filters;
  return filters;
}

describe('faults that depend on the account state', () => {
  it('LimitExceededException: the log group already holds 100 filters → ERROR naming the quota; the alarm is still repaired', async () => {
    const state = without('alarm', without('filter'));
    const filters = fullLogGroup(state);
    const report = await run(state, (m) =>
      m.logs.on(PutMetricFilterCommand).callsFake(async ({ filterName }) => {
        // AWS: a new name on a log group at the quota is refused; replacing an existing name is not.
        if (filters.length >= 100 && !filters.some((f) => f.filterName === filterName)) {
          throw new LimitExceededException({ message: 'Resource limit exceeded.', $metadata });
        }
        return {};
      }),
    );
    expect(report.status).toBe('ERROR');
    expect(report.errors).toEqual([
      expect.objectContaining({
        action: 'logs:PutMetricFilter',
        resource: LOG_GROUP,
        code: 'LimitExceededException',
        hint: expect.stringContaining(
          `log group ${LOG_GROUP} already has the CloudWatch Logs maximum of 100 metric filters`,
        ),
      }),
    ]);
    expect(report.changes.map((c) => c.resource)).toEqual(['alarm']);
    expect(ourAlarm(state).ActionsEnabled).toBe(true);
    expect(filters).toHaveLength(100);
  });

  it('ResourceNotFound: the log group is deleted between observation and PutMetricFilter → ERROR, a finding, nothing recreated', async () => {
    const state = driftedEverywhere();
    const report = await run(state, (m) =>
      m.logs.on(PutMetricFilterCommand).callsFake(async () => {
        delete state.logGroups[LOG_GROUP];
        throw new ResourceNotFoundException({
          message: 'The specified log group does not exist.',
          $metadata,
        });
      }),
    );
    expect(report.status).toBe('ERROR');
    expect(report.errors).toEqual([
      expect.objectContaining({
        action: 'logs:PutMetricFilter',
        code: 'ResourceNotFoundException',
        hint: expect.stringContaining('was deleted during the run; the enforcer does not recreate it'),
      }),
    ]);
    expect(report.findings).toContainEqual(expect.stringContaining(`log group ${LOG_GROUP} named by trail`));
    expect(report.changes.map((c) => c.resource)).toEqual(['trail', 'topic-policy', 'subscription', 'alarm']);
    expect(state.logGroups[LOG_GROUP]).toBeUndefined();
  });

  it('NotFound: the topic is deleted between observation and SetTopicAttributes → ERROR naming it; filter and alarm repaired', async () => {
    const state = driftedEverywhere();
    const report = await run(state, (m) =>
      m.sns.on(SetTopicAttributesCommand).callsFake(async () => {
        delete state.topics[TOPIC_ARN];
        throw new NotFoundException({ message: 'Topic does not exist', $metadata });
      }),
    );
    expect(report.status).toBe('ERROR');
    expect(report.errors).toContainEqual(
      expect.objectContaining({
        action: 'sns:SetTopicAttributes',
        resource: TOPIC_ARN,
        code: 'NotFoundException',
        hint: `${TOPIC_ARN} disappeared during the run; the next run sees what is left`,
      }),
    );
    expect(report.changes.map((c) => c.resource)).toEqual(
      expect.arrayContaining(['trail', 'metric-filter', 'alarm']),
    );
  });
});
