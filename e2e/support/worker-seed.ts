// Every Playwright worker's demo accounts are generated from a seed of their own: DEMO_SEED (1 unless
// set) + the worker's parallel index. A test runs in whichever worker is free, so each test passes on
// more than one account's data: none can lean on what one seed happened to generate (a seed-2 run
// found three that did: a price without its cents, a section found by a word inside another, a row
// found again after the rows moved).

/** The demo seed of a worker slot (TEST_PARALLEL_INDEX, set by Playwright in each worker process). */
export function workerSeed(parallelIndex = Number(process.env.TEST_PARALLEL_INDEX ?? 0)): number {
  return Number(process.env.DEMO_SEED ?? 1) + parallelIndex;
}
