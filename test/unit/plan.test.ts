import { PROFILE_IDS } from '../../src/catalog/specs';
import type { ObservedKind } from '../../src/model';
import { plan } from '../../src/plan';
import { actualFrom, desiredFor, LOG_GROUP, TRAIL_ARN, trailView } from '../support/builders';
import { combined, type Drift, deleted, planDrift, stopped, summary } from './support/plan-rows';

const CONFIGS: readonly [string, Record<string, string>][] = [
  ['defaults', {}],
  [
    'every name configured',
    {
      FILTER_NAME: 'sg-changes',
      METRIC_NAMESPACE: 'Security',
      METRIC_NAME: 'SgChanges',
      ALARM_NAME: 'SG changes (prod)',
      TOPIC_NAME: 'security-alarms',
      SUBSCRIPTIONS:
        'email:a@example.com, https:https://hooks.example.com/x,sqs:arn:aws:sqs:us-east-1:123456789012:q',
    },
  ],
  [
    'a topic of another account by ARN, no subscriptions',
    { TOPIC_ARN: 'arn:aws:sns:us-east-1:999999999999:central', SUBSCRIPTIONS: '' },
  ],
];

describe('plan: the invariant', () => {
  it.each(PROFILE_IDS.flatMap((profile) => CONFIGS.map(([label, env]) => [profile, label, env] as const)))(
    'plan(d, actualFrom(d)) is empty: profile %s, %s',
    (profile, _label, env) => {
      const desired = desiredFor({ ...env, PATTERN_PROFILE: profile });
      expect(plan(desired, actualFrom(desired))).toEqual({ changes: [], findings: [] });
    },
  );
});

describe('plan: trail, log group, unobserved resources, order', () => {
  it('trail not logging → one trail change restarting it', () => {
    const p = planDrift((a) => ({ ...a, trail: trailView({ isLogging: false }) }));
    expect(summary(p)).toEqual({
      changes: [['trail', 'update']],
      reasons: ['trail management-events logging was stopped'],
      findings: [],
    });
    expect(p.changes[0]).toMatchObject({
      trailArn: TRAIL_ARN,
      before: { isLogging: false },
      after: { isLogging: true },
    });
  });

  it('log group missing → one blocking finding and no change at all, whatever else is missing', () => {
    const gone: Drift = (a) => ({
      ...a,
      logGroupExists: false,
      filter: undefined,
      alarm: undefined,
      topic: undefined,
    });
    const p = planDrift(gone);
    expect(summary(p)).toEqual({ changes: [], reasons: [], findings: [['log-group-missing', true]] });
    expect(p.findings[0]?.message).toContain(
      `log group ${LOG_GROUP} named by trail management-events does not exist`,
    );
  });

  it.each<[ObservedKind]>([['filter'], ['alarm'], ['topic']])(
    'unobserved %s → left alone (no change, no finding), the rest still planned',
    (kind) => {
      const drift: Drift = (a) => ({
        ...a,
        [kind]: undefined,
        unobserved: [kind],
        trail: trailView({ isLogging: false }),
      });
      expect(summary(planDrift(drift)).changes).toEqual([['trail', 'update']]);
    },
  );

  it('everything missing → changes in apply order: trail, topic, subscription, filter, alarm', () => {
    const all = combined(stopped, deleted('alarm'), deleted('filter'), deleted('topic'));
    expect(summary(planDrift(all)).changes).toEqual([
      ['trail', 'update'],
      ['topic', 'create'],
      ['subscription', 'create'],
      ['metric-filter', 'create'],
      ['alarm', 'create'],
    ]);
  });
});
