/**
 * The fault table for the calls a fire drill adds (DescribeAlarms of the drilled alarms, SetAlarmState,
 * DescribeAlarmHistory while waiting) and for the alert's ListAccountAliases: each AWS-side fault, with the
 * services' real exception classes. A drill never passes on a fault: a failed read or write of the drill
 * is an ERROR naming action, resource and code; a history that cannot be read while waiting leaves the
 * notification "not seen" (NON_COMPLIANT) saying which read failed. A failed alias lookup changes nothing
 * but the name in the alert.
 */
import {
  CloudWatchServiceException,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { IAMClient, IAMServiceException, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { runDrill } from '../../src/drill';
import { createNotifier } from '../../src/notify';
import { aliasLookup } from '../../src/notify/alias';
import { type AccountMocks, compliant, configFor, mockAccount, REGION } from '../support/builders';

const ALARM = 'CIS-4.10-SecurityGroupChanges';
const $metadata = { httpStatusCode: 400, requestId: 'fault-injection' };
const cloudwatchFault = (name: string, message: string) =>
  new CloudWatchServiceException({ name, $fault: 'client', message, $metadata });
const FAULTS = {
  throttling: () => cloudwatchFault('Throttling', 'Rate exceeded'),
  denied: () => cloudwatchFault('AccessDenied', 'not authorized to perform this action'),
  network: () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  timeout: () => Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' }),
};
const codeOf = (e: Error) => ((e as Error & { code?: unknown }).code as string | undefined) ?? e.name;

/** A clock whose sleeps pass at once. */
const fastClock = () => {
  let now = Date.parse('2026-11-26T09:00:00Z');
  const sleep = async (ms: number) => {
    now += ms;
  };
  return { now: () => now, sleep };
};

let mocks: AccountMocks | undefined;
afterEach(() => {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  mocks = undefined;
});

const ROWS = Object.entries(FAULTS).flatMap(([kind, error]) => [
  { label: `cloudwatch:SetAlarmState ${kind}`, action: 'cloudwatch:SetAlarmState', kind, error },
  { label: `cloudwatch:DescribeAlarms (drill) ${kind}`, action: 'cloudwatch:DescribeAlarms', kind, error },
]);

describe("a drill's own calls, failing", () => {
  it.each(ROWS)('$label → ERROR naming action, resource and code; no alarm counted as heard', async (row) => {
    const state = compliant();
    mocks = mockAccount(state);
    const fake = async () => Promise.reject(row.error());
    if (row.action === 'cloudwatch:SetAlarmState') mocks.cloudwatch.on(SetAlarmStateCommand).callsFake(fake);
    else {
      // The run's observation reads the alarm first (served from the account); the drill's read fails.
      let reads = 0;
      mocks.cloudwatch.on(DescribeAlarmsCommand).callsFake(async ({ AlarmNames }) => {
        reads += 1;
        if (reads > 1) return fake();
        return {
          MetricAlarms: state.alarms.filter((a) => AlarmNames?.includes(a.AlarmName ?? '')),
          CompositeAlarms: [],
        };
      });
    }
    const report = await runDrill(
      { clients: createClients(REGION), config: configFor() },
      { kind: 'drill', by: 'manual' },
      { clock: fastClock() },
    );
    expect(report.status).toBe('ERROR');
    expect(report.errors).toContainEqual(
      expect.objectContaining({ action: row.action, resource: ALARM, code: codeOf(row.error()) }),
    );
    expect(report.drill?.alarms.some((a) => a.outcome === 'handed-to-sns')).toBe(false);
  });

  it.each(Object.entries(FAULTS))(
    'cloudwatch:DescribeAlarmHistory %s while waiting → not seen, NON_COMPLIANT, naming the failed read',
    async (_, error) => {
      mocks = mockAccount(compliant());
      mocks.cloudwatch.on(DescribeAlarmHistoryCommand).callsFake(async () => Promise.reject(error()));
      const report = await runDrill(
        { clients: createClients(REGION), config: configFor() },
        { kind: 'drill', by: 'manual' },
        { clock: fastClock() },
      );
      expect(report.status).toBe('NON_COMPLIANT');
      expect(report.drill?.alarms[0]).toMatchObject({ outcome: 'not-seen', stateSet: true });
      expect(report.drill?.alarms[0]?.reason).toContain(`cloudwatch:DescribeAlarmHistory ${codeOf(error())}`);
    },
  );
});

describe('iam:ListAccountAliases, failing', () => {
  const iam = mockClient(IAMClient);
  afterAll(() => iam.restore());

  it.each([
    [
      'throttling',
      new IAMServiceException({ name: 'Throttling', $fault: 'client', message: 'Rate exceeded', $metadata }),
    ],
    [
      'denied',
      new IAMServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        message: 'not authorized',
        $metadata,
      }),
    ],
    ['network', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ])('%s → the alert is sent, naming the id alone', async (_, error) => {
    iam.reset();
    iam.on(ListAccountAliasesCommand).rejects(error);
    const notifier = createNotifier({
      sns: new SNSClient({ region: REGION }),
      config: configFor(),
      alias: aliasLookup(new IAMClient({ region: REGION })),
    });
    mocks = mockAccount(compliant());
    mocks.sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const report = await runDrill(
      { clients: createClients(REGION), config: configFor() },
      { kind: 'drill', by: 'manual' },
      { clock: fastClock() },
    );
    const notified = await notifier.notify(report);
    expect(notified.notification).toMatchObject({ sent: true });
    expect(notified).not.toHaveProperty('accountAlias');
    expect(mocks.sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject).toMatch(/^CIS 4\.10 DRILL: /);
  });
});
