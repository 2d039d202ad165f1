/**
 * CloudWatch Logs delivery errors from the GetTrailStatus answer the run already reads
 * (src/discover/delivery.ts). moto's GetTrailStatus has no delivery fields: these use the SDK's real
 * output shape through aws-sdk-client-mock (test/integration/delivery-error.test.ts corrects moto's
 * answer on the wire for the emulator run).
 */
import { GetTrailStatusCommand, type GetTrailStatusCommandOutput } from '@aws-sdk/client-cloudtrail';
import { DELIVERY_SLACK_MS, DELIVERY_STALE_MS, deliveryTrouble } from '../../src/discover/delivery';
import { compliant, LOG_GROUP, ourTrail, TRAIL_ARN } from '../support/builders';
import { runOn } from './support/run';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const ERROR = 'Access denied. Verify in IAM that the role has adequate permissions.';
const ROLE = 'arn:aws:iam::123456789012:role/CloudTrailToCloudWatchLogs';
const ago = (ms: number) => new Date(NOW - ms);
const MIN = 60_000;

type Status = Omit<GetTrailStatusCommandOutput, '$metadata'>;
const status = (fields: Status): GetTrailStatusCommandOutput => ({
  IsLogging: true,
  $metadata: {},
  ...fields,
});

describe('deliveryTrouble: is the error newer than the last successful delivery?', () => {
  const trail = ourTrail(compliant());

  it.each<[string, Status, boolean | undefined]>([
    ['no error reported', { LatestCloudWatchLogsDeliveryTime: ago(MIN) }, undefined],
    ['an empty error string', { LatestCloudWatchLogsDeliveryError: ' ' }, undefined],
    ['an error and no successful delivery ever', { LatestCloudWatchLogsDeliveryError: ERROR }, true],
    [
      'an error; S3 delivered well after the last CloudWatch Logs delivery',
      {
        LatestCloudWatchLogsDeliveryError: ERROR,
        LatestCloudWatchLogsDeliveryTime: ago(40 * MIN),
        LatestDeliveryTime: ago(2 * MIN),
      },
      true,
    ],
    [
      'an error; the last CloudWatch Logs delivery is more than a day old',
      {
        LatestCloudWatchLogsDeliveryError: ERROR,
        LatestCloudWatchLogsDeliveryTime: ago(DELIVERY_STALE_MS + MIN),
      },
      true,
    ],
    [
      'an error; CloudWatch Logs delivered as recently as S3 (the error is older)',
      {
        LatestCloudWatchLogsDeliveryError: ERROR,
        LatestCloudWatchLogsDeliveryTime: ago(3 * MIN),
        LatestDeliveryTime: ago(DELIVERY_SLACK_MS / 2),
      },
      false,
    ],
    [
      'an error; S3 delivered within the slack after CloudWatch Logs',
      {
        LatestCloudWatchLogsDeliveryError: ERROR,
        LatestCloudWatchLogsDeliveryTime: ago(DELIVERY_SLACK_MS),
        LatestDeliveryTime: ago(MIN),
      },
      false,
    ],
  ])('%s → blocking %s', (_label, fields, blocking) => {
    expect(deliveryTrouble(status(fields), trail, LOG_GROUP, NOW)?.blocking).toBe(blocking);
  });

  it('names the error, the role and the fix, and says the enforcer leaves the role alone', () => {
    const found = deliveryTrouble(
      status({ LatestCloudWatchLogsDeliveryError: ERROR }),
      trail,
      LOG_GROUP,
      NOW,
    );
    expect(found?.message).toBe(
      `trail management-events is not delivering to log group ${LOG_GROUP}: CloudTrail reports "${ERROR}" (last successful delivery never, last S3 delivery never), so no metric filter there counts an event and no alarm can fire. Fix its CloudWatch Logs role ${ROLE}: it must exist, trust cloudtrail.amazonaws.com and allow logs:CreateLogStream and logs:PutLogEvents on ${LOG_GROUP} (or point the trail at a role that does with aws cloudtrail update-trail --cloud-watch-logs-role-arn); the enforcer never changes the trail's role`,
    );
  });

  it('says so when the trail names no role', () => {
    const { CloudWatchLogsRoleArn: _role, ...bare } = trail;
    const found = deliveryTrouble(status({ LatestCloudWatchLogsDeliveryError: ERROR }), bare, LOG_GROUP, NOW);
    expect(found?.message).toContain('Fix it names no CloudWatch Logs role');
  });
});

/** A run on the compliant account whose GetTrailStatus answers `fields` (times relative to now). */
function runWith(fields: Status, env: Record<string, string> = {}) {
  return runOn(compliant(env), {
    env,
    arrange: (mocks) => mocks.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true, ...fields }),
  });
}

describe('a run on a trail that does not deliver', () => {
  it('every selected control is NON_COMPLIANT, its verdict not satisfied, and nothing is written', async () => {
    const run = await runWith(
      { LatestCloudWatchLogsDeliveryError: ERROR },
      { CONTROLS: 'security-group-changes,root-usage' },
    );
    expect(run.report.status).toBe('NON_COMPLIANT');
    const parts = run.report.controls ?? [];
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.status).toBe('NON_COMPLIANT');
      expect(part.verdict?.satisfied).toBe(false);
    }
    expect(run.report.findings[0]).toContain(`CloudTrail reports "${ERROR}"`);
    expect(run.report.findings[0]).toContain(ROLE);
    // The trail's role is never changed: no CloudTrail write (the other control's filter and alarm are built).
    expect(run.writes.filter((w) => /Trail|Logging/.test(w.command))).toEqual([]);
    expect(
      run.mocks.cloudtrail
        .calls()
        .map((c) => c.args[0].constructor.name)
        .sort(),
    ).toEqual(['DescribeTrailsCommand', 'GetTrailStatusCommand']);
  });

  it('the single control: NON_COMPLIANT with the finding, the verdict agreeing', async () => {
    const run = await runWith({
      LatestCloudWatchLogsDeliveryError: ERROR,
      LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 2 * 60 * MIN),
      LatestDeliveryTime: new Date(Date.now() - MIN),
    });
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.verdict?.satisfied).toBe(false);
    expect(run.report.verdict?.problems.some((p) => p.includes(ERROR))).toBe(true);
  });

  it('an error older than the last delivery is told, not blocking: COMPLIANT', async () => {
    const run = await runWith({
      LatestCloudWatchLogsDeliveryError: ERROR,
      LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - MIN),
      LatestDeliveryTime: new Date(Date.now() - 2 * MIN),
    });
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.report.findings[0]).toMatch(/reported a CloudWatch Logs delivery error .* but delivered to /);
    expect(run.report.verdict?.satisfied).toBe(true);
  });

  it('reads GetTrailStatus once, as before: no extra call', async () => {
    const run = await runWith({ LatestCloudWatchLogsDeliveryError: ERROR });
    const calls = run.mocks.cloudtrail.commandCalls(GetTrailStatusCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([{ Name: TRAIL_ARN }]);
  });
});
