import type { PatternNode } from './ast';
import { matches } from './evaluate';
import { eventSourcesOf } from './event-sources';
import { type FieldAtoms, fieldsOf, isPrefix, type Leaf, pinnedName } from './fields';
import { buildRecord } from './record';
import { fieldWitnesses, type Witness } from './witnesses';

/** A field with its witnesses: the first `generic` of them serve whenever no constraint applies. */
export interface SpaceField extends FieldAtoms {
  readonly witnesses: readonly Witness[];
  readonly generic: number;
  /** Shares its first step with another field: an assignment must be checked by building the record. */
  readonly related: boolean;
  /** The field to assign first: eventName for eventSource, the nearest tested ancestor for others. */
  readonly dependsOn: number | undefined;
}

/**
 * The records the judge considers, as fields × witnesses, restricted to what CloudTrail writes:
 * `eventName` and `eventSource` always present as strings, and a listed event name only from its sources.
 */
export class Space {
  private readonly fieldOfLeaf = new Map<Leaf, number>();
  private readonly truths = new Map<Leaf, (boolean | undefined)[]>();
  private readonly generic: readonly (readonly number[])[];

  private constructor(
    readonly fields: readonly SpaceField[],
    readonly eventName: number | undefined,
    readonly eventSource: number | undefined,
    /** eventName witness → the eventSource witnesses of its sources, for listed names pinned by a literal. */
    private readonly sourcesOf: ReadonlyMap<number, readonly number[]>,
  ) {
    fields.forEach((field, f) => {
      for (const leaf of field.leaves) this.fieldOfLeaf.set(leaf, f);
    });
    this.generic = fields.map((field) => Array.from({ length: field.generic }, (_, i) => i));
  }

  /** The space of the trees, or why the judge cannot decide on them. */
  static of(trees: readonly PatternNode[]): Space | { undecided: string } {
    const found = fieldsOf(trees);
    if ('undecided' in found) return found;
    const fields: SpaceField[] = [];
    for (const atoms of found.fields) {
      const listed = fieldWitnesses(atoms);
      if ('undecided' in listed) return listed;
      const related = found.fields.some((o) => o.key !== atoms.key && sameStart(o, atoms));
      const ancestors = found.fields.filter((o) => o.selector.length < atoms.selector.length);
      const parent = ancestors.filter((o) => isPrefix(o.selector, atoms.selector)).at(-1);
      const dependsOn = parent === undefined ? undefined : found.fields.indexOf(parent);
      fields.push({
        ...atoms,
        witnesses: listed.witnesses,
        generic: listed.witnesses.length,
        related,
        dependsOn,
      });
    }
    const name = pinnedIndex(fields, 'eventName');
    const source = pinnedIndex(fields, 'eventSource');
    if (name === undefined || source === undefined) return new Space(fields, name, source, new Map());
    const eventSource = { ...(fields[source] as SpaceField), dependsOn: name };
    const values = [...eventSource.witnesses];
    const sourcesOf = sourceWitnesses(fields[name] as SpaceField, values);
    fields[source] = { ...eventSource, witnesses: values };
    return new Space(fields, name, source, sourcesOf);
  }

  /** The field a leaf tests. */
  fieldOf(leaf: Leaf): number {
    return this.fieldOfLeaf.get(leaf) as number;
  }

  /** Whether the leaf holds when its field takes witness `w` (the evaluator itself decides). */
  truth(leaf: Leaf, w: number): boolean {
    let row = this.truths.get(leaf);
    if (row === undefined) {
      row = [];
      this.truths.set(leaf, row);
    }
    let known = row[w];
    if (known === undefined) {
      const witness = (this.fields[this.fieldOf(leaf)] as SpaceField).witnesses[w] as Witness;
      known = matches(leaf, buildRecord([[leaf.selector, witness]]));
      row[w] = known;
    }
    return known;
  }

  /** The witnesses field `f` may take, given what is assigned (witness per field index; -1 unassigned). */
  allowed(f: number, assignment: readonly number[]): readonly number[] {
    const name = this.eventName === undefined ? -1 : (assignment[this.eventName] ?? -1);
    const pinned = f === this.eventSource ? this.sourcesOf.get(name) : undefined;
    return pinned ?? (this.generic[f] as readonly number[]);
  }
}

function pinnedIndex(fields: readonly SpaceField[], name: 'eventName' | 'eventSource'): number | undefined {
  const f = fields.findIndex((field) => pinnedName(field.selector) === name);
  return f < 0 ? undefined : f;
}

/** For each listed event name eventName takes as an exact literal: its sources, added to `values` as needed. */
function sourceWitnesses(name: SpaceField, values: Witness[]): Map<number, number[]> {
  const sourcesOf = new Map<number, number[]>();
  name.witnesses.forEach((witness, w) => {
    const sources = witness.kind === 'string' && witness.exact ? eventSourcesOf(witness.value) : undefined;
    if (sources)
      sourcesOf.set(
        w,
        sources.map((s) => indexOf(values, s)),
      );
  });
  return sourcesOf;
}

function indexOf(values: Witness[], source: string): number {
  const i = values.findIndex((w) => w.kind === 'string' && w.value === source);
  if (i >= 0) return i;
  values.push({ kind: 'string', value: source, exact: false });
  return values.length - 1;
}

function sameStart(a: FieldAtoms, b: FieldAtoms): boolean {
  return JSON.stringify(a.selector[0]) === JSON.stringify(b.selector[0]);
}
