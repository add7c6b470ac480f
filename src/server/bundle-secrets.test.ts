// The token must never reach a built file: build the real bundle with tokens in every variable the
// build could read, and scan each file it wrote.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SENTINEL = 'kommo-token-sentinel-7f3a9c1e5b';
const outDir = mkdtempSync(join(tmpdir(), 'klb-bundle-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('built bundle', () => {
  it('holds no token, token variable value or hard-coded bearer credential', { timeout: 240_000 }, async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { KOMMO_TOKEN: SENTINEL, VITE_KOMMO_TOKEN: SENTINEL, KOMMO_SUBDOMAIN: 'acme' });
    try {
      const { build } = await import('vite');
      await build({ configFile: resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env = saved;
    }
    const files = filesUnder(outDir);
    expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes(SENTINEL), file).toBe(false);
      expect(text, file).not.toMatch(/KOMMO_TOKEN\s*[:=]\s*["'`][^"'`]{4,}/);
      expect(text, file).not.toMatch(/Bearer\s+[A-Za-z0-9._~+/-]{16,}/);
    }
  });
});
