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

  it('names the missed events and a concrete foreign record of a broadening wildcard', () => {
    const verdict = judgePattern(anyOf(['Authorize*', REVOKE_IN, REVOKE_OUT, CREATE]), cis);
    expect(verdict.missed).toEqual([DELETE]);
    // One record per class of names: "Authorize" starts with Authorize and is none of the six.
    expect(verdict.foreign).toEqual(['Authorize']);
    expect(verdict.reasons).toEqual([`pattern does not match ${DELETE}`, 'pattern also matches Authorize']);
  });

  it('says under which value of the extra field a restricting clause loses each event', () => {
    const verdict = judgePattern(`{ (${SIX_TERMS}) && $.errorCode NOT EXISTS }`, cis);
    expect(verdict.missed).toEqual([...SIX]);
    expect(verdict.foreign).toEqual([]);
    expect(verdict.reasons).toEqual(
      SIX.map((name) => `pattern does not match ${name} when errorCode is other`),
    );
  });

  it('names the condition under which a pattern also matches another event', () => {
    const verdict = judgePattern(
      `{ ${SIX_TERMS} || ($.eventName = CreateVpc && $.errorCode = "Client*") }`,
      cis,
    );
    expect(verdict.foreign).toEqual(['CreateVpc when errorCode is Client']);
    expect(verdict.reasons).toEqual(['pattern also matches CreateVpc when errorCode is Client']);
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

  it('keeps the reasons short when a pattern matches many other events', () => {
    const others = [
      'CreateVpc',
      'DeleteVpc',
      'CreateRoute',
      'DeleteRoute',
      'CreateNetworkAcl',
      'CreateTrail',
      'StopLogging',
    ];
    const verdict = judgePattern(anyOf([...SIX, ...others]), cis);
    expect(verdict.foreign).toEqual(others);
    expect(verdict.reasons).toEqual([
      ...others.slice(0, 5).map((name) => `pattern also matches ${name}`),
      'pattern also matches 2 more records outside the profile',
    ]);
  });

  it('matches every record: one foreign record stands for every name outside the set', () => {
    const verdict = judgePattern('{ $.eventName = * || $.eventName NOT EXISTS }', cis);
    expect(verdict).toMatchObject({ missed: [], foreign: [`Batch${AUTH_IN}`] });
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
