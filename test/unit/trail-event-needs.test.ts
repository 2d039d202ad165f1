/**
 * Each selected control needs its own events from the trail: a trail whose selectors leave out one
 * control's service (ExcludeManagementEventSources, an eventSource selector, write-only for a control
 * that counts reads) keeps that control — and only that one — from holding, with the reason.
 */
import type { EventSelector } from '@aws-sdk/client-cloudtrail';
import { CATALOG } from '../../src/catalog';
import { controlSpec } from '../../src/catalog/specs';
import { EC2_WRITES, judgeSelectors, needOf } from '../../src/discover/selectors';
import { type AccountState, compliant, ourTrail, TRAIL_ARN } from '../support/builders';
import { runOn } from './support/run';

const need = (key: Parameters<typeof controlSpec>[0]) => needOf(controlSpec(key).profiles.cis);
const classic = (...EventSelectors: EventSelector[]) => ({ EventSelectors });

describe('what each control needs the trail to record', () => {
  it('the security group control: EC2 writes, as before the catalog', () => {
    expect(need('security-group-changes')).toEqual(EC2_WRITES);
  });

  it('4.1 and 4.3 name no event: every service, reads too', () => {
    for (const key of ['unauthorized-api-calls', 'root-usage'] as const) {
      expect(need(key)).toEqual({ sources: 'any', reads: true });
    }
  });

  it('4.7 KMS, 4.2/4.6 sign-in, 4.4 an event name several services write (CreatePolicy)', () => {
    expect(need('cmk-disable-or-deletion')).toEqual({ sources: [['kms.amazonaws.com']], reads: false });
    expect(need('console-auth-failures')).toEqual({ sources: [['signin.amazonaws.com']], reads: false });
    const iam = need('iam-policy-changes');
    expect(iam.sources).toContainEqual(['iam.amazonaws.com']);
    expect(iam.sources).toContainEqual(
      expect.arrayContaining(['iam.amazonaws.com', 'organizations.amazonaws.com']),
    );
  });

  it('every control of every profile has a need', () => {
    for (const control of CATALOG) {
      for (const id of ['cis-v1.2', 'cis', 'cis-v5', 'securityhub'] as const) {
        expect(needOf(controlSpec(control.key).profiles[id])).toBeDefined();
      }
    }
  });
});

describe('judgeSelectors against a need', () => {
  it('classic selectors excluding kms.amazonaws.com: 4.7 is not recorded, 4.10 is', () => {
    const selectors = classic({
      IncludeManagementEvents: true,
      ReadWriteType: 'All',
      ExcludeManagementEventSources: ['kms.amazonaws.com'],
    });
    expect(judgeSelectors(selectors, need('cmk-disable-or-deletion'))).toEqual({
      records: false,
      missing: 'management write events from kms.amazonaws.com',
    });
    expect(judgeSelectors(selectors, EC2_WRITES)).toEqual({ records: true });
    // 4.1 counts every service's calls: any excluded service is a gap.
    expect(judgeSelectors(selectors, need('unauthorized-api-calls')).records).toBe(false);
  });

  it('write-only classic selectors: 4.3 (root reads) is not recorded, 4.10 is', () => {
    const selectors = classic({ IncludeManagementEvents: true, ReadWriteType: 'WriteOnly' });
    expect(judgeSelectors(selectors, need('root-usage'))).toEqual({
      records: false,
      missing: 'management read events of every service',
    });
    expect(judgeSelectors(selectors, EC2_WRITES)).toEqual({ records: true });
  });

  it('advanced selectors that leave out KMS by eventSource NotEquals', () => {
    const selectors = {
      AdvancedEventSelectors: [
        {
          Name: 'no-kms',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
          ],
        },
      ],
    };
    expect(judgeSelectors(selectors, need('cmk-disable-or-deletion')).records).toBe(false);
    expect(judgeSelectors(selectors, EC2_WRITES).records).toBe(true);
  });

  it('a name several services write is recorded when one of them is', () => {
    const selectors = classic({
      IncludeManagementEvents: true,
      ReadWriteType: 'All',
      ExcludeManagementEventSources: ['iot.amazonaws.com'],
    });
    expect(judgeSelectors(selectors, need('iam-policy-changes'))).toEqual({ records: true });
  });
});

describe('a run of two controls on a trail that leaves KMS out', () => {
  function withoutKms(): AccountState {
    const state = compliant();
    ourTrail(state).HasCustomEventSelectors = true;
    state.selectors[TRAIL_ARN] = classic({
      IncludeManagementEvents: true,
      ReadWriteType: 'All',
      ExcludeManagementEventSources: ['kms.amazonaws.com'],
    });
    return state;
  }

  it('4.7 is built but NON_COMPLIANT naming the excluded service; 4.10 holds', async () => {
    const run = await runOn(withoutKms(), { env: { CONTROLS: '4.7,4.10' } });
    const parts = Object.fromEntries((run.report.controls ?? []).map((p) => [p.control, p]));
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(parts['CIS-4.7']?.status).toBe('NON_COMPLIANT');
    expect(parts['CIS-4.7']?.findings).toContainEqual(
      "trail management-events does not record management write events from kms.amazonaws.com: CIS-4.7's alarm can never count an event",
    );
    expect(parts['CIS-4.10']?.status).toBe('COMPLIANT');
    expect(parts['CIS-4.10']?.findings).toEqual([]);
  });

  it('the security group control alone on that trail: COMPLIANT, as before', async () => {
    const run = await runOn(withoutKms());
    expect(run.report).toMatchObject({ status: 'COMPLIANT', findings: [] });
  });

  it('a trail recording none of the selected controls is no trail for them', async () => {
    const state = withoutKms();
    state.selectors[TRAIL_ARN] = classic({ IncludeManagementEvents: true, ReadWriteType: 'ReadOnly' });
    const run = await runOn(state, { env: { CONTROLS: '4.7' } });
    expect(run.report.status).toBe('NON_COMPLIANT');
    expect(run.report.findings).toEqual([
      'trail management-events does not record management write events from kms.amazonaws.com',
    ]);
  });
});
