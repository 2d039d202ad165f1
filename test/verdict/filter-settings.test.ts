/**
 * Every filter setting on someone else's chain decides whether it holds, judged through a full run on
 * mocks answering in the SDK's real shapes (moto 5.2.5 drops the three filter-level fields). Accepted:
 * a positive literal metric value, no default value or 0, no unit (or the alarm's). Everything else
 * either breaks the chain or leaves it unknown; neither is listed as holding the control.
 */
import type { MetricFilter, MetricTransformation } from '@aws-sdk/client-cloudwatch-logs';
import type { Chain } from '../../src/verdict';
import { type AccountState, compliant } from '../support/builders';
import { runOn } from '../unit/support/run';
import { OUR_LINK, TF_LINK, TF_METRIC } from './fixtures';
import { tfFilterIn, withTerraformChain } from './terraform-account';

type Edit = (state: AccountState, filter: MetricFilter, t: MetricTransformation) => void;
const metric =
  (patch: Partial<MetricTransformation>): Edit =>
  (_s, _f, t) =>
    Object.assign(t, patch);
const filter =
  (patch: Partial<MetricFilter>): Edit =>
  (_s, f) =>
    Object.assign(f, patch);

async function tfChainWith(edit: Edit): Promise<{ chain?: Chain; held: unknown; status: string }> {
  const state = withTerraformChain(compliant());
  const f = tfFilterIn(state);
  const [t] = f.metricTransformations ?? [];
  if (!t) throw new Error('no transformation');
  edit(state, f, t);
  const { report } = await runOn(state);
  const chain = report.verdict?.chains.find((c) => c.filter === 'sg-changes');
  return { chain, held: report.controlSatisfiedBy, status: report.status };
}

describe("someone else's chain: the filter's settings decide whether it holds", () => {
  it.each<[string, Edit, Chain['state'], string]>([
    [
      'defaultValue 1',
      metric({ defaultValue: 1 }),
      'broken',
      'filter default value 1 counts every other log event: the alarm stays in ALARM and never notifies again',
    ],
    [
      'defaultValue -1',
      metric({ defaultValue: -1 }),
      'broken',
      'filter default value -1 takes from every count: the alarm never fires',
    ],
    [
      'metricValue -1',
      metric({ metricValue: '-1' }),
      'broken',
      'metric value is -1: a matching event never raises the count',
    ],
    [
      'metricValue 0',
      metric({ metricValue: '0' }),
      'broken',
      'metric value is 0: a matching event never raises the count',
    ],
    [
      'metricValue from the record',
      metric({ metricValue: '$.count' }),
      'unknown',
      'metric value $.count is taken from each log event: whether a change counts is not judged',
    ],
    [
      'emitSystemFieldDimensions',
      filter({ emitSystemFieldDimensions: ['@aws.account', '@aws.region'] }),
      'unknown',
      'filter metric has system field dimensions (@aws.account, @aws.region): alarms on it were not looked up',
    ],
    [
      'fieldSelectionCriteria',
      filter({ fieldSelectionCriteria: '@aws.region = "us-east-1"' }),
      'unknown',
      'filter only sees log events matching @aws.region = "us-east-1": what that leaves out is not judged',
    ],
    [
      'applyOnTransformedLogs',
      filter({ applyOnTransformedLogs: true }),
      'unknown',
      "filter runs on transformed logs: its pattern was judged on CloudTrail's records, not on what the log group's transformer makes of them",
    ],
    [
      'a unit other than the alarm watches',
      (s, _f, t) => {
        Object.assign(t, { unit: 'Count' });
        const alarm = s.alarms.find((a) => a.AlarmName === 'security-group-changes');
        Object.assign(alarm ?? {}, { Unit: 'Seconds' });
      },
      'broken',
      "alarm unit is Seconds, the filter metric's is Count: it sees no data",
    ],
  ])('%s: the chain does not hold, ours still does', async (_label, edit, state, gap) => {
    const { chain, held, status } = await tfChainWith(edit);
    expect(chain).toMatchObject({ state, gaps: [gap] });
    expect(held).toEqual([OUR_LINK()]);
    expect(status).toBe('COMPLIANT');
  });

  it.each<[string, Edit]>([
    ['defaultValue 0 (a 0 for every other event leaves a Sum as it was)', metric({ defaultValue: 0 })],
    ['metricValue 5', metric({ metricValue: '5' })],
    ['a unit, alarm without one', metric({ unit: 'Count' })],
    [
      'unit None, alarm on None',
      (s, _f, t) => {
        Object.assign(t, { unit: 'None' });
        Object.assign(s.alarms.find((a) => a.AlarmName === 'security-group-changes') ?? {}, { Unit: 'None' });
      },
    ],
  ])('accepted: %s → holds', async (_label, edit) => {
    const { chain, held } = await tfChainWith(edit);
    expect(chain).toMatchObject({ state: 'holds', gaps: [], metric: TF_METRIC });
    expect(held).toEqual([OUR_LINK(), TF_LINK()]);
  });
});
