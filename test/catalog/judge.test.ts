import {
  CATALOG,
  CATALOG_PROFILE_IDS,
  controlByKey,
  eventNameLiterals,
  type SourceText,
} from '../../src/catalog';
import { parsePattern } from '../../src/pattern';
import { eventSourcesOf } from '../../src/pattern/event-sources';
import { comparePatterns } from '../../src/pattern/exact';

type Row = SourceText & { readonly canonical: string };

const rows = CATALOG.flatMap((control) =>
  CATALOG_PROFILE_IDS.flatMap((profile) => {
    const { canonical, texts } = control.profiles[profile];
    return texts.map((text): readonly [string, Row] => [
      `${control.key} ${profile}: ${text.source}`,
      { ...text, canonical },
    ]);
  }),
);
const judge = (text: string, reference: string) =>
  comparePatterns(parsePattern(text), parsePattern(reference));
const textOf = (key: Parameters<typeof controlByKey>[0], source: string) =>
  CATALOG_PROFILE_IDS.flatMap((profile) => controlByKey(key).profiles[profile].texts).find((text) =>
    text.source.startsWith(source),
  )?.text ?? '';

describe('the catalog against the exact judge and its event-source table', () => {
  it.each(rows)('%s: every event name it tests is in the table', (_, row) => {
    const unknown = eventNameLiterals(parsePattern(row.text)).filter(
      (name) => eventSourcesOf(name) === undefined,
    );
    expect(unknown).toEqual([]);
  });

  it.each(rows)('%s: judged as its relation to the canonical text says', (_, row) => {
    const expected = row.relation === 'same' || row.relation === 'equivalent' ? 'equivalent' : 'different';
    expect(judge(row.text, row.canonical).verdict).toBe(expected);
  });

  it("4.1's v1.2, v1.3–v1.5 and v2.0+ texts are pairwise not equivalent", () => {
    const forms = ['CIS v1.2.0', 'CIS v1.3.0', 'CIS v2.0.0'].map((source) =>
      textOf('unauthorized-api-calls', source),
    );
    for (const [i, a] of forms.entries()) {
      for (const b of forms.slice(i + 1)) expect(judge(a, b).verdict).toBe('different');
    }
  });

  it('4.13: the audit text parts from the remediation text only on CreateRoute written by another service', () => {
    const verdict = judge(
      textOf('route-table-changes', 'CIS v5.0.0'),
      textOf('route-table-changes', 'CIS v1.2.0–v7.0'),
    );
    if (verdict.verdict !== 'different') throw new Error(`expected different, got ${verdict.verdict}`);
    for (const { record, candidateMatches } of verdict.counterexamples) {
      expect(record.eventName).toBe('CreateRoute');
      expect(eventSourcesOf('CreateRoute')).toContain(record.eventSource);
      expect(record.eventSource).not.toBe('ec2.amazonaws.com');
      expect(candidateMatches).toBe(false);
    }
  });
});
