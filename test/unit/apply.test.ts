import { AuthorizationErrorException, CreateTopicCommand } from '@aws-sdk/client-sns';
import { apply } from '../../src/apply';
import { createClients } from '../../src/aws/clients';
import type { Change } from '../../src/plan';
import {
  type AccountMocks,
  compliant,
  mockAccount,
  REGION,
  TOPIC_ARN,
  TRAIL_ARN,
  without,
  writesSent,
} from '../support/builders';
import { combined, deleted, planDrift, stopped } from './support/plan-rows';

/** Every change kind: trail stopped, topic, subscription, filter and alarm missing. */
function everyChange(): readonly Change[] {
  const changes = planDrift(combined(stopped, deleted('topic'), deleted('filter'), deleted('alarm'))).changes;
  expect(changes.map((c) => c.resource)).toEqual([
    'trail',
    'topic',
    'subscription',
    'metric-filter',
    'alarm',
  ]);
  return changes;
}

function mocked(arrange?: (mocks: AccountMocks) => void) {
  const clients = createClients(REGION);
  const state = without('alarm', without('filter', without('topic', without('logging'))));
  const mocks = mockAccount(state, { targets: clients });
  arrange?.(mocks);
  return { clients, mocks };
}

describe('apply', () => {
  it('one write per change, in plan order, nothing else', async () => {
    const { clients, mocks } = mocked();
    const changes = everyChange();
    const result = await apply(clients, changes);
    expect(result).toEqual({ applied: changes, errors: [] });
    expect(
      writesSent(mocks).map((w) => [
        w.command,
        w.input.Name ?? w.input.TopicArn ?? w.input.filterName ?? w.input.AlarmName,
      ]),
    ).toEqual([
      ['StartLoggingCommand', TRAIL_ARN],
      ['CreateTopicCommand', 'cis-monitoring-alarms'],
      ['SubscribeCommand', TOPIC_ARN],
      ['PutMetricFilterCommand', 'CIS-4.10-SecurityGroupChanges'],
      ['PutMetricAlarmCommand', 'CIS-4.10-SecurityGroupChanges'],
    ]);
  });

  it('an empty plan sends nothing', async () => {
    const clients = createClients(REGION);
    const mocks = mockAccount(compliant(), { targets: clients });
    expect(await apply(clients, [])).toEqual({ applied: [], errors: [] });
    expect(writesSent(mocks)).toEqual([]);
  });

  it('a failed change does not stop the independent ones; each failure names its action and resource', async () => {
    const denied = new AuthorizationErrorException({
      $metadata: { httpStatusCode: 403 },
      message: 'no CreateTopic',
    });
    const { clients, mocks } = mocked((m) => m.sns.on(CreateTopicCommand).rejects(denied));
    const changes = everyChange();
    const result = await apply(clients, changes);
    expect(result.applied.map((c) => c.resource)).toEqual(['trail', 'metric-filter', 'alarm']);
    expect(result.errors).toEqual([
      expect.objectContaining({
        step: 'apply topic',
        action: 'sns:CreateTopic',
        resource: 'cis-monitoring-alarms',
        code: 'AuthorizationErrorException',
      }),
      expect.objectContaining({
        step: 'apply subscription',
        action: 'sns:Subscribe',
        resource: TOPIC_ARN,
        code: 'NotFoundException',
      }),
    ]);
    expect(writesSent(mocks)).toHaveLength(5);
  });
});
