// The Spanish and Portuguese words of the built app, one chunk per language (see
// scripts/split-catalogues.ts): fetched at start when the reader reads that language, or when they
// switch to it. Until a language's chunk is here its words read as English (each key falls back).
import type { Catalogue } from './define-messages';
import type { Language } from './languages';

type Translated = Exclude<Language, 'en'>;
type Table = Record<string, Catalogue<string>>;

const EMPTY: Catalogue<string> = Object.freeze({});
const tables: Partial<Record<Translated, Table>> = {};
const pending = new Map<Translated, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;

const loaders: Record<Translated, () => Promise<{ default: Table }>> = {
  es: () => import('virtual:klb-translations/es'),
  pt: () => import('virtual:klb-translations/pt'),
};

/** What the build puts in place of a catalogue's `{ es, pt }`: its words, read once they are here. */
export function lazyTranslations(id: string): Record<Translated, Catalogue<string>> {
  return {
    get es() {
      return tables.es?.[id] ?? EMPTY;
    },
    get pt() {
      return tables.pt?.[id] ?? EMPTY;
    },
  };
}

/**
 * Fetches a language's words once. A failed download leaves the words in English and is tried
 * again on the next ask (the next start, or choosing the language again).
 */
export function loadTranslations(language: Language): Promise<void> {
  if (language === 'en' || tables[language]) return Promise.resolve();
  const running = pending.get(language);
  if (running) return running;
  const load = loaders[language]()
    .then((module) => {
      tables[language] = module.default;
      version += 1;
      listeners.forEach((listener) => listener());
    })
    .catch(() => {
      // English stays on screen; nothing the reader had is lost.
    })
    .finally(() => pending.delete(language));
  pending.set(language, load);
  return load;
}

export function subscribeTranslations(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Grows by one each time a language's words arrive (what `useMessages` re-renders on). */
export function translationsVersion(): number {
  return version;
}
