// Test support only: the real-response corpus (fixtures/real, each body's source in its SOURCES.md),
// read by file name, for the tests that feed it through the app's code (real-corpus, column-agreement,
// the demo's shapes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REAL_CORPUS_DIR = join(import.meta.dirname, 'fixtures/real');

/** A corpus body as parsed JSON, before any schema reads it. */
export function realBody(file: string): unknown {
  return JSON.parse(readFileSync(join(REAL_CORPUS_DIR, file), 'utf8'));
}
