/**
 * A second multi-region logging trail (a decoy whose CloudWatch Logs role is broken) cannot take the
 * control away from the trail whose log group holds the enforcer's chain; a real move of log group is
 * told with both names. The real handler against the emulator, through the AWS-faithful layer.
 */
import {
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateLogGroupCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { AccountClients } from '../../scripts/lib/seed';
import { CONTROL, TRAIL } from '../../scripts/lib/seed';
import { useWorld } from './support/harness';
import { tamper } from './support/tamper';

const DECOY = { name: 'aaa-decoy', logGroupName: 'decoy-logs' };
const DECOY_ARN = TRAIL.arn.replace('management-events', DECOY.name);

/** A person creates the decoy, listed first: multi-region, logging, naming its own empty group (delivery role broken). */
async function createDecoy(c: AccountClients): Promise<void> {
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: DECOY.logGroupName }));
  await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: DECOY.name,
      S3BucketName: TRAIL.bucket,
      IsMultiRegionTrail: true,
      CloudWatchLogsLogGroupArn: TRAIL.logGroupArn.replace(TRAIL.logGroupName, DECOY.logGroupName),
      CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/no-such-delivery-role',
    }),
  );
  await c.cloudtrail.send(new StartLoggingCommand({ Name: DECOY_ARN }));
  // The real trail recreated as it was (its log group and filters stay): the emulator now lists the
  // decoy first, as AWS may (DescribeTrails promises no order).
  await c.cloudtrail.send(new DeleteTrailCommand({ Name: TRAIL.name }));
  await c.cloudtrail.send(
    new CreateTrailCommand({
      Name: TRAIL.name,
      S3BucketName: TRAIL.bucket,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      CloudWatchLogsLogGroupArn: TRAIL.logGroupArn,
      CloudWatchLogsRoleArn: TRAIL.roleArn,
    }),
  );
  await c.cloudtrail.send(new StartLoggingCommand({ Name: TRAIL.arn }));
  const listed = await c.cloudtrail.send(new DescribeTrailsCommand({}));
  expect(listed.trailList?.map((t) => t.Name)).toEqual([DECOY.name, TRAIL.name]);
}

async function filterNames(c: AccountClients, logGroupName: string): Promise<string[]> {
  const out = await c.logs.send(new DescribeMetricFiltersCommand({ logGroupName }));
  return (out.metricFilters ?? []).map((f) => f.filterName ?? '');
}

describe('a decoy trail beside the real one', () => {
  const world = useWorld('compliant');

  it('the chain stays on the real trail; deleting the real filter afterwards is repaired there, not COMPLIANT', async () => {
    await createDecoy(world.account);

    const first = await world.invoke('schedule');
    expect(first.report).toMatchObject({
      status: 'COMPLIANT',
      trail: TRAIL.arn,
      logGroup: TRAIL.logGroupName,
    });
    expect(first.writes).toEqual([]);

    await tamper.deleteFilter(world.account);
    const run = await world.invoke('cloudtrail-delete-metric-filter');

    expect(run.report).toMatchObject({ status: 'REPAIRED', trail: TRAIL.arn, logGroup: TRAIL.logGroupName });
    expect(run.writes).toEqual(['logs:PutMetricFilter']);
    expect(await filterNames(world.account, TRAIL.logGroupName)).toContain(CONTROL.filterName);
    expect(await filterNames(world.account, DECOY.logGroupName)).toEqual([]);
  });

  it('the real trail made single-region: the control moves to the decoy, and the alert says from where, to where and why', async () => {
    await createDecoy(world.account);
    await tamper.updateTrail(world.account, { IsMultiRegionTrail: false });

    const run = await world.invoke('cloudtrail-update-trail');

    expect(run.report).toMatchObject({ trail: DECOY_ARN, logGroup: DECOY.logGroupName, errors: [] });
    expect(run.report.news).toContain(
      `the control moved from log group ${TRAIL.logGroupName} (trail ${TRAIL.name}) to log group ${DECOY.logGroupName} (trail ${DECOY.name}): trail ${TRAIL.name} is not multi-region; the enforcer's filter on ${TRAIL.logGroupName} was left in place`,
    );
    expect(run.alerts).toHaveLength(1);
    expect(await filterNames(world.account, DECOY.logGroupName)).toContain(CONTROL.filterName);
    // Never deleted: the old filter still writes our metric, a foreign writer now (blocking).
    expect(await filterNames(world.account, TRAIL.logGroupName)).toContain(CONTROL.filterName);
    expect(run.report.status).toBe('NON_COMPLIANT');
  });
});
