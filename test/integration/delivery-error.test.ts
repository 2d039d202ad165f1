/**
 * A trail that is configured with its log group but does not deliver to it, against the emulator with
 * the real handler. moto's GetTrailStatus has no CloudWatch Logs delivery fields: its answer is
 * corrected on the wire (support/rewrites.ts) to what AWS answers when the trail's CloudWatch Logs role
 * was deleted (an error and no delivery since).
 */
import { TRAIL } from '../../scripts/lib/seed';
import { useWorld } from './support/harness';
import { useAnswerRewrites } from './support/rewrites';
import { expectHealedAndQuiet } from './support/tamper';

const ERROR = 'Access denied. Verify in IAM that the role has adequate permissions.';

describe('CloudWatch Logs delivery failing (the trail role broken)', () => {
  const world = useWorld('compliant');
  const rewrites = useAnswerRewrites();

  it('is NON_COMPLIANT with an alert naming the error and the role; nothing is written, the trail untouched', async () => {
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    rewrites.set({
      'cloudtrail:GetTrailStatus': (answer) => ({
        ...answer,
        LatestCloudWatchLogsDeliveryError: ERROR,
        LatestCloudWatchLogsDeliveryTime: hourAgo,
        LatestDeliveryTime: Date.now() / 1000,
      }),
    });
    const run = await world.invoke('schedule');
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.verdict?.satisfied).toBe(false);
    const finding = run.report.findings.find((f) => f.includes('is not delivering to log group'));
    expect(finding).toContain(`CloudTrail reports "${ERROR}"`);
    expect(finding).toContain(`Fix its CloudWatch Logs role ${TRAIL.roleArn}`);
    expect(run.writes).toEqual([]);
    expect(run.alerts).toHaveLength(1);
    expect(
      run.calls
        .filter((c) => c.service === 'cloudtrail')
        .map((c) => c.operation)
        .sort(),
    ).toEqual(['DescribeTrails', 'GetTrailStatus']);
  });

  it("without the error (moto's own answer) the same account is COMPLIANT and quiet", async () => {
    const run = await world.invoke('schedule');
    expect(run.report.status).toBe('COMPLIANT');
    expect(run.report.logGroup).toBe(TRAIL.logGroupName);
    await expectHealedAndQuiet(world, 'schedule');
  });
});
