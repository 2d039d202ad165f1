import type { PatternProfile } from '../controls';
import type { PatternNode } from './ast';
import { type CorpusEntry, corpusFor } from './corpus';
import { PatternSyntaxError } from './errors';
import { matches } from './evaluate';
import { parsePattern } from './parse';

/** How a filter pattern measures up to a profile over the generated CloudTrail corpus. */
export interface PatternVerdict {
  /** Matches exactly the corpus records whose eventName is in the profile's set. */
  satisfied: boolean;
  /** Profile event names with at least one corpus record not matched. */
  missed: string[];
  /** Short descriptions of matched records outside the set, deduplicated. */
  foreign: string[];
  /** Set (and satisfied false) when the text does not parse. */
  syntaxError?: string;
  /** Sentences for a report. */
  reasons: string[];
}

const FOREIGN_NAMED_IN_REASONS = 5;

/** Judges pattern text by what it matches: every record of the profile's events, and nothing else. */
export function judgePattern(text: string, profile: PatternProfile): PatternVerdict {
  let node: PatternNode;
  try {
    node = parsePattern(text);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    const reasons = [`pattern does not parse: ${error.message}`];
    return { satisfied: false, missed: [], foreign: [], syntaxError: error.message, reasons };
  }
  const { misses, foreign } = sortRecords(node, profile.eventNames);
  const missed = profile.eventNames.filter((name) => misses.has(name));
  const reasons = [
    ...missed.map((name) => missReason(name, misses.get(name) ?? [], corpusFor(profile.eventNames))),
    ...foreignReasons(foreign),
  ];
  return { satisfied: reasons.length === 0, missed, foreign, reasons };
}

/** Walks the corpus once: records of the set the pattern misses (by name), records outside it that match. */
function sortRecords(node: PatternNode, eventNames: readonly string[]) {
  const wanted = new Set(eventNames);
  const misses = new Map<string, string[]>();
  const foreign = new Set<string>();
  for (const entry of corpusFor(eventNames)) {
    const name = entry.eventName;
    const inSet = name !== undefined && wanted.has(name);
    const hit = matches(node, entry.record);
    if (inSet && !hit) misses.set(name, [...(misses.get(name) ?? []), entry.label]);
    if (!inSet && hit) foreign.add(entry.label);
  }
  return { misses, foreign: [...foreign] };
}

function missReason(name: string, labels: readonly string[], corpus: readonly CorpusEntry[]): string {
  const total = corpus.filter((entry) => entry.eventName === name).length;
  if (labels.length === total) return `pattern does not match ${name}`;
  return `pattern does not match every ${name} record: misses ${labels.slice(0, 3).join(', ')}`;
}

function foreignReasons(foreign: readonly string[]): string[] {
  const named = foreign.slice(0, FOREIGN_NAMED_IN_REASONS).map((label) => `pattern also matches ${label}`);
  const rest = foreign.length - named.length;
  return rest > 0 ? [...named, `pattern also matches ${rest} more records outside the profile`] : named;
}
