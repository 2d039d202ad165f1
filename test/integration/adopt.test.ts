/**
 * No duplicate chains (EXISTING_CHAINS=adopt, the default): a control that the user's own chain holds
 * gets nothing of the enforcer's; when that chain breaks, the run that sees it builds the enforcer's for
 * that control only and tells what broke and who did it. A chain that only looks right is not adopted.
 * The user's resources are read back unchanged after every run.
 */
import { DeleteAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CONTROL, snapshotUserResources, TRAIL, USER } from '../../scripts/lib/seed';
import { alertSubject } from '../../src/notify';
import { alertText } from '../../src/notify/body';
import { type EnforcerEnv, OWN_ROLE_ARN, useWorld } from './support/harness';

const ROOT_ONLY: EnforcerEnv = {
  CONTROLS: 'root-usage',
  SUBSCRIPTIONS: `email:${CONTROL.subscriber}`,
  ENFORCER_ROLE_ARN: OWN_ROLE_ARN,
};
const OWN_WRITES = ['logs:PutMetricFilter', 'monitoring:PutMetricAlarm'];

describe('a control the user already monitors (their RootAccountUsage chain holds CIS 4.3)', () => {
  const world = useWorld('fresh');

  it('is adopted: no filter, alarm or topic of ours; held by their chain; a second run writes nothing', async () => {
    const run = await world.invoke('schedule', ROOT_ONLY);
    expect(run.report).toMatchObject({ status: 'COMPLIANT', changes: [], errors: [] });
    expect(run.report.heldBy).toEqual([
      expect.objectContaining({
        filter: 'RootAccountUsage',
        alarm: 'RootAccountUsage',
        topic: USER.topicArn,
        ours: false,
      }),
    ]);
    expect(run.calls.filter((c) => c.write)).toEqual([]);
    expect(await snapshotUserResources(world.account)).toEqual(world.snapshot());
    const again = await world.invoke('schedule', ROOT_ONLY);
    expect(again.calls.filter((c) => c.write)).toEqual([]);
    expect(await snapshotUserResources(world.account)).toEqual(world.snapshot());
  });

  it('EXISTING_CHAINS=ignore builds ours beside theirs', async () => {
    const run = await world.invoke('schedule', { ...ROOT_ONLY, EXISTING_CHAINS: 'ignore' });
    expect(run.writes).toEqual(expect.arrayContaining(OWN_WRITES));
    expect(run.report.heldBy).toBeUndefined();
    expect(await snapshotUserResources(world.account)).toEqual(world.snapshot());
  });
});

describe('the adopted chain breaks', () => {
  const world = useWorld('compliant');
  const env: EnforcerEnv = { ...ROOT_ONLY, CONTROLS: 'root-usage, security-group-changes' };

  it("deleting the user's alarm makes the next run build ours for that control only, and the alert names the deletion and its actor", async () => {
    const first = await world.invoke('schedule', env);
    expect(first.calls.filter((c) => c.write)).toEqual([]);
    expect(first.report.controls?.find((p) => p.key === 'root-usage')?.heldBy).toHaveLength(1);

    await world.account.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['RootAccountUsage'] }));
    const before = await snapshotUserResources(world.account);
    const run = await world.invoke('cloudtrail-delete-user-alarm', env);
    expect(run.report.status).toBe('REPAIRED');
    expect(run.writes).toEqual(OWN_WRITES);
    const parts = Object.fromEntries((run.report.controls ?? []).map((p) => [p.key, p]));
    expect(parts['root-usage']?.status).toBe('REPAIRED');
    expect(parts['security-group-changes']?.status).toBe('COMPLIANT');
    expect(run.report.news).toContainEqual(
      expect.stringMatching(
        /^CIS-4\.3: no other chain holds it — RootAccountUsage → \(no alarm\).*no alarm on LogMetrics\/RootAccountUsageCount.*the enforcer built its own$/,
      ),
    );
    // One alert published; what it says is built from the report (src/notify).
    expect(run.alerts).toHaveLength(1);
    expect(alertSubject(run.report)).toBe(
      'CIS 1 of 2 controls metric filter, alarm built: other chain broke after DeleteAlarms by alice',
    );
    const body = alertText(run.report);
    expect(body).toContain('DeleteAlarms (monitoring.amazonaws.com)');
    expect(body).toContain('arn:aws:sts::123456789012:assumed-role/Admin/alice');
    expect(body).toContain('CIS-4.3: no other chain holds it — RootAccountUsage');
    expect(await snapshotUserResources(world.account)).toEqual({
      ...before,
      extraAlarmActions: before.extraAlarmActions,
    });

    const again = await world.invoke('schedule', env);
    expect(again.calls.filter((c) => c.write)).toEqual([]);

    // The team restores its alarm: both chains hold. Ours is never deleted; the report says how to.
    const rootAlarm = USER.alarms.find((a) => a.AlarmName === 'RootAccountUsage');
    if (!rootAlarm) throw new Error('the seed has no RootAccountUsage alarm');
    await world.account.cloudwatch.send(new PutMetricAlarmCommand(rootAlarm));
    const both = await world.invoke('schedule', env);
    expect(both.calls.filter((c) => c.write)).toEqual([]);
    const rootPart = both.report.controls?.find((p) => p.key === 'root-usage');
    expect(rootPart?.controlSatisfiedBy?.map((c) => c.filter)).toEqual([
      'CIS-4.3-RootAccountUsage',
      'RootAccountUsage',
    ]);
    expect(both.report.findings).toContainEqual(
      expect.stringMatching(
        /^CIS-4\.3: the control is held both by the enforcer's chain and by RootAccountUsage → RootAccountUsage → .*ops-alerts: each event alerts twice\. The enforcer's chain can be removed by hand: aws logs delete-metric-filter --region us-east-1 --log-group-name .* --filter-name CIS-4\.3-RootAccountUsage; aws cloudwatch delete-alarms --region us-east-1 --alarm-names CIS-4\.3-RootAccountUsage \(the enforcer will then keep watching theirs/,
      ),
    );
  });
});

