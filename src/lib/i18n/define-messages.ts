// Typed message catalogues, one per feature (no shared file for everyone to edit). The English
// catalogue is the reference: Spanish and Portuguese must have exactly its keys, checked by tsc.
import type { Language } from './languages';

export type MessageValues = Record<string, string | number>;
export type Catalogue<K extends string> = Record<K, string>;
export type Messages<K extends string> = Record<Language, Catalogue<K>>;

export function defineMessages<const E extends Record<string, string>>(
  en: E,
  translations: { es: Catalogue<Extract<keyof E, string>>; pt: Catalogue<Extract<keyof E, string>> },
): Messages<Extract<keyof E, string>> {
  // Read through getters: in the built app `translations` fills in when its language's chunk arrives
  // (src/lib/i18n/lazy-translations.ts).
  return {
    en,
    get es() {
      return translations.es;
    },
    get pt() {
      return translations.pt;
    },
  } as Messages<Extract<keyof E, string>>;
}

const pluralRules = new Map<string, Intl.PluralRules>();
/**
 * Intl's plural category, except zero in Portuguese: CLDR files 0 under "one" ("0 etapa
 * selecionada"), while Brazilian usage puts a count of zero in the plural ("0 etapas selecionadas").
 */
function pluralRule(n: number, locale: string): Intl.LDMLPluralRule {
  if (n === 0 && /^pt\b/i.test(locale)) return 'other';
  // One PluralRules a language: making one per call was a visible share of a table render (issue 22).
  const rules = pluralRules.get(locale) ?? new Intl.PluralRules(locale);
  pluralRules.set(locale, rules);
  return rules.select(n);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number in the language's digits; one NumberFormat a language (an export fills a message for many cells). */
function formatNumber(n: number, locale: string): string {
  const format = numberFormats.get(locale) ?? new Intl.NumberFormat(locale);
  numberFormats.set(locale, format);
  return format.format(n);
}

/**
 * Fills `{name}` placeholders. `{count, plural, one {…} other {…}}` picks a form with Intl.PluralRules.
 * Values are inserted as text: the result is rendered by React, never as HTML.
 */
export function formatMessage(template: string, values: MessageValues | undefined, locale: string): string {
  if (!values) return template;
  return template.replace(
    /\{(\w+), plural, ((?:\w+ \{[^}]*\}\s*)+)\}|\{(\w+)\}/g,
    (match, pluralName: string | undefined, forms: string | undefined, name: string | undefined) => {
      if (pluralName && forms) {
        const n = Number(values[pluralName] ?? 0);
        const rule = pluralRule(n, locale);
        const table = Object.fromEntries([...forms.matchAll(/(\w+) \{([^}]*)\}/g)].map((m) => [m[1], m[2] ?? '']));
        const form = table[rule] ?? table.other ?? '';
        return form.replace(/#/g, formatNumber(n, locale));
      }
      if (name && name in values) {
        const v = values[name];
        return typeof v === 'number' ? formatNumber(v, locale) : String(v);
      }
      return match;
    },
  );
}
