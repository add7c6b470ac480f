import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { INTL_LOCALE, toLanguage, type Language } from './languages';
import { formatMessage, type MessageValues, type Messages } from './define-messages';
import { loadTranslations, subscribeTranslations, translationsVersion } from './lazy-translations';

type LanguageState = {
  language: Language;
  locale: string;
  setLanguage: (l: Language) => void;
  /** Grows when a language's words arrive (the built app fetches Spanish and Portuguese on demand). */
  wordsVersion: number;
};

const LanguageContext = createContext<LanguageState | null>(null);
const STORAGE_KEY = 'klb.language';

/** The language the page starts in when Kommo has not said one: the reader's choice, else the browser's. */
export function initialLanguage(preferred?: string | null): Language {
  const stored = safeStorageGet(STORAGE_KEY);
  return toLanguage(preferred) ?? toLanguage(stored) ?? toLanguage(globalThis.navigator?.language) ?? 'en';
}

function safeStorageGet(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export type LanguageProviderProps = {
  children: ReactNode;
  /** Kommo's language when embedded; followed whenever it changes (null: none, standalone). */
  preferred?: string | null;
};

/**
 * Language comes from Kommo when embedded (`preferred`), else from the user's choice or the browser.
 * A new `preferred` (the context arrived or Kommo's language changed) switches the language; the
 * user's own choice after that holds until Kommo's language changes again (a context re-sent with
 * the same language does not undo it).
 */
export function LanguageProvider({ children, preferred = null }: LanguageProviderProps) {
  const [language, setLanguageState] = useState<Language>(() => initialLanguage(preferred));
  const [followed, setFollowed] = useState<string | null>(preferred);
  if (preferred !== followed) {
    // Adjusting state while rendering (React's documented pattern): no extra paint in the old language.
    setFollowed(preferred);
    const next = toLanguage(preferred);
    if (next) setLanguageState(next);
  }
  const setLanguage = useCallback((l: Language) => {
    setLanguageState(l);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, l);
    } catch {
      // Storage can be blocked in a third-party iframe; the choice then lasts for the session.
    }
  }, []);
  const wordsVersion = useSyncExternalStore(subscribeTranslations, translationsVersion, translationsVersion);
  useEffect(() => {
    void loadTranslations(language);
  }, [language]);
  // Screen readers pick their voice from <html lang>.
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, locale: INTL_LOCALE[language], setLanguage, wordsVersion }), [language, setLanguage, wordsVersion]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const ctx = useContext(LanguageContext);
  if (!ctx) return { language: 'en', locale: INTL_LOCALE.en, setLanguage: () => {}, wordsVersion: 0 };
  return ctx;
}

/** `const t = useMessages(tableMessages); t('rowsLoaded', { count: 3 })` */
export function useMessages<K extends string>(messages: Messages<K>) {
  const { language, locale, wordsVersion } = useLanguage();
  return useCallback(
    (key: K, values?: MessageValues) => formatMessage(messages[language][key] ?? messages.en[key], values, locale),
    // wordsVersion: a new function once the language's words arrive, so memoized children redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [messages, language, locale, wordsVersion],
  );
}
