/**
 * A parsed filter-pattern regex and a linear-time matcher for it. The documented subset has no groups,
 * so a branch of an alternation is a sequence of single-character tests with repetition bounds and
 * `^`/`$` anchors; simulating it as an automaton costs O(text × states), never backtracking.
 */

/** Whether a UTF-16 code unit belongs to a character set. */
export type CharTest = (code: number) => boolean;

export type RegexItem =
  | { readonly kind: 'start' }
  | { readonly kind: 'end' }
  | {
      readonly kind: 'char';
      readonly test: CharTest;
      readonly min: number;
      readonly max: number;
      readonly quantified: boolean;
    };

/** Alternatives, each a sequence of items. */
export type RegexProgram = readonly (readonly RegexItem[])[];

/** The most automaton states a program may need; larger repetition counts are refused. */
export const STATE_LIMIT = 10_000;

/** The one code unit a test built by `ranges` accepts, when it accepts exactly one. */
export const singleCode = new WeakMap<CharTest, number>();

/** A test for code units in any of the inclusive `[low, high]` ranges. */
export function ranges(...bounds: readonly (readonly [number, number])[]): CharTest {
  const test: CharTest = (code) => bounds.some(([low, high]) => code >= low && code <= high);
  const [only] = bounds;
  if (bounds.length === 1 && only !== undefined && only[0] === only[1]) singleCode.set(test, only[0]);
  return test;
}

/** How many states the automaton of a program needs. */
export function stateCount(program: readonly (readonly RegexItem[])[]): number {
  return program.reduce((sum, branch) => sum + branch.reduce((n, item) => n + cap(item) + 1, 1), 0);
}

/** Counts a state remembers for an item: up to `max` when bounded, else up to `min` (more copies change nothing). */
function cap(item: RegexItem): number {
  if (item.kind !== 'char') return 0;
  return Number.isFinite(item.max) ? item.max : item.min;
}

/** Whether the program matches anywhere in `text` (unanchored search, like the docs' `%AUTHORIZED%`). */
export function runRegex(program: RegexProgram, text: string): boolean {
  return program.some((branch) => runBranch(new Automaton(branch), text));
}

function runBranch(automaton: Automaton, text: string): boolean {
  let current = new Set<number>();
  for (let pos = 0; pos <= text.length; pos++) {
    automaton.enter(current, 0, 0, pos === 0, pos === text.length);
    if (current.has(automaton.accept)) return true;
    if (pos === text.length) return false;
    const next = new Set<number>();
    const atEnd = pos + 1 === text.length;
    for (const state of current) automaton.step(next, state, text.charCodeAt(pos), atEnd);
    current = next;
  }
  return false;
}

/** States are numbered item by item: `offsets[i] + count`; `accept` follows the last item. */
export class Automaton {
  readonly accept: number;
  private readonly offsets: number[] = [];
  private readonly itemOf: number[] = [];

  constructor(private readonly items: readonly RegexItem[]) {
    for (const [i, item] of items.entries()) {
      this.offsets.push(this.itemOf.length);
      for (let count = 0; count <= cap(item); count++) this.itemOf.push(i);
    }
    this.accept = this.itemOf.length;
  }

  /** Adds state (item i, count) and every state reachable from it without reading a character. */
  enter(states: Set<number>, i: number, count: number, atStart: boolean, atEnd: boolean): void {
    const item = this.items[i];
    const id = item === undefined ? this.accept : (this.offsets[i] as number) + count;
    if (states.has(id)) return;
    states.add(id);
    if (item === undefined) return;
    const passes = item.kind === 'start' ? atStart : item.kind === 'end' ? atEnd : count >= item.min;
    if (passes) this.enter(states, i + 1, 0, atStart, atEnd);
  }

  /** Enters `state` again (as `enter` does), for a position whose anchors are now known. */
  reenter(states: Set<number>, state: number, atStart: boolean, atEnd: boolean): void {
    const i = this.itemOf[state];
    if (i === undefined) states.add(this.accept);
    else this.enter(states, i, state - (this.offsets[i] as number), atStart, atEnd);
  }

  /** Follows a state over one character into `next`; `atEnd` when that character is the last. */
  step(next: Set<number>, state: number, code: number, atEnd: boolean): void {
    const i = this.itemOf[state];
    const item = i === undefined ? undefined : this.items[i];
    if (i === undefined || item?.kind !== 'char') return;
    const count = state - (this.offsets[i] as number);
    if (count >= item.max || !item.test(code)) return;
    this.enter(next, i, Math.min(count + 1, cap(item)), false, atEnd);
  }
}
