import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { firstLoadBudget } from './scripts/first-load-budget.ts';
import { splitCatalogues } from './scripts/split-catalogues.ts';

// The browser bundle: everything under src/ except src/server (which runs in Node via tsx).
export default defineConfig({
  // The build fails when the first load grows past its budget (scripts/first-load-budget.ts);
  // Spanish and Portuguese words are a chunk per language (scripts/split-catalogues.ts).
  plugins: [react(), splitCatalogues(), firstLoadBudget()],
  // `@/x` is `src/x` (tsconfig's paths say the same to the compiler, tsx and Playwright).
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'widget/**/*.test.ts', 'scripts/**/*.test.ts'],
    setupFiles: ['src/test-utils/vitest-setup.ts'],
    testTimeout: 20_000,
    // One test process per core: Vitest's default leaves one core to its main process (cores − 1), which
    // on a 2-core machine ran every file in one process; the main process is nearly idle once files run.
    maxWorkers: availableParallelism(),
  },
});
