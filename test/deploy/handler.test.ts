import type { Context } from 'aws-lambda';
import { BASE_ENV, without } from '../support/builders';
import { useResponseServer } from './answer';
import { cfnEvent } from './cfn-events';

type HandlerModule = typeof import('../../handlers/reconcile');
type Builders = typeof import('../support/builders');

/** Imports the handler (its cold start reads `env`) and the account mocks, in one fresh module registry. */
async function coldStart(
  env: Record<string, string>,
): Promise<HandlerModule & Pick<Builders, 'mockAccount'>> {
  const saved = { ...process.env };
  Object.assign(process.env, { ...BASE_ENV, LOG_LEVEL: 'SILENT', ...env });
  try {
    let loaded: (HandlerModule & Pick<Builders, 'mockAccount'>) | undefined;
    await jest.isolateModulesAsync(async () => {
      const { mockAccount } = await import('../support/builders');
      loaded = { ...(await import('../../handlers/reconcile')), mockAccount };
    });
    if (!loaded) throw new Error('the handler module did not load');
    return loaded;
  } finally {
    process.env = saved;
  }
}

const context = (remainingMs: number) => ({ getRemainingTimeInMillis: () => remainingMs }) as Context;

const server = useResponseServer();

describe('handlers/reconcile with a valid configuration', () => {
  it('answers a stack create through the whole handler: run, alert, answer', async () => {
    const { handler, mockAccount } = await coldStart({});
    mockAccount(without('alarm'));
    const answer = await handler(cfnEvent('Create', server().url), context(900_000));
    expect(server().received.map((r) => r.body)).toEqual([answer]);
    expect(answer).toMatchObject({ Status: 'SUCCESS', Data: { Status: 'REPAIRED', Changes: '1' } });
  });
});

describe('handlers/reconcile with an invalid configuration', () => {
  const bad = { MODE: 'fix' };

  it('loads, and answers a stack create FAILED naming the bad variable', async () => {
    const { handler } = await coldStart(bad);
    const answer = await handler(cfnEvent('Create', server().url), context(900_000));
    expect(server().received.map((r) => r.body)).toEqual([answer]);
    expect(answer).toMatchObject({
      Status: 'FAILED',
      Reason: 'invalid configuration: MODE="fix" must be one of enforce, detect',
    });
  });

  it('lets the stack be deleted', async () => {
    const { handler } = await coldStart(bad);
    expect(await handler(cfnEvent('Delete', server().url), context(900_000))).toMatchObject({
      Status: 'SUCCESS',
    });
  });

  it('fails every other invocation loudly with the same error', async () => {
    const { handler } = await coldStart(bad);
    await expect(handler({}, context(900_000))).rejects.toThrow(
      'invalid configuration: MODE="fix" must be one of enforce, detect',
    );
    expect(server().received).toEqual([]);
  });
});
