import type { CatalogControl, ControlKey, ProfileEntry, SourceText, TextRelation } from './types';

/** A text of the source with a relation to the profile's canonical text (`same` unless told). */
export function text(
  pattern: string,
  source: string,
  relation: TextRelation = 'same',
  extra: Pick<SourceText, 'binding' | 'note'> = {},
): SourceText {
  return { text: pattern, source, relation, ...extra };
}

/** A profile entry whose canonical text is its first text. */
export function entry(texts: readonly [SourceText, ...SourceText[]], note?: string): ProfileEntry {
  return { canonical: texts[0].text, texts, ...(note === undefined ? {} : { note }) };
}

/** Every profile of a control whose CIS text means the same in every version: one CIS entry, one Security Hub entry. */
export function uniform(cis: ProfileEntry, securityHub: ProfileEntry): CatalogControl['profiles'] {
  return { 'cis-v1.2': cis, cis, 'cis-v5': cis, securityhub: securityHub };
}

interface ControlFacts {
  readonly key: ControlKey;
  /** The number within the monitoring section: 4.n in CIS v1.3.0–v5.0.0. */
  readonly n: number;
  readonly securityHub?: string;
  readonly title: string;
  readonly securityHubTitle?: string;
  /** Filter and alarm name after `CIS-4.n-`. */
  readonly stem: string;
  readonly metricName: string;
  readonly profiles: CatalogControl['profiles'];
  readonly notes?: readonly string[];
}

/** Builds an entry: ids in each numbering (v1.2 has 3.1–3.14 only) and the default names from the v1.3–v5.0 id. */
export function control(facts: ControlFacts): CatalogControl {
  const { n, stem, metricName, securityHub, securityHubTitle, notes, ...rest } = facts;
  const id = `4.${n}`;
  return {
    key: rest.key,
    ids: {
      ...(n <= 14 ? { cisV1_2: `3.${n}` } : {}),
      cis: id,
      cisV6: `5.${n}`,
      ...(securityHub === undefined ? {} : { securityHub }),
    },
    title: rest.title,
    ...(securityHubTitle === undefined ? {} : { securityHubTitle }),
    defaults: {
      filterName: `CIS-${id}-${stem}`,
      alarmName: `CIS-${id}-${stem}`,
      metricNamespace: 'CISBenchmark',
      metricName,
    },
    metricValue: '1',
    profiles: rest.profiles,
    ...(notes === undefined ? {} : { notes }),
  };
}
