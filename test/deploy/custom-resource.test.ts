import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import type { Report } from '../../src/report';
import { answerCloudFormation } from '../../src/triggers/deploy';
import { runEvent } from '../../src/triggers/run';
import { compliant, mockAccount, without, writesSent } from '../support/builders';
import { answerFor, callCount, setupFor, useResponseServer } from './answer';
import { cfnEvent } from './cfn-events';

const server = useResponseServer();

describe('the deploy custom resource always answers CloudFormation', () => {
  it('Create: reconciles once and answers SUCCESS with the report status', async () => {
    const { response, runs, mocks } = await answerFor(
      server(),
      cfnEvent('Create', server().url),
      without('alarm'),
    );
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      [{ kind: 'deploy', requestType: 'Create' }, 'REPAIRED'],
    ]);
    expect(writesSent(mocks).map((w) => w.command)).toEqual(['PutMetricAlarmCommand']);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'reconcile-on-deploy',
      RequestId: 'request-1',
      LogicalResourceId: 'ReconcileOnDeploy',
      Data: { Status: 'REPAIRED', Changes: '1' },
    });
    expect(response.Reason).toMatch(/^reconcile REPAIRED with 1 change\(s\) in 123456789012 us-east-1/);
  });

  it('Update: reconciles once and keeps the physical id', async () => {
    const { response, runs, mocks } = await answerFor(
      server(),
      cfnEvent('Update', server().url),
      compliant(),
    );
    expect(runs.map((r) => r.status)).toEqual(['COMPLIANT']);
    expect(writesSent(mocks)).toEqual([]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'reconcile-on-deploy',
      Reason: 'reconcile COMPLIANT in 123456789012 us-east-1',
      Data: { Status: 'COMPLIANT', Changes: '0' },
    });
  });

  it.each([
    ['Delete', 'stack deleted: nothing reconciled; the filter, alarm, topic and subscriptions stay'],
    ['Rollback', 'stack rolling back: nothing reconciled'],
  ] as const)('%s: answers SUCCESS at once without calling AWS', async (type, reason) => {
    const { response, runs, mocks } = await answerFor(
      server(),
      cfnEvent(type, server().url),
      without('alarm'),
    );
    expect(runs).toEqual([]);
    expect(callCount(mocks)).toBe(0);
    expect(response).toMatchObject({ Status: 'SUCCESS', Reason: reason, Data: {} });
  });

  it('a reconcile that throws is still answered, SUCCESS with the failure in the reason', async () => {
    const event = cfnEvent('Update', server().url);
    const boom = async (): Promise<Report> => {
      throw new TypeError('unexpected shape');
    };
    const response = await answerCloudFormation(event, setupFor(), boom);
    expect(server().received.map((r) => r.body)).toEqual([response]);
    expect(response.Status).toBe('SUCCESS');
    expect(response.Reason).toBe(
      'reconcile failed (TypeError: unexpected shape); the stack is deployed, the next run retries',
    );
  });

  it('a reconcile that ends in ERROR is answered SUCCESS, naming the failed call', async () => {
    const state = compliant();
    const mocks = mockAccount(state);
    mocks.cloudtrail
      .on(DescribeTrailsCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    const event = cfnEvent('Create', server().url);
    const response = await answerCloudFormation(event, setupFor(), (deps) => runEvent(deps, event));
    expect(response.Status).toBe('SUCCESS');
    expect(response.Data).toEqual({ Status: 'ERROR', Changes: '0' });
    expect(response.Reason).toContain('cloudtrail:DescribeTrails on *: AccessDeniedException: not allowed');
  });

  it('a trail that exists but lacks its log group is reported, not failed', async () => {
    const { response } = await answerFor(server(), cfnEvent('Create', server().url), without('log-group'));
    expect(response.Status).toBe('SUCCESS');
    expect(response.Data?.Status).toBe('NON_COMPLIANT');
    expect(response.Reason).toContain('does not exist; the enforcer does not create it');
  });
});
