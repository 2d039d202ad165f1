import type { RegexValue, StringValue } from './ast';
import { parseRegex } from './regex';
import type { RegexProgram } from './regex-program';
import { stringProgram } from './regex-search';
import { alphabetOf, LazyDfa, type Machine, Trie } from './string-machines';

/** A string or regex value a field is compared with (never the `*` that every string matches). */
export type StringTest = StringValue | RegexValue;

/** One string of a class the tests tell apart; `exact` when an exact literal pins the class to it. */
export interface StringWitness {
  readonly value: string;
  readonly exact: boolean;
}

/** A witness for every class of strings, or why they could not all be found. */
export type StringClasses = { readonly witnesses: readonly StringWitness[] } | { readonly undecided: string };

/** The most product states explored for one field before giving up (fail closed). */
export const MAX_STATES = 4000;
const MAX_CACHED = 512;
const machines = new Map<string, LazyDfa>();

/**
 * A witness for every class of strings the tests distinguish (every realisable vector of their
 * results). An exact literal is a class of its own; the other strings are explored breadth first,
 * one character per class of characters, through the product of a trie of the exact literals and
 * a search automaton per other test: one witness per vector reached outside the trie's words.
 */
export function stringClasses(tests: readonly StringTest[], fresh: string): StringClasses {
  const exact = [
    ...new Set(tests.flatMap((t) => (t.kind === 'string' && t.match === 'exact' ? [t.text] : []))),
  ];
  const others = tests.filter((t) => t.kind === 'regex' || t.match !== 'exact');
  const pinned = exact.map((value) => ({ value, exact: true }));
  if (others.length === 0) return { witnesses: [...pinned, { value: fresh, exact: false }] };
  const seeds = [...others.flatMap((t) => (t.kind === 'string' ? [t.text] : [])), fresh];
  const explored = new Explorer(exact, others).run(seeds);
  return 'undecided' in explored ? explored : { witnesses: [...pinned, ...explored.witnesses] };
}

function programOf(test: StringTest): RegexProgram {
  return test.kind === 'string' ? stringProgram(test) : parseRegex(test.source, 0);
}

/** The test's search as a DFA, built once per process (its states are added as they are reached). */
function machineOf(test: StringTest): LazyDfa {
  const key = test.kind === 'string' ? `${test.match}:${test.text}` : `%${test.source}`;
  let dfa = machines.get(key);
  if (dfa === undefined) {
    if (machines.size >= MAX_CACHED) machines.clear();
    dfa = new LazyDfa(programOf(test));
    machines.set(key, dfa);
  }
  return dfa;
}

class Explorer {
  private readonly machines: readonly Machine[];
  private readonly alphabet: readonly number[];
  private readonly found = new Map<string, StringWitness>();

  constructor(exact: readonly string[], others: readonly StringTest[]) {
    this.machines = [new Trie(exact), ...others.map(machineOf)];
    const literals = [...exact, ...others.flatMap((t) => (t.kind === 'string' ? [t.text] : []))];
    const regexes = others.flatMap((t) => (t.kind === 'regex' ? [machineOf(t).program] : []));
    this.alphabet = alphabetOf(literals, regexes);
  }

  run(seeds: readonly string[]): StringClasses {
    for (const seed of seeds) this.note(this.walk(seed), seed);
    const start = this.machines.map(() => 0);
    const seen = new Set<string | number>([keyOf(start)]);
    const queue: { states: number[]; text: string }[] = [{ states: start, text: '' }];
    for (let head = 0; head < queue.length; head++) {
      const { states, text } = queue[head] as (typeof queue)[number];
      this.note(states, text);
      for (const code of this.alphabet) {
        const next = this.step(states, code);
        const key = keyOf(next);
        if (seen.has(key)) continue;
        seen.add(key);
        if (seen.size > MAX_STATES) return { undecided: `more than ${MAX_STATES} string states to explore` };
        queue.push({ states: next, text: text + String.fromCharCode(code) });
      }
    }
    return { witnesses: [...this.found.values()] };
  }

  private step(states: readonly number[], code: number): number[] {
    const next = new Array<number>(states.length);
    for (let m = 0; m < states.length; m++)
      next[m] = (this.machines[m] as Machine).step(states[m] as number, code);
    return next;
  }

  private walk(text: string): number[] {
    let states = this.machines.map(() => 0);
    for (let i = 0; i < text.length; i++) states = this.step(states, text.charCodeAt(i));
    return states;
  }

  /** Records the string for its vector, unless it is an exact literal (a class of its own). */
  private note(states: readonly number[], text: string): void {
    const results = states.map((state, i) => (this.machines[i] as Machine).accepts(state));
    if (results[0]) return;
    const key = results.map((hit) => (hit ? '1' : '0')).join('');
    if (!this.found.has(key)) this.found.set(key, { value: text, exact: false });
  }
}

/** A product state as a set key: one number while it fits (three machines of under 65535 states), else text. */
function keyOf(states: readonly number[]): string | number {
  if (states.length > 3 || states.some((s) => s >= 0xffff)) return states.join(',');
  return states.reduce((key, s) => key * 0x10000 + s + 1, 0);
}
