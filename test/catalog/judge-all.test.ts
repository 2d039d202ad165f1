/**
 * Every control of the catalog under every profile, judged as the run judges a filter
 * (`judgePattern` with the profile of `controlSpec(key).profiles[id]`): its own canonical text holds,
 * and the canonical text with any one of its terms removed does not. The variants are built from the
 * parsed tree (each operand of every `||` and `&&`, nested ones too) and printed with `printPattern`.
 *
 * One kind of term is decided by what CloudTrail can write rather than by the text: an
 * `$.eventSource = S` test next to event names that only S writes (src/pattern/event-sources.ts)
 * excludes no record CloudTrail writes, so the pattern without it means the same (4.7: KMS, 4.9:
 * Config). Where another service shares a name (4.8: S3 on Outposts, 4.13 v5: API Gateway and App Mesh
 * `CreateRoute`, 4.15: IAM's `CreatePolicy`), the source test decides, and dropping it is caught.
 */

import { eventNameLiterals } from '../../src/catalog';
import { CONTROL_SPECS, type PatternProfile, PROFILE_IDS } from '../../src/catalog/specs';
import { judgePattern, type PatternNode, parsePattern, printPattern } from '../../src/pattern';
import { eventSourcesOf } from '../../src/pattern/event-sources';

/** A canonical text with one term taken away (or, for a single comparison, its value replaced). */
interface Variant {
  readonly removed: PatternNode;
  readonly tree: PatternNode;
}

/** The tree without each operand of each `||`/`&&` in turn; a lone remaining operand stands alone. */
function withoutOneTerm(node: PatternNode): Variant[] {
  if (node.kind !== 'or' && node.kind !== 'and') return [];
  return node.terms.flatMap((term, i) => {
    const others = node.terms.filter((_, j) => j !== i);
    const [only] = others;
    const removed = { removed: term, tree: others.length === 1 && only ? only : { ...node, terms: others } };
    const inner = withoutOneTerm(term).map((v) => ({
      removed: v.removed,
      tree: { ...node, terms: node.terms.map((t, j) => (j === i ? v.tree : t)) },
    }));
    return [removed, ...inner];
  });
}

/** A pattern of one comparison has no term to remove: the variant compares with another value. */
function withValueReplaced(node: PatternNode): Variant[] {
  if (node.kind !== 'comparison' || node.value.kind !== 'string') return [];
  const value = { kind: 'string', text: `Not${node.value.text}`, match: 'exact' } as const;
  return [{ removed: node, tree: { ...node, op: '=', value } }];
}

function variantsOf(canonical: string): Variant[] {
  const tree = parsePattern(canonical);
  return tree.kind === 'or' || tree.kind === 'and' ? withoutOneTerm(tree) : withValueReplaced(tree);
}

/** `$.eventSource = S` where S alone writes every event name the rest of the pattern tests. */
function decidedByWriters(variant: Variant): boolean {
  const { removed, tree } = variant;
  if (removed.kind !== 'comparison' || removed.op !== '=' || removed.value.kind !== 'string') return false;
  const [field, ...deeper] = removed.selector;
  if (deeper.length > 0 || field?.kind !== 'key' || field.name !== 'eventSource') return false;
  const source = removed.value.text;
  const names = eventNameLiterals(tree);
  return names.length > 0 && names.every((n) => eventSourcesOf(n)?.join() === source);
}

/** What the test expects of a variant, and what the judge says. */
function judged(variant: Variant, profile: PatternProfile) {
  const text = printPattern(variant.tree);
  const verdict = judgePattern(text, profile);
  // A decided difference names a record it differs on; "cannot decide" would hold for any text.
  const undecided = verdict.reasons.some((r) => r.startsWith('cannot decide'));
  const decided = verdict.satisfied || (verdict.reasons.length > 0 && !undecided);
  return { text, satisfied: verdict.satisfied, decided };
}

const rows = CONTROL_SPECS.flatMap((spec) =>
  PROFILE_IDS.map((id) => [`${spec.id} ${id}`, spec.profiles[id]] as const),
);

describe('every control, every profile: the exact judge on its canonical text and on that text less one term', () => {
  it.each(rows)('%s: its canonical text holds', (_, profile) => {
    expect(judgePattern(profile.canonical, profile)).toMatchObject({ satisfied: true, reasons: [] });
  });

  it.each(rows)('%s: without any one of its terms it does not hold', (_, profile) => {
    const variants = variantsOf(profile.canonical);
    expect(variants.length).toBeGreaterThan(1);
    const expected = variants.map((v) => ({
      text: printPattern(v.tree),
      satisfied: decidedByWriters(v),
      decided: true,
    }));
    expect(variants.map((v) => judged(v, profile))).toEqual(expected);
  });

  it('only 4.7 and 4.9 carry a source test their event names already decide, under every profile', () => {
    const redundant = rows.filter(([, profile]) => variantsOf(profile.canonical).some(decidedByWriters));
    const expected = ['CIS-4.7', 'CIS-4.9'].flatMap((id) => PROFILE_IDS.map((p) => `${id} ${p}`));
    expect(redundant.map(([label]) => label)).toEqual(expected);
  });

  it('a pattern of a single comparison is varied by its value, which the judge then rejects', () => {
    const canonical = '{ $.eventName = ConsoleLogin }';
    const profile: PatternProfile = {
      id: 'cis',
      description: 'one term',
      eventNames: ['ConsoleLogin'],
      canonical,
    };
    const [variant, ...more] = variantsOf(canonical);
    expect(more).toEqual([]);
    expect(variant && judged(variant, profile)).toEqual({
      text: '{ $.eventName = NotConsoleLogin }',
      satisfied: false,
      decided: true,
    });
  });
});
