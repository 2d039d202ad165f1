import { judgePattern } from '../../src/pattern';
import {
  AUTH_IN,
  anyOf,
  CREATE,
  cis,
  DELETE,
  REVOKE_IN,
  REVOKE_OUT,
  SEED,
  SIX,
  SIX_TERMS,
  securityhub,
  TABLE,
  v5,
} from './judge-table';

describe('judgePattern', () => {
  it.each(TABLE)('%s', (_name, text, wantCis, wantV5, wantHub) => {
    const got = [cis, v5, securityhub].map((profile) => judgePattern(text, profile));
    expect(got.map((verdict) => verdict.satisfied)).toEqual([wantCis, wantV5, wantHub]);
    for (const verdict of got) {
      expect(verdict.reasons.length === 0).toBe(verdict.satisfied);
      if (verdict.satisfied)
        expect([verdict.missed, verdict.foreign, verdict.syntaxError]).toEqual([[], [], undefined]);
    }
  });

  it('has at least 40 patterns', () => expect(TABLE.length).toBeGreaterThanOrEqual(40));

  it('names the missed events and the foreign records of a broadening wildcard', () => {
    const verdict = judgePattern(anyOf(['Authorize*', REVOKE_IN, REVOKE_OUT, CREATE]), cis);
    expect(verdict.missed).toEqual([DELETE]);
    expect(verdict.foreign).toEqual(expect.arrayContaining(['AuthorizeClientVpnIngress', `${AUTH_IN}X`]));
    expect(verdict.foreign).not.toContain(AUTH_IN);
    expect(verdict.reasons).toContain(`pattern does not match ${DELETE}`);
    expect(verdict.reasons).toContain('pattern also matches AuthorizeClientVpnIngress');
  });

  it('says which records an extra restricting clause loses', () => {
    const verdict = judgePattern(`{ (${SIX_TERMS}) && $.errorCode NOT EXISTS }`, cis);
    expect(verdict.missed).toEqual([...SIX]);
    expect(verdict.foreign).toEqual([]);
    expect(verdict.reasons[0]).toBe(
      `pattern does not match every ${AUTH_IN} record: misses ${AUTH_IN} with errorCode, ${AUTH_IN} as a dry run`,
    );
  });

  it('flags the v5 event as foreign for the six-event profiles and as missed for cis-v5', () => {
    expect(judgePattern(v5.canonical, cis)).toMatchObject({
      missed: [],
      foreign: ['ModifySecurityGroupRules'],
    });
    expect(judgePattern(cis.canonical, v5)).toMatchObject({
      missed: ['ModifySecurityGroupRules'],
      foreign: [],
      reasons: ['pattern does not match ModifySecurityGroupRules'],
    });
  });

  it('reports a syntax error with its position', () => {
    const text = '{ ($.eventName = CreateSecurityGroup || $.eventName = DeleteSecurityGroup }';
    expect(judgePattern(text, cis)).toEqual({
      satisfied: false,
      missed: [],
      foreign: [],
      syntaxError: "expected '&&', '||' or ')' at 74",
      reasons: ["pattern does not parse: expected '&&', '||' or ')' at 74"],
    });
    expect(text.indexOf('}')).toBe(74);
  });

  it('deduplicates foreign records and keeps the reasons short', () => {
    const verdict = judgePattern('{ $.eventName = * || $.eventName NOT EXISTS }', cis);
    expect(new Set(verdict.foreign).size).toBe(verdict.foreign.length);
    expect(verdict.foreign).toContain('record without eventName');
    expect(verdict.reasons.length).toBeLessThanOrEqual(6);
    expect(verdict.reasons.at(-1)).toMatch(/^pattern also matches \d+ more records outside the profile$/);
  });

  it('judges a pattern in well under 5 ms', () => {
    const texts = [
      cis.canonical,
      SEED,
      v5.canonical,
      '{ $.eventName = * }',
      anyOf(SIX).replace(/\|\|/g, '&&'),
    ];
    for (const text of texts) judgePattern(text, v5);
    const started = performance.now();
    const rounds = 100;
    for (let round = 0; round < rounds; round++) for (const text of texts) judgePattern(text, v5);
    expect((performance.now() - started) / (rounds * texts.length)).toBeLessThan(5);
  });
});
