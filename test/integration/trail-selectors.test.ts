/**
 * Advanced event selectors the enforcer does not model end NON_COMPLIANT naming the selector, never a
 * silent COMPLIANT. moto always answers HasCustomEventSelectors: false; the AWS-faithful layer answers
 * it truthfully (docs/aws-differences.md §3), so the selector checks run end to end here.
 */
import { type AdvancedFieldSelector, PutEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { TRAIL } from '../../scripts/lib/seed';
import { ALICE, useWorld } from './support/harness';

const MANAGEMENT: AdvancedFieldSelector = { Field: 'eventCategory', Equals: ['Management'] };
const doubt = (why: string) =>
  `trail ${TRAIL.name}: advanced event selector "management" ${why}, which the enforcer does not model: it cannot tell whether the trail records the security group calls`;

describe('advanced event selectors the enforcer cannot judge', () => {
  const world = useWorld('compliant');

  it.each<[string, AdvancedFieldSelector, string]>([
    ['readOnly NotEquals', { Field: 'readOnly', NotEquals: ['true'] }, 'uses readOnly NotEquals'],
    ['eventSource StartsWith', { Field: 'eventSource', StartsWith: ['ec2'] }, 'uses eventSource StartsWith'],
    [
      'eventSource NotStartsWith',
      { Field: 'eventSource', NotStartsWith: ['s3.'] },
      'uses eventSource NotStartsWith',
    ],
  ])('%s → NON_COMPLIANT naming the selector; nothing written', async (_label, field, why) => {
    await world.account.cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: TRAIL.name,
        AdvancedEventSelectors: [{ Name: 'management', FieldSelectors: [MANAGEMENT, field] }],
      }),
    );

    const run = await world.invoke('cloudtrail-put-event-selectors');

    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      trail: TRAIL.arn,
      errors: [],
      trigger: { eventName: 'PutEventSelectors', actor: { arn: ALICE } },
    });
    expect(run.report.findings).toContain(doubt(why));
    expect(run.writes).toEqual([]);
    expect(run.alerts).toHaveLength(1);
  });
});
