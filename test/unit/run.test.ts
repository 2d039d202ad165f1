import { createClients } from '../../src/aws/clients';
import { runEvent } from '../../src/triggers/run';
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

describe('runEvent: values that cannot be turned into text the usual way', () => {
  it.each([
    ['detail-type', { 'detail-type': { toString: 1 } }, /unrecognised EventBridge event: \{"toString":1\}/],
    [
      'errorCode',
      {
        'detail-type': 'AWS API Call via CloudTrail',
        detail: { eventName: 'DeleteAlarms', errorCode: { valueOf: 'x', toString: null } },
      },
      /the call failed \(\{"valueOf":"x","toString":null\}\)/,
    ],
  ])('an object as %s gives a readable IGNORED reason', async (_field, event, reason) => {
    const report = await runEvent({ clients, config: configFor() }, event);
    expect(report.status).toBe('IGNORED');
    expect(report.reason).toMatch(reason);
  });
});
