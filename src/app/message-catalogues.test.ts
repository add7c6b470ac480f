// Every message catalogue of the product, in every language: no key missing or extra, no empty text,
// and the same {placeholders} as the English reference (tsc checks the keys only at compile time,
// and not at all for a catalogue cast or built another way).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@/lib/i18n/languages';

const SRC = join(import.meta.dirname, '..');
const modules = import.meta.glob<Record<string, unknown>>('../**/*-messages.ts', { eager: true });

type Catalogues = Record<string, Record<string, unknown>>;

function isCatalogueSet(value: unknown): value is Catalogues {
  return typeof value === 'object' && value !== null && LANGUAGES.every((l) => typeof (value as Record<string, unknown>)[l] === 'object');
}

const catalogues = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isCatalogueSet(value))
    .map(([name, value]) => ({ id: `${file.replace(/^\.\.\//, 'src/')} ${name}`, messages: value as Catalogues })),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('are all found: every file that defines messages is named *-messages.ts', () => {
    const defining = sourceFiles(SRC)
      .filter((f) => !f.endsWith('define-messages.ts') && readFileSync(f, 'utf8').includes('defineMessages('))
      .map((f) => relative(SRC, f));
    expect(defining.length).toBeGreaterThan(0);
    expect(defining.filter((f) => !f.endsWith('-messages.ts'))).toEqual([]);
    expect(catalogues.length).toBeGreaterThanOrEqual(defining.length);
  });

  it.each(catalogues.map((c) => [c.id, c.messages] as const))('%s: same keys, no empty text, same placeholders', (_id, messages) => {
    const en = messages.en ?? {};
    const reference = Object.keys(en).sort();
    expect(reference.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      const catalogue = messages[language] ?? {};
      expect(Object.keys(catalogue).sort(), `${language} keys`).toEqual(reference);
      for (const key of reference) {
        const text = catalogue[key];
        expect(typeof text === 'string' && text.trim().length > 0, `${language}.${key} is empty`).toBe(true);
        expect(placeholders(String(text)), `${language}.${key} placeholders`).toEqual(placeholders(String(en[key])));
      }
    }
  });

  it('keep one word per thing: Portuguese says "visualização" (never "visão"), Spanish says "Enter" (never "Intro")', () => {
    const texts = (language: string) =>
      catalogues.flatMap((c) => Object.entries(c.messages[language] ?? {}).map(([key, text]) => `${c.id} ${key}: ${String(text)}`));
    expect(texts('pt').filter((t) => /\bvis(ão|ões)\b/i.test(t))).toEqual([]);
    expect(texts('es').filter((t) => /\bIntro\b/.test(t))).toEqual([]);
  });
});
