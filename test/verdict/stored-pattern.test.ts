import { DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { type AccountMocks, type AccountState, compliant, LOG_GROUP, ourFilter } from '../support/builders';
import { runAgain, runOn } from '../unit/support/run';
import { OUR_LINK, TF_LINK, TF_PATTERN, WEAK_PATTERN } from './fixtures';
import { withTerraformChain } from './terraform-account';

const { cis, securityhub } = SECURITY_GROUP_CHANGES.profiles;
const SIX = cis.eventNames;
/** The canonical pattern as a service might store it: spacing and parentheses normalised away. */
const NORMALISED = `{${SIX.map((n) => `$.eventName = ${n}`).join(' || ')}}`;

/** The account with our filter's pattern replaced. */
function withPattern(pattern: string, state: AccountState = compliant()): AccountState {
  ourFilter(state).filterPattern = pattern;
  return state;
}

/** PutMetricFilter accepted, but the account keeps `stored` as the pattern (as if AWS rewrote the text). */
const storing =
  (state: AccountState, stored: string) =>
  (mocks: AccountMocks): void => {
    mocks.logs.on(PutMetricFilterCommand).callsFake(async () => {
      ourFilter(state).filterPattern = stored;
      return {};
    });
    mocks.cloudwatch.on(DescribeAlarmsForMetricCommand).callsFake(async ({ Namespace, MetricName }) => ({
      MetricAlarms: state.alarms.filter((a) => a.Namespace === Namespace && a.MetricName === MetricName),
    }));
  };

describe('after writing, the second observation judges the pattern AWS stored, by meaning', () => {
  it('stored text differs from what was written but means the same → REPAIRED, and the next run writes nothing', async () => {
    const state = withPattern(WEAK_PATTERN);
    const run = await runOn(state, { arrange: storing(state, NORMALISED) });
    expect(run.writes.map((w) => [w.command, w.input.filterPattern])).toEqual([
      ['PutMetricFilterCommand', cis.canonical],
    ]);
    // Each observation reads the log group's filters once (and, by metric, who writes to ours).
    expect(
      run.mocks.logs.commandCalls(DescribeMetricFiltersCommand, { logGroupName: LOG_GROUP }),
    ).toHaveLength(2);
    expect(ourFilter(state).filterPattern).toBe(NORMALISED);
    expect(run.report).toMatchObject({ status: 'REPAIRED', controlSatisfiedBy: [OUR_LINK()] });
    expect(run.report.remaining).toBeUndefined();
    const again = await runAgain(run);
    expect([again.report.status, again.writes]).toEqual(['COMPLIANT', []]);
  });

  it('stored text narrowed → DRIFT_PERSISTS naming the lost event, and no chain satisfies the control', async () => {
    const state = withPattern(WEAK_PATTERN);
    const run = await runOn(state, { arrange: storing(state, WEAK_PATTERN) });
    expect(run.report.status).toBe('DRIFT_PERSISTS');
    expect(run.report.remaining).toEqual([
      expect.objectContaining({
        resource: 'metric-filter',
        reasons: ['pattern does not match DeleteSecurityGroup'],
      }),
    ]);
    expect(run.report).toMatchObject({ controlSatisfiedBy: [], verdict: { satisfied: false, chains: [] } });
  });

  it('securityhub compares text: a stored equivalent that is not the documented text still persists as drift', async () => {
    const state = withPattern(WEAK_PATTERN, compliant({ PATTERN_PROFILE: 'securityhub' }));
    const env = { PATTERN_PROFILE: 'securityhub' };
    const run = await runOn(state, { env, arrange: storing(state, NORMALISED) });
    expect(run.writes.map((w) => w.input.filterPattern)).toEqual([securityhub.canonical]);
    expect(run.report.status).toBe('DRIFT_PERSISTS');
    expect(run.report.verdict?.chains[0]).toMatchObject({ ours: true, state: 'broken' });
  });
});

describe('a respaced, reordered or quoted equivalent on our filter is not drift', () => {
  it.each<[string, string]>([
    ['normalised spacing', NORMALISED],
    ['reversed, quoted, unparenthesised', TF_PATTERN],
    [
      "the seed's mixed spacing",
      cis.canonical.replace(
        '($.eventName = AuthorizeSecurityGroupEgress)',
        '($.eventName =AuthorizeSecurityGroupEgress)',
      ),
    ],
  ])('%s → COMPLIANT with zero writes, in enforce and detect mode', async (_label, pattern) => {
    for (const env of [{ MODE: 'enforce' }, { MODE: 'detect' }]) {
      const state = withPattern(pattern);
      const run = await runOn(state, { env, arrange: storing(state, pattern) });
      expect([run.report.status, run.writes]).toEqual(['COMPLIANT', []]);
      expect(run.report.controlSatisfiedBy).toEqual([OUR_LINK()]);
    }
  });
});

describe('the verdict names chains that are not ours', () => {
  it('detect mode, our filter weakened: DRIFT_DETECTED, yet the control holds through the Terraform chain', async () => {
    const state = withTerraformChain(withPattern(WEAK_PATTERN));
    const run = await runOn(state, { env: { MODE: 'detect' }, arrange: storing(state, cis.canonical) });
    expect([run.report.status, run.writes]).toEqual(['DRIFT_DETECTED', []]);
    expect(run.report.controlSatisfiedBy).toEqual([TF_LINK()]);
    expect(run.report.verdict).toMatchObject({ satisfied: true, filtersJudged: 3 });
  });

  it('enforce mode: after the repair both chains satisfy the control, ours first', async () => {
    const state = withTerraformChain(withPattern(WEAK_PATTERN));
    const run = await runOn(state, { arrange: storing(state, cis.canonical) });
    expect(run.report.status).toBe('REPAIRED');
    expect(run.report.controlSatisfiedBy).toEqual([OUR_LINK(), TF_LINK()]);
  });
});
