import type { PatternProfile } from '../catalog/specs';
import { matches, type PatternNode, PatternSyntaxError, parsePattern } from '../pattern';
import { type CorpusEntry, corpusFor } from '../pattern/corpus';
import type { CrossCheck } from './types';

/** TestMetricFilter takes at most 50 log event messages. */
export const MAX_SAMPLES = 50;

/** One corpus record sent to TestMetricFilter, and whether the local evaluator matches it. */
export interface Sample {
  readonly label: string;
  readonly message: string;
  readonly expected: boolean;
}

/** Up to `count` items spread evenly over the list, in order. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}

/** Half the samples from the profile's events (every call context), half from records outside it. */
function pick(profile: PatternProfile): CorpusEntry[] {
  const wanted = new Set(profile.eventNames);
  const corpus = corpusFor(profile.eventNames);
  const inside = corpus.filter((e) => e.eventName !== undefined && wanted.has(e.eventName));
  const outside = corpus.filter((e) => !(e.eventName !== undefined && wanted.has(e.eventName)));
  const half = Math.ceil(MAX_SAMPLES / 2);
  return [...spread(inside, half), ...spread(outside, MAX_SAMPLES - Math.min(half, inside.length))];
}

/** The samples for a pattern, or the local parser's objection to it. */
export function crossCheckSamples(
  profile: PatternProfile,
  pattern: string,
): { samples: Sample[] } | { error: string } {
  let node: PatternNode;
  try {
    node = parsePattern(pattern);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    return { error: `the local parser rejects the pattern AWS stored: ${error.message}` };
  }
  const samples = pick(profile).map((entry) => ({
    label: entry.label,
    message: JSON.stringify(entry.record),
    expected: matches(node, entry.record),
  }));
  return { samples };
}

/** Compares AWS's matches (by message) with the local evaluator's on the same samples. */
export function compareMatches(
  pattern: string,
  samples: readonly Sample[],
  matched: ReadonlySet<string>,
): CrossCheck {
  const disagreements = samples
    .filter((s) => s.expected !== matched.has(s.message))
    .map(
      (s) =>
        `${s.label}: AWS ${s.expected ? 'does not match' : 'matches'} it, the local evaluator ${s.expected ? 'does' : 'does not'}`,
    );
  return { pattern, samples: samples.length, agrees: disagreements.length === 0, disagreements };
}

/** The finding a cross-check gives the report, if any: never blocking. */
export function crossCheckFinding(check: CrossCheck): string | undefined {
  if (check.error) return `logs:TestMetricFilter cross-check not done: ${check.error}`;
  if (check.agrees) return undefined;
  const named = (check.disagreements ?? []).slice(0, 3).join('; ');
  return `logs:TestMetricFilter disagrees with the local pattern verdict on ${check.disagreements?.length} of ${check.samples} sample records: ${named}`;
}
