import { type CharTest, type RegexProgram, singleCode } from './regex-program';
import { charTests, ProgramSearch, type SearchState } from './regex-search';

/** A deterministic machine over code units, with integer states; state 0 is the start (the empty string). */
export interface Machine {
  step(state: number, code: number): number;
  /** Whether the string that led to `state` is accepted. */
  accepts(state: number): boolean;
}

/** The exact literals of a field as one trie: accepts exactly the literals. State -1: left the trie. */
export class Trie implements Machine {
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly terminal: boolean[] = [false];

  constructor(words: readonly string[]) {
    for (const word of words) {
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i);
        let child = this.children[node]?.get(code);
        if (child === undefined) {
          child = this.children.length;
          this.children.push(new Map());
          this.terminal.push(false);
          this.children[node]?.set(code, child);
        }
        node = child;
      }
      this.terminal[node] = true;
    }
  }

  step(state: number, code: number): number {
    return state < 0 ? -1 : (this.children[state]?.get(code) ?? -1);
  }

  accepts(state: number): boolean {
    return state >= 0 && this.terminal[state] === true;
  }
}

/** A program's search as a DFA built on demand: each subset state is computed once, then looked up. */
export class LazyDfa implements Machine {
  private readonly search: ProgramSearch;
  private readonly states: SearchState[];
  private readonly ids = new Map<string, number>();
  private readonly moves: Map<number, number>[] = [new Map()];
  private readonly accepted: (boolean | undefined)[] = [];

  constructor(readonly program: RegexProgram) {
    this.search = new ProgramSearch(program);
    this.states = [this.search.start()];
  }

  step(state: number, code: number): number {
    const moves = this.moves[state] as Map<number, number>;
    let next = moves.get(code);
    if (next === undefined) {
      const reached = this.search.step(this.states[state] as SearchState, code);
      next = this.ids.get(reached.key);
      if (next === undefined) {
        next = this.states.length;
        this.states.push(reached);
        this.moves.push(new Map());
        this.ids.set(reached.key, next);
      }
      moves.set(code, next);
    }
    return next;
  }

  accepts(state: number): boolean {
    let known = this.accepted[state];
    if (known === undefined) {
      known = this.search.accepts(this.states[state] as SearchState, state === 0);
      this.accepted[state] = known;
    }
    return known;
  }
}

/** Characters tried first, so witnesses read well. */
const PREFERRED = 'xyzqjkwvXYZQ0123456789abcdefghilmnoprstu_-./: ';

/**
 * One code unit per class of code units the machines cannot tell apart: every literal character
 * on its own, then one per signature over the regex character tests (which are constant above 255).
 */
export function alphabetOf(literals: readonly string[], regexes: readonly RegexProgram[]): number[] {
  const literal = new Set(literals.flatMap(codesOf));
  const tests: CharTest[] = [];
  for (const test of regexes.flatMap(charTests)) {
    const code = singleCode.get(test);
    if (code === undefined) tests.push(test);
    else literal.add(code);
  }
  const above = Array.from({ length: 64 }, (_, i) => 0x3042 + i).find((code) => !literal.has(code)) ?? 0x3042;
  const latin = tests.length > 0 ? Array.from({ length: 256 }, (_, i) => i) : [];
  const bySignature = new Map<string, number>();
  for (const code of [...codesOf(PREFERRED), ...latin, above]) {
    if (literal.has(code)) continue;
    const signature = tests.map((test) => (test(code) ? '1' : '0')).join('');
    if (!bySignature.has(signature)) bySignature.set(signature, code);
  }
  return [...literal, ...bySignature.values()];
}

function codesOf(text: string): number[] {
  return Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
}
