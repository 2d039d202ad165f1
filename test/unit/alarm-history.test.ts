/**
 * Item 5 of issue 16: a failed publish of our alarm shows only in its alarm history. moto 5.2.5 has no
 * DescribeAlarmHistory, so these tests answer it with mocks of the SDK's real shapes: AWS's Action items
 * (HistorySummary `Successfully executed action …` / `Failed to execute action … Received error: "…"`,
 * HistoryData JSON with actionState, notificationResource, error; see the AWS Knowledge Center article
 * "Why didn't I receive an SNS notification for my CloudWatch alarm trigger?").
 */
import {
  type AlarmHistoryItem,
  CloudWatchClient,
  CloudWatchServiceException,
  DescribeAlarmHistoryCommand,
} from '@aws-sdk/client-cloudwatch';
import { GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { failedSinceSuccess, HISTORY_MAX_RECORDS, toActionRecord } from '../../src/observe/alarm-history';
import { startHistoryReads } from '../../src/plan/alarm-actions';
import { runEvent } from '../../src/triggers/run';
import {
  ACCOUNT,
  type AccountMocks,
  compliant,
  configFor,
  mockAccount,
  REGION,
  TOPIC_ARN,
  without,
  writesSent,
} from '../support/builders';
import { actionItem } from './support/alarm-history-mock';

const ALARM = 'CIS-4.10-SecurityGroupChanges';
const ALARM_ARN = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${ALARM}`;
const POLICY_ERROR = `Resource: ${ALARM_ARN} is not authorized to perform: SNS:Publish on resource: ${TOPIC_ARN}`;
const KMS_ERROR =
  'null (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: c97514c0; Proxy: null)';

/** An Action item of our alarm (on our topic unless `topic`), succeeded or failed with `error`. */
const action = (at: string, ok: boolean, error = POLICY_ERROR, topic = TOPIC_ARN): AlarmHistoryItem =>
  actionItem(ALARM, new Date(at), topic, ok ? undefined : error);

const schedule = { 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2026-11-26T06:00:00Z' };
const clients = createClients(REGION);
let mocks: AccountMocks | undefined;
afterEach(() => {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  mocks = undefined;
});

/** A compliant account whose alarm history answers `items`; runs `event` through the real entry point. */
async function run(event: unknown, items: AlarmHistoryItem[]) {
  mocks = mockAccount(compliant());
  mocks.cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: items });
  const report = await runEvent({ clients, config: configFor() }, event);
  return { report, reads: mocks.cloudwatch.commandCalls(DescribeAlarmHistoryCommand) };
}

describe('an Action item of the alarm history', () => {
  it('reads HistoryData: state, the topic, and the error AWS recorded', () => {
    expect(toActionRecord(action('2026-11-20T10:00:00Z', false))).toMatchObject({
      ok: false,
      resource: TOPIC_ARN,
      reason: POLICY_ERROR,
    });
    expect(toActionRecord(action('2026-11-20T10:00:00Z', true))).toMatchObject({
      ok: true,
      resource: TOPIC_ARN,
    });
  });

  it('falls back to the summary when HistoryData is not JSON', () => {
    const item = { ...action('2026-11-20T10:00:00Z', false, KMS_ERROR), HistoryData: 'garbled' };
    expect(toActionRecord(item)).toMatchObject({ ok: false, resource: TOPIC_ARN, reason: KMS_ERROR });
  });

  it('is not a state update or a configuration change', () => {
    const update = { ...action('2026-11-20T10:00:00Z', true), HistoryItemType: 'StateUpdate' as const };
    expect(toActionRecord(update)).toBeUndefined();
  });
});

describe('failures since the last success', () => {
  const at = (h: number) => `2026-11-20T${String(h).padStart(2, '0')}:00:00Z`;
  const records = (items: AlarmHistoryItem[]) => items.flatMap((i) => toActionRecord(i) ?? []);

  it.each([
    ['a failure after a success', [action(at(9), true), action(at(10), false)], 1],
    ['two failures after a success', [action(at(9), true), action(at(10), false), action(at(11), false)], 2],
    ['a failure fixed since (a later success)', [action(at(9), false), action(at(10), true)], 0],
    ['failures and never a success', [action(at(9), false)], 1],
    ['only successes', [action(at(9), true)], 0],
    ['no history', [], 0],
  ])('%s → %s counted', (_, items, count) => {
    expect(failedSinceSuccess(records(items), TOPIC_ARN)).toHaveLength(count);
  });

  it("another action's success does not clear a failure to notify our topic", () => {
    // Someone adds an action of their own that succeeds: our topic still heard nothing.
    const theirs = 'arn:aws:sns:us-east-1:123456789012:their-topic';
    const items = [action(at(9), false), action(at(10), true, '', theirs)];
    expect(failedSinceSuccess(records(items), TOPIC_ARN)).toHaveLength(1);
    // And their failures are not our chain's.
    expect(failedSinceSuccess(records([action(at(9), false, KMS_ERROR, theirs)]), TOPIC_ARN)).toEqual([]);
  });
});

describe('the run reads the history on the daily sweep and manual runs only', () => {
  it('a failed publish since the last success makes the sweep NON_COMPLIANT, quoting AWS, and writes nothing', async () => {
    const { report, reads } = await run(schedule, [
      action('2026-11-25T08:00:00Z', false),
      action('2026-11-20T08:00:00Z', true),
    ]);
    expect(report.status).toBe('NON_COMPLIANT');
    const finding = report.findings.find((f) => f.includes('failed to notify'));
    expect(finding).toContain(`alarm ${ALARM} failed to notify ${TOPIC_ARN} once`);
    expect(finding).toContain(`AWS said "${POLICY_ERROR}"`);
    expect(finding).toContain('{"drill": true}');
    expect(reads).toHaveLength(1);
    expect(writesSent(mocks as AccountMocks)).toEqual([]);
  });

  it('asks for the Action items of our alarm over 30 days, newest first, one page', async () => {
    const { reads } = await run(schedule, []);
    const input = reads[0]?.args[0].input;
    expect(input).toMatchObject({
      AlarmName: ALARM,
      HistoryItemType: 'Action',
      MaxRecords: HISTORY_MAX_RECORDS,
      ScanBy: 'TimestampDescending',
    });
    const days = ((input?.EndDate?.getTime() ?? 0) - (input?.StartDate?.getTime() ?? 0)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
  });

  it('a KMS failure is quoted as AWS recorded it; a manual run reads it too', async () => {
    const { report } = await run({}, [action('2026-11-25T08:00:00Z', false, KMS_ERROR)]);
    expect(report.status).toBe('NON_COMPLIANT');
    expect(report.findings.join('\n')).toContain(KMS_ERROR);
  });

  it("a deleted alarm's old failures (CloudWatch keeps its history) are not judged: the alarm is rebuilt", async () => {
    mocks = mockAccount(without('alarm'));
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [action('2026-11-25T08:00:00Z', false)],
    });
    const report = await runEvent({ clients, config: configFor() }, schedule);
    expect(report.status).toBe('REPAIRED');
    expect(report.findings.join('\n')).not.toContain('failed to notify');
  });

  it('a success since the failure: COMPLIANT', async () => {
    const { report } = await run(schedule, [
      action('2026-11-25T09:00:00Z', true),
      action('2026-11-25T08:00:00Z', false),
    ]);
    expect(report.status).toBe('COMPLIANT');
  });

  it.each([
    ['a CloudTrail event', 'cloudtrail-delete-alarms'],
    ['a deploy', 'deploy'],
  ])('%s does not read it (no extra call on event-driven runs)', async (_, name) => {
    const event =
      name === 'deploy'
        ? { RequestType: 'Create', ResponseURL: 'https://cloudformation.example/x', StackId: 's' }
        : require(`../../events/${name}.json`);
    const { reads } = await run(event, [action('2026-11-25T08:00:00Z', false)]);
    expect(reads).toHaveLength(0);
  });

  it('a history read AWS refuses is an ERROR naming the action and the alarm, and repairs still happen', async () => {
    mocks = mockAccount(without('alarm'));
    const denied = new CloudWatchServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      message: 'not authorized to perform: cloudwatch:DescribeAlarmHistory',
      $metadata: {},
    });
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).rejects(denied);
    const report = await runEvent({ clients, config: configFor() }, schedule);
    expect(report.status).toBe('ERROR');
    expect(report.errors).toEqual([
      expect.objectContaining({
        action: 'cloudwatch:DescribeAlarmHistory',
        resource: ALARM,
        code: 'AccessDenied',
      }),
    ]);
    expect(writesSent(mocks).map((w) => w.command)).toEqual(['PutMetricAlarmCommand']);
  });
});

describe('nothing left running', () => {
  it('a run that ends early (discovery failed) returns only once the history read has answered', async () => {
    mocks = mockAccount(compliant());
    let answered = false;
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answered = true;
      return { AlarmHistoryItems: [] };
    });
    mocks.sts
      .on(GetCallerIdentityCommand)
      .rejects(
        new STSServiceException({ name: 'AccessDenied', $fault: 'client', message: 'denied', $metadata: {} }),
      );
    const report = await runEvent({ clients, config: configFor() }, schedule);
    expect(report.status).toBe('ERROR');
    expect(answered).toBe(true);
  });
});

describe('one read per alarm', () => {
  it('CONTROLS=all: fifteen reads, one per alarm, started together', async () => {
    const cloudwatch = mockClient(CloudWatchClient);
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    try {
      const config = configFor({ CONTROLS: 'all' });
      const pending = startHistoryReads(clients, config.controls, Date.now());
      await Promise.all(pending.values());
      const names = cloudwatch
        .commandCalls(DescribeAlarmHistoryCommand)
        .map((c) => c.args[0].input.AlarmName);
      expect(names).toHaveLength(15);
      expect(new Set(names)).toEqual(new Set(config.controls.map((c) => c.alarmName)));
    } finally {
      cloudwatch.restore();
    }
  });
});