describe('a chain that only looks right is not adopted: ours is built beside it', () => {
  const world = useWorld('fresh');
  const PATTERN = CONTROL.pattern;
  const env: EnforcerEnv = { SUBSCRIPTIONS: `email:${CONTROL.subscriber}`, ENFORCER_ROLE_ARN: OWN_ROLE_ARN };

  async function userChain(pattern: string, alarm: { actionsEnabled?: boolean; topic?: string } = {}) {
    const c = world.account;
    await c.logs.send(
      new PutMetricFilterCommand({
        logGroupName: TRAIL.logGroupName,
        filterName: 'team-sg-changes',
        filterPattern: pattern,
        metricTransformations: [
          { metricNamespace: 'Team', metricName: 'SecurityGroupChanges', metricValue: '1' },
        ],
      }),
    );
    await c.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'team-sg-changes',
        Namespace: 'Team',
        MetricName: 'SecurityGroupChanges',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        ActionsEnabled: alarm.actionsEnabled ?? true,
        AlarmActions: [alarm.topic ?? USER.topicArn],
      }),
    );
  }

  async function pendingTopic(): Promise<string> {
    const topic = await world.account.sns.send(new CreateTopicCommand({ Name: 'team-pending' }));
    const arn = topic.TopicArn ?? '';
    await world.account.sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'team@example.com' }),
    );
    return arn;
  }

  it('the same chain, written right, is adopted (the control of this table)', async () => {
    await userChain(PATTERN);
    const before = await snapshotUserResources(world.account);
    const run = await world.invoke('schedule', env);
    expect(run.calls.filter((c) => c.write)).toEqual([]);
    expect(run.report.heldBy?.map((c) => c.filter)).toEqual(['team-sg-changes']);
    expect(await snapshotUserResources(world.account)).toEqual(before);
  });

  it.each<[string, () => Promise<void>, RegExp]>([
    ['an &&-joined filter (it matches nothing)', () => userChain(PATTERN.replace(/\|\|/g, '&&')), /^$/],
    [
      'a silenced alarm',
      () => userChain(PATTERN, { actionsEnabled: false }),
      /team-sg-changes.*alarm actions are disabled/,
    ],
    [
      'a topic with only pending subscriptions',
      async () => userChain(PATTERN, { topic: await pendingTopic() }),
      /team-sg-changes.*team-pending/,
    ],
  ])('%s', async (_label, arrange, told) => {
    await arrange();
    const before = await snapshotUserResources(world.account);
    const run = await world.invoke('schedule', env);
    expect(run.writes).toEqual(expect.arrayContaining(OWN_WRITES));
    expect(run.report.heldBy).toBeUndefined();
    const news = (run.report.news ?? []).join('\n');
    if (told.source === '^$') expect(news).not.toContain('no other chain holds it');
    else expect(news).toMatch(told);
    expect(await snapshotUserResources(world.account)).toEqual(before);
  });
});
