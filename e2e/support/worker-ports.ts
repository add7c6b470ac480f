// Every Playwright worker owns a block of ports, so the servers one worker starts (its app server, a
// stand-in Kommo page, an attacker page, a team server, a test's private server, the smaller demo's
// server) never meet another worker's.

/** Ports a block holds: E2E_PORT (4319 unless set) + 10 × the worker's parallel index + the offset. */
const OFFSETS = { app: 0, standin: 1, attacker: 2, team: 3, privateApp: 4, smallApp: 5 } as const;
const BLOCK = 10;

export type WorkerPorts = Record<keyof typeof OFFSETS, number>;

/**
 * The ports of a worker slot. Playwright sets TEST_PARALLEL_INDEX (0 … workers − 1) in each worker
 * process before it loads a spec, and a worker that replaces a failed one takes the same slot.
 */
export function workerPorts(parallelIndex = Number(process.env.TEST_PARALLEL_INDEX ?? 0)): WorkerPorts {
  const base = Number(process.env.E2E_PORT ?? 4319) + BLOCK * parallelIndex;
  return {
    app: base + OFFSETS.app,
    standin: base + OFFSETS.standin,
    attacker: base + OFFSETS.attacker,
    team: base + OFFSETS.team,
    privateApp: base + OFFSETS.privateApp,
    smallApp: base + OFFSETS.smallApp,
  };
}
