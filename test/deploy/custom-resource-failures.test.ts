import { createClients } from '../../src/aws/clients';
import { ConfigError } from '../../src/config';
import type { Deps } from '../../src/reconcile';
import type { Report } from '../../src/report';
import { answerCloudFormation } from '../../src/triggers/deploy';
import { runEvent } from '../../src/triggers/run';
import { compliant, configFor, mockAccount, REGION, without } from '../support/builders';
import { answerFor, setupFor, useResponseServer, waitFor } from './answer';
import { cfnEvent } from './cfn-events';

const server = useResponseServer();

describe('FAILED only when the user must act before the enforcer can', () => {
  it.each(['Create', 'Update'] as const)(
    '%s with no qualifying trail fails with the reason',
    async (type) => {
      const { response } = await answerFor(server(), cfnEvent(type, server().url), without('trail'));
      expect(response).toMatchObject({
        Status: 'FAILED',
        Reason:
          'no CloudTrail trail qualifies in 123456789012 us-east-1: no CloudTrail trail exists in this account',
        Data: { Status: 'NON_COMPLIANT', Changes: '0' },
      });
    },
  );

  it('an invalid configuration fails Create with every bad variable, without reconciling', async () => {
    const configError = new ConfigError([
      'MODE="fix" must be one of enforce, detect',
      'SUBSCRIPTIONS entry "x" must be protocol:endpoint',
    ]);
    const run = jest.fn<Promise<Report>, [Deps]>();
    const response = await answerCloudFormation(cfnEvent('Create', server().url), { configError }, run);
    expect(run).not.toHaveBeenCalled();
    expect(server().received.map((r) => r.body)).toEqual([response]);
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason:
        'invalid configuration: MODE="fix" must be one of enforce, detect; SUBSCRIPTIONS entry "x" must be protocol:endpoint',
      Data: { Status: 'CONFIG_ERROR' },
    });
  });

  it('an invalid configuration does not block deleting the stack', async () => {
    const configError = new ConfigError(['MODE="fix" must be one of enforce, detect']);
    const response = await answerCloudFormation(cfnEvent('Delete', server().url), { configError }, jest.fn());
    expect(response.Status).toBe('SUCCESS');
  });
});

describe('deadlines and delivery', () => {
  it('answers before the deadline while the run goes on, and returns only when the run has finished', async () => {
    let finish: (report: Report) => void = () => undefined;
    const slow = () =>
      new Promise<Report>((resolve) => {
        finish = resolve;
      });
    let returned = false;
    const answered = answerCloudFormation(cfnEvent('Create', server().url), setupFor(), slow, {
      deadlineMs: 50,
    }).then((r) => {
      returned = true;
      return r;
    });
    await waitFor(() => server().received.length === 1);
    expect(server().received[0]?.body).toMatchObject({ Status: 'SUCCESS', Data: { Status: 'RUNNING' } });
    expect(returned).toBe(false);
    mockAccount(compliant());
    finish(await runEvent({ config: configFor(), clients: createClients(REGION) }, {}));
    expect((await answered).Reason).toMatch(/^reconcile still running after 0 s/);
    expect(server().received).toHaveLength(1); // answered once, at the deadline
  });

  it('throws when the answer cannot be delivered, so Lambda retries the invocation', async () => {
    server().statuses = [500, 500, 500];
    const event = cfnEvent('Delete', server().url);
    await expect(answerCloudFormation(event, setupFor(), jest.fn())).rejects.toThrow(
      'could not answer CloudFormation: the response URL answered HTTP 500',
    );
  });
});
