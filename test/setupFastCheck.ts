/**
 * Property tests run with a fixed seed, so CI is repeatable; `FC_SEED=<n> npm test` explores other
 * cases (a failure prints its seed and counterexample).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) });
