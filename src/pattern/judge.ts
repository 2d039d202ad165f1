import type { PatternProfile } from '../catalog/specs';
import type { PatternNode } from './ast';
import { labelOf, reasonOf, subjectOf } from './describe';
import { PatternSyntaxError } from './errors';
import { type Counterexample, comparePatterns } from './exact';
import { parsePattern } from './parse';

/** How a filter pattern measures up to a profile: the exact comparison with the profile's canonical pattern. */
export interface PatternVerdict {
  /** Matches exactly the records CloudTrail can write that the profile's canonical pattern matches. */
  satisfied: boolean;
  /** Profile event names with at least one record the pattern does not match. */
  missed: string[];
  /** The records outside the profile it matches, as reports name them (one per class of eventName). */
  foreign: string[];
  /** Set (and satisfied false) when the text does not parse. */
  syntaxError?: string;
  /** Sentences for a report, each naming a concrete counterexample (or why the judge cannot decide). */
  reasons: string[];
}

const FOREIGN_NAMED_IN_REASONS = 5;
const references = new Map<string, PatternNode>();

/** Judges pattern text by meaning: equivalent to the profile's reference pattern on every record CloudTrail can write. */
export function judgePattern(text: string, profile: PatternProfile): PatternVerdict {
  let node: PatternNode;
  try {
    node = parsePattern(text);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    const reasons = [`pattern does not parse: ${error.message}`];
    return { satisfied: false, missed: [], foreign: [], syntaxError: error.message, reasons };
  }
  const comparison = comparePatterns(node, referenceOf(profile));
  if (comparison.verdict === 'equivalent') return { satisfied: true, missed: [], foreign: [], reasons: [] };
  if (comparison.verdict === 'undecided') {
    const reason = `cannot decide whether the pattern matches exactly the events of profile ${profile.id}: ${comparison.reason}`;
    return { satisfied: false, missed: [], foreign: [], reasons: [reason] };
  }
  return verdictOf(comparison.counterexamples, profile);
}

/** The profile's canonical pattern, parsed once. */
function referenceOf(profile: PatternProfile): PatternNode {
  let reference = references.get(profile.canonical);
  if (reference === undefined) {
    reference = parsePattern(profile.canonical);
    references.set(profile.canonical, reference);
  }
  return reference;
}

function verdictOf(counterexamples: readonly Counterexample[], profile: PatternProfile): PatternVerdict {
  const misses = counterexamples.filter((c) => !c.candidateMatches);
  const order = (c: Counterexample) => {
    const i = profile.eventNames.indexOf(subjectOf(c) ?? '');
    return i < 0 ? profile.eventNames.length : i;
  };
  const sorted = [...misses].sort((a, b) => order(a) - order(b));
  const missed = profile.eventNames.filter((name) => misses.some((c) => subjectOf(c) === name));
  const foreign = [...new Set(counterexamples.filter((c) => c.candidateMatches).map(labelOf))];
  const named = foreign.slice(0, FOREIGN_NAMED_IN_REASONS).map((label) => `pattern also matches ${label}`);
  const rest = foreign.length - named.length;
  const more = rest > 0 ? [`pattern also matches ${rest} more records outside the profile`] : [];
  return { satisfied: false, missed, foreign, reasons: [...sorted.map(reasonOf), ...named, ...more] };
}
