import { CATALOG, DEFAULT_CONTROL_KEYS } from './catalog';
import type { CatalogControl, ControlKey } from './types';

/** The controls a `CONTROLS` value names, in catalog order, or why it names none. */
export type ControlSelection = { readonly keys: readonly ControlKey[] } | { readonly error: string };

/** The names an entry may use for a control, lower-cased: key, its three CIS ids, its Security Hub id. */
function namesOf(control: CatalogControl): string[] {
  const { cisV1_2, cis, cisV6, securityHub } = control.ids;
  return [control.key, cis, cisV6, cisV1_2, securityHub].flatMap((name) =>
    name ? [name.toLowerCase()] : [],
  );
}

/**
 * Every name of every control. Bare ids are unambiguous across numberings: v1.3–v5.0 uses 4.1–4.15,
 * v1.2 uses 3.1–3.14 and v6.0+ uses 5.1–5.15 for this family, and no id names two controls.
 */
const BY_NAME: ReadonlyMap<string, ControlKey> = new Map(
  CATALOG.flatMap((control) => namesOf(control).map((name) => [name, control.key] as const)),
);

const NOT_A_FILTER = new Set(['4.16', '5.16']);
const SHOWN_LENGTH = 40;

/**
 * Reads `CONTROLS`: `all`, or entries separated by commas and/or blanks, each a key (`root-usage`), a CIS id
 * (`4.3`, or `3.3`/`5.3` in the v1.2/v6.0+ numbering) or a Security Hub id (`CloudWatch.1`), any letter case.
 * Empty means the security group control alone; duplicates collapse; any unknown entry is an error naming them.
 */
export function selectControls(spec: string | undefined): ControlSelection {
  const entries = (spec ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.length === 0) return { keys: DEFAULT_CONTROL_KEYS };
  const all = entries.filter((entry) => entry.toLowerCase() === 'all');
  if (all.length > 0 && all.length < entries.length) {
    return { error: `CONTROLS: 'all' stands alone, got ${entries.map(show).join(', ')}` };
  }
  if (all.length > 0) return { keys: CATALOG.map((control) => control.key) };
  const unknown = [...new Set(entries.filter((entry) => !BY_NAME.has(entry.toLowerCase())))];
  if (unknown.length > 0) return { error: unknownError(unknown) };
  const wanted = new Set(entries.map((entry) => BY_NAME.get(entry.toLowerCase())));
  return { keys: CATALOG.filter((control) => wanted.has(control.key)).map((control) => control.key) };
}

function unknownError(unknown: readonly string[]): string {
  const hint = unknown.some((entry) => NOT_A_FILTER.has(entry))
    ? ' (4.16/5.16 "Security Hub is enabled" is no metric filter and not in the catalog)'
    : '';
  return (
    `CONTROLS: unknown ${unknown.map(show).join(', ')}${hint}. Valid: all, or keys, CIS ids (4.1–4.15; ` +
    '3.1–3.14 of v1.2 and 5.1–5.15 of v6.0+ also work) or Security Hub ids (CloudWatch.1–14): ' +
    CATALOG.map(describe).join('; ')
  );
}

function describe(control: CatalogControl): string {
  const { cis, securityHub } = control.ids;
  return `${control.key} = ${cis}${securityHub ? ` = ${securityHub}` : ''}`;
}

/** An entry as the error shows it: quoted with escapes, long ones cut. */
function show(entry: string): string {
  const cut = entry.length > SHOWN_LENGTH ? `${entry.slice(0, SHOWN_LENGTH)}…` : entry;
  return JSON.stringify(cut);
}
