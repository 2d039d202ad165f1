import type { PatternNode, Selector } from './ast';
import { eventSourcesOf } from './event-sources';
import { PINNED } from './fields';
import { buildRecord } from './record';
import type { Space, SpaceField } from './space';
import type { Witness } from './witnesses';

/** What the search looks for, given each tree's result on a record. */
export type Goal = (results: readonly boolean[]) => boolean;
/** `found`: the assignment is kept for reading; `budget`: too many partial records (fail closed). */
export type Outcome = 'found' | 'none' | 'budget';

type Kleene = 0 | 1 | 2;
const FALSE: Kleene = 0;
const TRUE: Kleene = 1;
const UNKNOWN: Kleene = 2;

/**
 * Depth-first search over partial records: fields are fixed one at a time, only those a still
 * undecided leaf tests, each trying every witness it may take. Both trees are evaluated in
 * three-valued logic on the partial record; a branch ends when every tree is decided.
 */
export class Search {
  private assignment: number[];
  private order: number[] = [];

  constructor(
    private readonly space: Space,
    private readonly budget: { left: number },
  ) {
    this.assignment = space.fields.map(() => -1);
  }

  /** Looks for a record meeting the goal, with field `fixed[0]` taking witness `fixed[1]` if given. */
  find(trees: readonly PatternNode[], goal: Goal, fixed?: readonly [number, number]): Outcome {
    this.assignment = this.space.fields.map(() => -1);
    this.order = [];
    if (fixed) this.assign(fixed[0], fixed[1]);
    return this.explore(trees, goal);
  }

  /** Each tree's result on the record found. */
  results(trees: readonly PatternNode[]): boolean[] {
    return trees.map((tree) => this.value(tree) === TRUE);
  }

  /** The fields fixed, in order, with their witnesses. */
  deciding(): { field: SpaceField; witness: Witness }[] {
    return this.order.map((f) => {
      const field = this.space.fields[f] as SpaceField;
      return { field, witness: field.witnesses[this.assignment[f] as number] as Witness };
    });
  }

  /** The full record found: unfixed fields absent, eventName and eventSource filled in as CloudTrail writes them. */
  record(): Record<string, unknown> {
    const record = buildRecord(this.entries()) ?? {};
    const name = typeof record.eventName === 'string' ? record.eventName : 'UnlistedEvent';
    const sources = eventSourcesOf(name);
    const filled = { eventName: name, eventSource: sources?.[0] ?? 'example.amazonaws.com' };
    for (const key of PINNED) if (!Object.hasOwn(record, key)) record[key] = filled[key];
    return record;
  }

  private explore(trees: readonly PatternNode[], goal: Goal): Outcome {
    if (--this.budget.left < 0) return 'budget';
    const values = trees.map((tree) => this.value(tree));
    if (values.every((v) => v !== UNKNOWN)) return goal(values.map((v) => v === TRUE)) ? 'found' : 'none';
    const f = this.next(trees);
    for (const w of this.space.allowed(f, this.assignment)) {
      this.assign(f, w);
      if (this.consistent(f)) {
        const outcome = this.explore(trees, goal);
        if (outcome !== 'none') return outcome;
      }
      this.unassign(f);
    }
    return 'none';
  }

  private value(node: PatternNode): Kleene {
    if (node.kind === 'and' || node.kind === 'or') {
      const [stop, otherwise]: [Kleene, Kleene] = node.kind === 'and' ? [FALSE, TRUE] : [TRUE, FALSE];
      let unknown = false;
      for (const term of node.terms) {
        const v = this.value(term);
        if (v === stop) return stop;
        if (v === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : otherwise;
    }
    const w = this.assignment[this.space.fieldOf(node)] as number;
    return w < 0 ? UNKNOWN : this.space.truth(node, w) ? TRUE : FALSE;
  }

  /** The first field (in the space's order) that an undecided leaf tests, after the fields it depends on. */
  private next(trees: readonly PatternNode[]): number {
    let f = Math.min(...trees.map((tree) => this.scan(tree)[1]));
    for (let d = this.dependency(f); d !== undefined; d = this.dependency(f)) f = d;
    return f;
  }

  /** A tree's value, and the first field among the leaves that leave it undecided (Infinity when decided). */
  private scan(node: PatternNode): [Kleene, number] {
    if (node.kind !== 'and' && node.kind !== 'or') {
      const v = this.value(node);
      return [v, v === UNKNOWN ? this.space.fieldOf(node) : Number.POSITIVE_INFINITY];
    }
    const stop = node.kind === 'and' ? FALSE : TRUE;
    let first = Number.POSITIVE_INFINITY;
    for (const term of node.terms) {
      const [v, f] = this.scan(term);
      if (v === stop) return [stop, Number.POSITIVE_INFINITY];
      if (v === UNKNOWN) first = Math.min(first, f);
    }
    return first === Number.POSITIVE_INFINITY
      ? [node.kind === 'and' ? TRUE : FALSE, first]
      : [UNKNOWN, first];
  }

  private dependency(f: number): number | undefined {
    const d = (this.space.fields[f] as SpaceField).dependsOn;
    return d !== undefined && this.assignment[d] === -1 ? d : undefined;
  }

  private consistent(f: number): boolean {
    return !(this.space.fields[f] as SpaceField).related || buildRecord(this.entries()) !== undefined;
  }

  private entries(): [Selector, Witness][] {
    return this.deciding().map(({ field, witness }) => [field.selector, witness]);
  }

  private assign(f: number, w: number): void {
    this.assignment[f] = w;
    this.order.push(f);
  }

  private unassign(f: number): void {
    this.assignment[f] = -1;
    this.order.pop();
  }
}
