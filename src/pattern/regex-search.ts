import type { StringValue } from './ast';
import { Automaton, type CharTest, type RegexItem, type RegexProgram, ranges } from './regex-program';

/**
 * A program's unanchored search, stepped one character at a time so strings can be explored
 * symbolically: the state after a prefix is the live automaton states of each branch (entered as
 * if more characters follow), or `found` once some branch matched before the end.
 */
export interface SearchState {
  readonly found: boolean;
  readonly live: readonly (readonly number[])[];
  readonly key: string;
}

/** Compiles a string value (`exact`, `startsWith`, `endsWith`, `contains`; not `any`) into a program. */
export function stringProgram(value: StringValue): RegexProgram {
  const chars = Array.from({ length: value.text.length }, (_, i) => {
    const code = value.text.charCodeAt(i);
    return charItem(ranges([code, code]));
  });
  const anchored = value.match === 'exact' || value.match === 'startsWith';
  const ended = value.match === 'exact' || value.match === 'endsWith';
  return [
    [
      ...(anchored ? [{ kind: 'start' } as const] : []),
      ...chars,
      ...(ended ? [{ kind: 'end' } as const] : []),
    ],
  ];
}

function charItem(test: CharTest): RegexItem {
  return { kind: 'char', test, min: 1, max: 1, quantified: false };
}

/** Every character test of a program, to partition the alphabet. */
export function charTests(program: RegexProgram): CharTest[] {
  return program.flatMap((branch) => branch.flatMap((item) => (item.kind === 'char' ? [item.test] : [])));
}

/** The stepping search of one program. */
export class ProgramSearch {
  private readonly automata: readonly Automaton[];

  constructor(program: RegexProgram) {
    this.automata = program.map((branch) => new Automaton(branch));
  }

  /** The state before the first character. */
  start(): SearchState {
    return this.settle(
      this.automata.map(() => new Set<number>()),
      true,
    );
  }

  /** The state after one more character. */
  step(state: SearchState, code: number): SearchState {
    if (state.found) return state;
    const next = this.automata.map((automaton, b) => {
      const states = new Set<number>();
      for (const s of state.live[b] ?? []) automaton.step(states, s, code, false);
      return states;
    });
    return this.settle(next, false);
  }

  /** Whether the string that led to `state` matches; `empty` when that string is ''. */
  accepts(state: SearchState, empty: boolean): boolean {
    if (state.found) return true;
    return this.automata.some((automaton, b) => {
      const states = new Set<number>();
      for (const s of state.live[b] ?? []) automaton.reenter(states, s, empty, true);
      return states.has(automaton.accept);
    });
  }

  /** Starts the search again at this position, and notes a match found before the end. */
  private settle(sets: Set<number>[], atStart: boolean): SearchState {
    sets.forEach((states, b) => {
      this.automata[b]?.enter(states, 0, 0, atStart, false);
    });
    const found = this.automata.some((automaton, b) => sets[b]?.has(automaton.accept) === true);
    if (found) return { found, live: [], key: 'F' };
    const live = sets.map((states) => [...states].sort((x, y) => x - y));
    return { found, live, key: live.map((states) => states.join(',')).join('|') };
  }
}
