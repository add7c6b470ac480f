// The bench's reference pages (naive Mantine table, AG Grid), built as their own small bundle.
// They are served by the app's own server from a sub-folder of the app's production build, so they
// fetch the same leads from the same origin (the CSP's connect-src 'self' holds) as the app does.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export const REFERENCE_BASE = '/bench-reference/';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: REFERENCE_BASE,
  plugins: [react()],
  build: {
    // Overridden by `--outDir`; the bench passes a folder inside its own copy of the app's build.
    outDir: '/tmp/klb-bench-dist/bench-reference',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 3000,
  },
});
