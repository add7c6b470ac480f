// The build's split of the catalogues: each call keeps its English and reads Spanish and Portuguese
// from a per-language table that holds exactly the words written in the source.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformWithOxc } from 'vite';
import { describe, expect, it } from 'vitest';
import { splitModule } from './split-catalogues';

const ROOT = join(import.meta.dirname, '..');
const modules = import.meta.glob<Record<string, unknown>>('../src/**/*-messages.ts', { eager: true });

describe('splitting the catalogues', () => {
  it('replaces { es, pt } by a lookup and keeps every word, in call order', async () => {
    const source = [
      "import { defineMessages } from '@/lib/i18n/define-messages';",
      "export const a = defineMessages({ hi: 'Hi' } as const, { es: { hi: 'Hola' }, pt: { 'hi': `Olá` } });",
      "export const b = defineMessages({ bye: 'Bye {name}' }, { es: { bye: 'Adiós {name}' }, pt: { bye: 'Tchau {name}' } });",
    ].join('\n');
    const { code } = await transformWithOxc(source, 'x-messages.ts');
    const split = splitModule(code, 'src/x-messages.ts', '/lazy.ts');
    expect(split.tables).toEqual({
      es: { 'src/x-messages.ts#0': { hi: 'Hola' }, 'src/x-messages.ts#1': { bye: 'Adiós {name}' } },
      pt: { 'src/x-messages.ts#0': { hi: 'Olá' }, 'src/x-messages.ts#1': { bye: 'Tchau {name}' } },
    });
    expect(split.code).toContain(`defineMessages({ hi: "Hi" }, __klbTranslations("src/x-messages.ts#0"))`);
    expect(split.code).toContain(`__klbTranslations("src/x-messages.ts#1")`);
    expect(split.code).not.toContain('Hola');
    expect(split.code).not.toContain('Tchau');
    expect(split.code.startsWith('import { lazyTranslations as __klbTranslations } from "/lazy.ts";')).toBe(true);
  });

  it('refuses words that are not plain strings, naming the file', async () => {
    const { code } = await transformWithOxc("const w = 'x'; export const a = defineMessages({ a: 'A' }, { es: { a: w }, pt: { a: 'A' } });", 'y.ts');
    expect(() => splitModule(code, 'src/y-messages.ts', '/lazy.ts')).toThrow("src/y-messages.ts: a catalogue's words must be plain strings");
  });

  it('leaves a module with no catalogue as it is', () => {
    expect(splitModule('export const x = 1;\n', 'src/z.ts', '/lazy.ts').code).toBe('export const x = 1;\n');
  });

  it('gives every catalogue of the product exactly the Spanish and Portuguese it has at run time', async () => {
    let compared = 0;
    for (const [path, exports] of Object.entries(modules)) {
      const file = join(import.meta.dirname, path);
      const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file);
      const split = splitModule(code, relative(ROOT, file), '/lazy.ts');
      const written = Object.values(exports).filter((v): v is Record<'es' | 'pt', object> => typeof v === 'object' && v !== null && 'es' in v);
      const keys = Object.keys(split.tables.es);
      expect(keys.length, path).toBe(written.length);
      written.forEach((catalogue, n) => {
        expect(split.tables.es[keys[n]!], `${path} es`).toEqual(catalogue.es);
        expect(split.tables.pt[keys[n]!], `${path} pt`).toEqual(catalogue.pt);
        compared++;
      });
    }
    expect(compared).toBeGreaterThanOrEqual(20);
  });
});
