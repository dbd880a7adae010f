import fc from 'fast-check';

/**
 * Property tests run from one seed, as the differential does (DIFF_SEED): a CI run is repeatable
 * and a red one can be replayed. `FC_SEED=<n>` picks another seed; `FC_SEED=random` draws a new one
 * each run to explore (a failure prints its seed and counterexample).
 */
const chosen = process.env.FC_SEED;
if (chosen !== 'random') {
  const seed = chosen === undefined ? 20261206 : Number(chosen);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${chosen}`);
  fc.configureGlobal({ seed });
}
