/**
 * The property tests' seed. `npm test` (and CI) runs one fixed seed, so a green run is repeatable
 * and a change is judged on the same cases as before it; `npm run fuzz` (FUZZ_SEED=random) explores
 * new cases and prints the seed of any failure (`FUZZ_SEED=<seed> npx jest …` replays it). A bug a
 * random run finds gets a deterministic test of its own, beside the property that found it.
 */
import fc from 'fast-check';

const FIXED_SEED = 20261202;
const chosen = process.env.FUZZ_SEED;

if (chosen !== 'random') {
  const seed = chosen === undefined || chosen === '' ? FIXED_SEED : Number(chosen);
  if (!Number.isInteger(seed))
    throw new Error(`FUZZ_SEED=${JSON.stringify(chosen)} must be an integer or "random"`);
  fc.configureGlobal({ seed });
}
