import { createClients } from '../../src/clients';
import { runEvent } from '../../src/run';
import { configFor } from '../support/builders';

const clients = createClients('us-east-1');

describe('runEvent: skipped events', () => {
  it.each([
    ['enforce', 'enforce'],
    ['detect', 'detect'],
  ])('an IGNORED report carries the configured mode (%s)', async (mode, expected) => {
    const report = await runEvent({ clients, config: configFor({ MODE: mode }) }, [1, 2]);
    expect(report).toMatchObject({ status: 'IGNORED', mode: expected, changes: [], errors: [] });
    expect(report.reason).toMatch(/unrecognised event of type array/);
  });
});
