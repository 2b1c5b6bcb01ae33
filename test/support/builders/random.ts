// Seeded random numbers for randomised tests, so a failing case can be replayed from its seed.
// The same generator as the demo data's; tests in src/domains take it from here so that no
// domain imports src/demo (issue 11).
export { createRng, type Rng } from '../../../src/demo/prng.ts'
