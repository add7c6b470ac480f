import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The browser bundle: everything under src/ except src/server (which runs in Node via tsx).
export default defineConfig({
  plugins: [react()],
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
  },
});
