import { judgePattern } from '../../src/pattern';
import { AUTH_IN, cis, SIX, SIX_TERMS, securityhub } from './judge-table';

const MALLORY = 'arn:aws:iam::123456789012:user/mallory';

/** Issue 12 item 1: clauses on fields a fixed sample never varies, AND-ed onto the six terms. */
const ATTACKS: readonly (readonly [clause: string, counterexample: string])[] = [
  [`$.userIdentity.arn != "${MALLORY}"`, `userIdentity.arn is ${MALLORY}`],
  ['$.awsRegion != "ap-south-1"', 'awsRegion is ap-south-1'],
  ['$.userAgent != "*Boto3*"', 'userAgent is Boto3'],
  ['$.sourceIPAddress != "198.51.100.66"', 'sourceIPAddress is 198.51.100.66'],
  ['$.eventTime != "2026*"', 'eventTime is 2026'],
  ['$.eventVersion = "1.09"', 'eventVersion is other'],
  ['$.recipientAccountId = 123456789012', 'recipientAccountId is 123456789011'],
];

describe('the exact judge: clauses on fields a sample never varies are caught', () => {
  it.each(ATTACKS)('six terms && %s → not satisfied, naming a counterexample', (clause, when) => {
    const text = `{ (${SIX_TERMS}) && ${clause} }`;
    for (const profile of [cis, securityhub]) {
      const verdict = judgePattern(text, profile);
      expect(verdict.satisfied).toBe(false);
      expect(verdict.missed).toEqual([...SIX]);
      expect(verdict.foreign).toEqual([]);
      expect(verdict.reasons[0]).toBe(`pattern does not match ${AUTH_IN} when ${when}`);
      expect(verdict.reasons).toHaveLength(SIX.length);
    }
  });

  it('a clause and its complement still leave values that match neither: not satisfied', () => {
    const arn = '$.userIdentity.arn';
    const both = `(${arn} != "${MALLORY}" || ${arn} = "${MALLORY}" || ${arn} NOT EXISTS || ${arn} IS NULL)`;
    const verdict = judgePattern(`{ (${SIX_TERMS}) && ${both} }`, cis);
    expect(verdict.satisfied).toBe(false);
    expect(verdict.reasons[0]).toBe(`pattern does not match ${AUTH_IN} when userIdentity.arn is an object`);
  });

  it.each([
    [
      'an absorbed clause',
      `{ ${SIX_TERMS} || ($.eventName = ${AUTH_IN} && $.userIdentity.arn = "${MALLORY}") }`,
    ],
    [
      'the event source every one of the six comes from',
      `{ $.eventSource = "ec2.amazonaws.com" && (${SIX_TERMS}) }`,
    ],
    [
      'distributed over the event source',
      `{ ${SIX.map((n) => `($.eventSource = ec2.amazonaws.com && $.eventName = ${n})`).join(' || ')} }`,
    ],
  ])('%s is harmless: satisfied', (_label, text) => {
    expect(judgePattern(text, cis)).toMatchObject({ satisfied: true, reasons: [] });
  });
});
