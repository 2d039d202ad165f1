import type { Counterexample } from './exact';
import type { Witness } from './witnesses';

const PLAIN = /^[\x21-\x7e]+$/;
const WORDS = new Set(['absent', 'null', 'true', 'false']);

/** The eventName of a counterexample, when the search fixed it. */
export function subjectOf(counterexample: Counterexample): string | undefined {
  const name = counterexample.deciding.find((d) => d.path === 'eventName')?.witness;
  return name?.kind === 'string' ? name.value : undefined;
}

/**
 * How a report names the records a counterexample stands for: `X when a is b and c is absent`. A miss
 * that holds for every record with its eventName is named by the eventName alone.
 */
export function labelOf(counterexample: Counterexample): string {
  const subject = subjectOf(counterexample);
  const conditions =
    counterexample.unconditional && !counterexample.candidateMatches
      ? []
      : counterexample.deciding
          .filter((d) => d.path !== 'eventName')
          .map((d) => `${d.path} is ${printWitness(d.witness)}`);
  const when = conditions.join(' and ');
  if (subject === undefined) return when === '' ? 'a record' : `a record where ${when}`;
  return when === '' ? subject : `${subject} when ${when}`;
}

/** The sentence for a counterexample: what the candidate pattern misses, or also matches. */
export function reasonOf(counterexample: Counterexample): string {
  return counterexample.candidateMatches
    ? `pattern also matches ${labelOf(counterexample)}`
    : `pattern does not match ${labelOf(counterexample)}`;
}

/** A witness as a report prints it: plain strings bare, other strings quoted, other values named. */
export function printWitness(witness: Witness): string {
  switch (witness.kind) {
    case 'absent':
      return 'absent';
    case 'container':
      return witness.shape === 'array' ? 'an array' : 'an object';
    case 'json':
      return String(witness.value);
    case 'string':
      return PLAIN.test(witness.value) && !WORDS.has(witness.value)
        ? witness.value
        : JSON.stringify(witness.value);
  }
}
