// The product speaks these languages; English is the fallback and the catalogue's reference.
export const LANGUAGES = ['en', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', pt: 'Português' };

/** Maps a browser or Kommo language tag ('pt-BR', 'es', 'ru') to a supported language. */
export function toLanguage(tag: string | null | undefined): Language | null {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : null;
}

/** Intl locale for numbers, dates and currency in each language. */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-ES', pt: 'pt-BR' };
