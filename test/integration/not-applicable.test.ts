/**
 * NOT_APPLICABLE against the emulator with the real handler. A member account whose only trail is the
 * management account's organization trail: moto lists only the caller's own trails, so DescribeTrails
 * is corrected on the wire (support/rewrites.ts) to AWS's answer in a member account (the organization
 * trail, as a shadow trail of the management account). A multi-region trail whose log group is in
 * another region is real moto state: the trail is created in eu-west-1 and listed here as moto's shadow.
 */
import { join } from 'node:path';
import {
  CloudTrailClient,
  CreateTrailCommand,
  DeleteTrailCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ACCOUNT_ID } from '../../scripts/lib/emulator';
import { TRAIL } from '../../scripts/lib/seed';
import { cfnEvent } from '../deploy/cfn-events';
import { type ResponseServer, startResponseServer } from '../deploy/response-server';
import { loadHandler } from './support/handler';
import { DEFAULT_ENV, useWorld, workerEndpoint } from './support/harness';
import { useAnswerRewrites } from './support/rewrites';

const MANAGEMENT = '210987654321';
const ORG_TRAIL = {
  Name: 'org-trail',
  TrailARN: `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  S3BucketName: 'aws-controltower-logs',
  CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:aws-controltower/CloudTrailLogs:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${MANAGEMENT}:role/aws-controltower-CloudWatchLogsRole`,
  HasCustomEventSelectors: false,
};
const memberTrails = { 'cloudtrail:DescribeTrails': () => ({ trailList: [ORG_TRAIL] }) };
const ORG_REASON = `this account's CloudTrail is the organization trail org-trail of account ${MANAGEMENT}, home region us-east-1 (log group aws-controltower/CloudTrailLogs): the enforcer belongs there`;

/** Moves the account's trail to eu-west-1 on the bare emulator: the old one deleted, a new one there. */
async function moveTrailTo(region: string): Promise<void> {
  const options = {
    endpoint: workerEndpoint(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const here = new CloudTrailClient({ ...options, region: 'us-east-1' });
  const there = new CloudTrailClient({ ...options, region });
  const logs = new CloudWatchLogsClient({ ...options, region });
  try {
    await here.send(new DeleteTrailCommand({ Name: TRAIL.name }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'trail-logs' }));
    await there.send(
      new CreateTrailCommand({
        Name: 'moved',
        S3BucketName: TRAIL.bucket,
        IsMultiRegionTrail: true,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:trail-logs:*`,
        CloudWatchLogsRoleArn: TRAIL.roleArn,
      }),
    );
    await there.send(new StartLoggingCommand({ Name: 'moved' }));
  } finally {
    for (const client of [here, there, logs]) client.destroy();
  }
}

describe('a member account of an organization trail (fresh: nothing of the enforcer here)', () => {
  const world = useWorld('fresh');
  const rewrites = useAnswerRewrites();
  let server: ResponseServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a scheduled run reports NOT_APPLICABLE naming the management account, writes nothing, alerts nobody', async () => {
    rewrites.set(memberTrails);
    const run = await world.invoke('schedule');
    expect(run.report).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: ORG_REASON,
      deployInstead: [{ accountId: MANAGEMENT, region: 'us-east-1', trail: 'org-trail', organization: true }],
      errors: [],
    });
    expect(run.writes).toEqual([]);
    expect(run.alerts).toEqual([]);
    // Its own resources looked for: one DescribeAlarms, the region's page of filters.
    expect(run.calls.filter((c) => c.operation === 'DescribeAlarms')).toHaveLength(1);
  });

  it('the deploy-time reconcile (the real handler, a CloudFormation Create) answers SUCCESS', async () => {
    rewrites.set(memberTrails);
    server = await startResponseServer();
    const quiet = (['log', 'info', 'warn', 'error'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation(() => undefined),
    );
    try {
      const handler = loadHandler(join(__dirname, '..', '..', 'handlers', 'reconcile'), DEFAULT_ENV);
      await handler(cfnEvent('Create', server.url));
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.body).toMatchObject({
      Status: 'SUCCESS',
      Reason: `not applicable in ${ACCOUNT_ID} us-east-1, nothing to keep here: ${ORG_REASON}`,
      Data: { Status: 'NOT_APPLICABLE' },
    });
  });
});

describe('a multi-region trail whose log group is in another region', () => {
  describe('nothing of the enforcer in this region', () => {
    const world = useWorld('fresh');

    it('NOT_APPLICABLE in us-east-1, naming eu-west-1; no alert', async () => {
      await moveTrailTo('eu-west-1');
      const run = await world.invoke('schedule');
      expect(run.report).toMatchObject({
        status: 'NOT_APPLICABLE',
        regionHint: 'eu-west-1',
        reason: "trail moved's log group trail-logs is in eu-west-1: deploy the enforcer in eu-west-1",
      });
      expect(run.writes).toEqual([]);
      expect(run.alerts).toEqual([]);
    });
  });

  describe('the enforcer guarded this region (its filter, alarm and topic are here)', () => {
    const world = useWorld('compliant');

    it('NON_COMPLIANT with an alert saying the trail now delivers elsewhere', async () => {
      await moveTrailTo('eu-west-1');
      const run = await world.invoke('cloudtrail-update-trail');
      expect(run.report.status).toBe('NON_COMPLIANT');
      expect(run.report.findings.at(-1)).toMatch(
        /^the enforcer guarded us-east-1 \(alarm\(s\) CIS-4\.10-SecurityGroupChanges; metric filter\(s\) CIS-4\.10-SecurityGroupChanges on aws-cloudtrail-logs-123456789012-management\), but no trail of this account delivers to a log group in us-east-1 any more: trail moved's log group trail-logs is in eu-west-1/,
      );
      expect(run.writes).toEqual([]);
      expect(run.alerts).toHaveLength(1);
    });
  });
});
