import type { PatternValue } from '../pattern';
import { printValue } from '../pattern/value';

const SHOWN_CHARACTERS = 60;

/** One test as written: its selector's spelling, its operator, and its value up to quotes. */
export interface Term {
  /** The selector exactly as written. */
  readonly selector: string;
  /** The selector as the parser reads it (`$.['a']` and `$.a` alike). */
  readonly path: string;
  readonly op: string;
  readonly value?: PatternValue;
  /** What decides legibility: selector spelling, operator, value kind and text (quotes aside). */
  readonly key: string;
  /** What decides meaning: the parsed selector, operator and value. */
  readonly sense: string;
  /** The test as a report shows it. */
  readonly shown: string;
}

/** What a report says differs, each difference once: terms first, then how they are grouped. */
export function differences(have: readonly Term[], want: readonly Term[]): string[] {
  const missing = [...want];
  const extra = have.filter((term) => !take(missing, (m) => m.key === term.key));
  const found = extra.map((term) => explain(term, missing, want));
  found.push(...missing.map((term) => `term ${show(term.shown)} of the canonical text is missing`));
  if (found.length === 0) found.push('its && and || group the terms differently');
  return [...new Set(found)];
}

/** Names what one term not in the canonical text is, taking the canonical terms it stands for. */
function explain(term: Term, missing: Term[], want: readonly Term[]): string {
  if (want.some((w) => w.key === term.key)) return `term ${show(term.shown)} is written more than once`;
  const respelt = take(missing, (m) => m.sense === term.sense);
  if (respelt !== undefined) {
    return respelt.selector !== term.selector
      ? `selector ${show(term.selector)} where the canonical text writes ${show(respelt.selector)}`
      : `${show(term.shown)} where the canonical text writes ${show(respelt.shown)}`;
  }
  const stand = standIn(term, want);
  if (stand !== undefined) {
    let replaced = 0;
    while (take(missing, (m) => m.path === term.path && m.value?.kind === 'string')) replaced++;
    const terms = replaced === 1 ? 'a plain term' : `${replaced} plain terms`;
    const instead =
      replaced > 0 ? `in place of ${terms} on ${term.path}` : 'where the canonical text has plain values';
    return `${stand} ${show(term.shown)} ${instead}`;
  }
  const reop = take(missing, (m) => m.path === term.path && m.sense !== term.sense && sameValue(m, term));
  if (reop !== undefined)
    return `operator ${term.op} in ${show(term.shown)} where the canonical text writes ${reop.op}`;
  return `term ${show(term.shown)} is not in the canonical text`;
}

/** `regular expression` or `wildcard` when the term uses one on a selector where the canonical text does not. */
function standIn(term: Term, want: readonly Term[]): string | undefined {
  const value = term.value;
  const same = want.filter((w) => w.path === term.path);
  if (value?.kind === 'regex' && !same.some((w) => w.value?.kind === 'regex')) return 'regular expression';
  const wild = (v: PatternValue | undefined) => v?.kind === 'string' && v.match !== 'exact';
  return wild(value) && !same.some((w) => wild(w.value)) ? 'wildcard' : undefined;
}

function sameValue(a: Term, b: Term): boolean {
  return a.value !== undefined && b.value !== undefined && printValue(a.value) === printValue(b.value);
}

/** Removes and returns the first element of `terms` that passes `test`. */
function take(terms: Term[], test: (term: Term) => boolean): Term | undefined {
  const i = terms.findIndex(test);
  return i < 0 ? undefined : terms.splice(i, 1)[0];
}

function show(text: string): string {
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS - 1)}…` : text;
}
