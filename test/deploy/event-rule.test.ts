import { WATCHED_CALLS } from '../../src/triggers/events';
import { matchesPattern } from '../hostile/support/event-pattern';
import { failed, sample } from '../hostile/support/own-events';
import { packageTemplate, resolve, resource, resourcesOf, type Template } from './template';

// One offline `sls package` for the whole file (a few seconds).
let template: Template;
beforeAll(() => {
  template = packageTemplate();
}, 120_000);

/** The EventPattern of the one rule that forwards CloudTrail-recorded calls. */
function cloudTrailPattern(): { source: string[]; detail: { eventName: string[]; errorCode: unknown } } {
  const patterns = resourcesOf(template, 'AWS::Events::Rule').flatMap(([, rule]) => {
    const pattern = rule.Properties?.EventPattern as Record<string, unknown> | undefined;
    return pattern?.['detail-type'] ? [pattern] : [];
  });
  expect(patterns).toHaveLength(1);
  expect(patterns[0]?.['detail-type']).toEqual(['AWS API Call via CloudTrail']);
  return patterns[0] as ReturnType<typeof cloudTrailPattern>;
}

describe('the deployed EventBridge rule', () => {
  it('forwards exactly the watched calls of src/triggers/events.ts, from their sources, successful ones only', () => {
    const pattern = cloudTrailPattern();
    expect([...pattern.source].sort()).toEqual(Object.keys(WATCHED_CALLS).sort());
    expect([...pattern.detail.eventName].sort()).toEqual(Object.values(WATCHED_CALLS).flat().sort());
    expect(pattern.detail.errorCode).toEqual([{ exists: false }]);
  });

  it.each([
    ['aws.sns', 'SetSubscriptionAttributes'],
    ['aws.sns', 'Subscribe'],
    ['aws.monitoring', 'PutCompositeAlarm'],
    ['aws.monitoring', 'SetAlarmState'],
    ['aws.logs', 'PutTransformer'],
    ['aws.logs', 'DeleteTransformer'],
    ['aws.kms', 'DisableKey'],
    ['aws.kms', 'ScheduleKeyDeletion'],
    ['aws.kms', 'PutKeyPolicy'],
    ['aws.iam', 'DeleteRole'],
    ['aws.iam', 'DeleteRolePolicy'],
    ['aws.iam', 'PutRolePolicy'],
    ['aws.iam', 'DetachRolePolicy'],
    ['aws.iam', 'UpdateAssumeRolePolicy'],
  ])('forwards %s %s', (source, eventName) => {
    const pattern = cloudTrailPattern();
    expect(pattern.source).toContain(source);
    expect(pattern.detail.eventName).toContain(eventName);
  });

  it.each([
    'disable-key',
    'schedule-key-deletion',
    'put-key-policy',
    'delete-role',
    'delete-role-policy',
    'put-role-policy',
    'detach-role-policy',
    'update-assume-role-policy',
  ])('delivers the recorded %s event to the queue, and not the same call when it failed', (name) => {
    const event = sample(`cloudtrail-${name}`);
    expect(matchesPattern(cloudTrailPattern(), event)).toBe(true);
    expect(matchesPattern(cloudTrailPattern(), failed(event))).toBe(false);
  });

  it('IAM calls (recorded in us-east-1 only) are covered in every other region by the daily sweep', () => {
    // EventBridge receives IAM's CloudTrail events on us-east-1's default bus alone: an enforcer in
    // eu-west-1 never hears DeleteRole, so the daily schedule is what catches a broken delivery role there.
    expect(sample('cloudtrail-delete-role')).toMatchObject({ region: 'us-east-1', source: 'aws.iam' });
    const schedules = resourcesOf(template, 'AWS::Events::Rule').filter(
      ([, rule]) => rule.Properties?.ScheduleExpression === 'rate(1 day)',
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.[1].Properties?.State).toBe('ENABLED');
  });
});

describe("the function is told its own role's ARN", () => {
  it('ENFORCER_ROLE_ARN is the ARN of the role the function runs as, and no role name is passed', () => {
    const fn = resource(template, 'ReconcileLambdaFunction').Properties ?? {};
    const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(resolve(variables.ENFORCER_ROLE_ARN)).toBe('GetAtt:IamRoleLambdaExecution.Arn');
    expect(resolve(fn.Role)).toBe('GetAtt:IamRoleLambdaExecution.Arn');
    expect(variables.ENFORCER_ROLE_NAME).toBeUndefined();
  });
});
