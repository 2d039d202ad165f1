/**
 * Advanced event selectors the enforcer does not model (other operators, repeated fields, other fields)
 * are "cannot tell": a blocking finding naming the selector, never compliant. The enforcer still keeps
 * the chain on that trail. (moto answers HasCustomEventSelectors: false; the emulator scenario runs
 * through the AWS-faithful layer, test/integration/trail-selectors.test.ts.)
 */
import type { AdvancedEventSelector, AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import { type AccountState, compliant, ourTrail, TRAIL_ARN, without } from '../support/builders';
import { runOn } from './support/run';

type Field = AdvancedFieldSelector;
const MANAGEMENT: Field = { Field: 'eventCategory', Equals: ['Management'] };
const selector = (Name: string, ...FieldSelectors: Field[]): AdvancedEventSelector => ({
  Name,
  FieldSelectors,
});
function withSelectors(
  state: AccountState,
  ...AdvancedEventSelectors: AdvancedEventSelector[]
): AccountState {
  ourTrail(state).HasCustomEventSelectors = true;
  state.selectors[TRAIL_ARN] = { AdvancedEventSelectors };
  return state;
}
const doubt = (name: string, why: string) =>
  `trail management-events: advanced event selector "${name}" ${why}, which the enforcer does not model: it cannot tell whether the trail records the security group calls`;

describe('advanced selectors the enforcer does not model → NON_COMPLIANT naming the selector', () => {
  it.each<[string, Field[], string]>([
    [
      'readOnly NotEquals',
      [MANAGEMENT, { Field: 'readOnly', NotEquals: ['true'] }],
      'uses readOnly NotEquals',
    ],
    [
      'eventSource StartsWith',
      [MANAGEMENT, { Field: 'eventSource', StartsWith: ['ec2'] }],
      'uses eventSource StartsWith',
    ],
    [
      'eventSource NotStartsWith',
      [MANAGEMENT, { Field: 'eventSource', NotStartsWith: ['ec2.'] }],
      'uses eventSource NotStartsWith',
    ],
    [
      'a second eventSource field',
      [
        MANAGEMENT,
        { Field: 'eventSource', Equals: ['ec2.amazonaws.com'] },
        { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
      ],
      'repeats field eventSource',
    ],
    [
      'a field it does not know',
      [MANAGEMENT, { Field: 'eventName', Equals: ['CreateSecurityGroup'] }],
      'uses field eventName',
    ],
    [
      'eventCategory NotEquals',
      [{ Field: 'eventCategory', NotEquals: ['Data'] }],
      'uses eventCategory NotEquals',
    ],
    [
      'eventSource Equals and NotEquals in one field',
      [MANAGEMENT, { Field: 'eventSource', Equals: ['ec2.amazonaws.com'], NotEquals: ['x.amazonaws.com'] }],
      'uses eventSource with Equals and NotEquals',
    ],
  ])('%s', async (_label, fields, why) => {
    const run = await runOn(withSelectors(compliant(), selector('mgmt', ...fields)));
    expect(run.report).toMatchObject({ status: 'NON_COMPLIANT', trail: TRAIL_ARN });
    expect(run.report.findings).toContain(doubt('mgmt', why));
    expect(run.writes).toEqual([]);
  });

  it('the chain on that trail is still kept: a deleted alarm is restored, and the run stays NON_COMPLIANT', async () => {
    const fields = [MANAGEMENT, { Field: 'readOnly', NotEquals: ['true'] }];
    const run = await runOn(withSelectors(without('alarm'), selector('mgmt', ...fields)));
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.writes.map((w) => w.command)).toEqual(['PutMetricAlarmCommand']);
    expect(run.report.findings).toContain(doubt('mgmt', 'uses readOnly NotEquals'));
  });

  it('an unnamed selector is named by its position', async () => {
    const run = await runOn(
      withSelectors(compliant(), {
        FieldSelectors: [MANAGEMENT, { Field: 'eventSource', EndsWith: ['.com'] }],
      }),
    );
    expect(run.report.findings).toContain(doubt('#1', 'uses eventSource EndsWith'));
  });
});

describe('what the enforcer can still decide', () => {
  it('another selector that records management writes: COMPLIANT (selectors are alternatives)', async () => {
    const run = await runOn(
      withSelectors(
        compliant(),
        selector('odd', MANAGEMENT, { Field: 'eventSource', StartsWith: ['s3'] }),
        selector('writes', MANAGEMENT, { Field: 'readOnly', Equals: ['false'] }),
      ),
    );
    expect(run.report.status).toBe('COMPLIANT');
  });

  it('a modelled field already keeps EC2 writes out: the trail does not qualify, whatever the rest says', async () => {
    const run = await runOn(
      withSelectors(
        compliant(),
        selector(
          'reads',
          MANAGEMENT,
          { Field: 'readOnly', Equals: ['true'] },
          { Field: 'eventSource', StartsWith: ['ec2'] },
        ),
      ),
    );
    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      findings: ['trail management-events does not record management write events from ec2.amazonaws.com'],
    });
  });

  it('readOnly Equals both true and false records writes', async () => {
    const run = await runOn(
      withSelectors(
        compliant(),
        selector('all', MANAGEMENT, { Field: 'readOnly', Equals: ['true', 'false'] }),
      ),
    );
    expect(run.report.status).toBe('COMPLIANT');
  });
});
