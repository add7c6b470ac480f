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
  return { en, ...translations } as Messages<Extract<keyof E, string>>;
}

/**
 * Intl's plural category, except zero in Portuguese: CLDR files 0 under "one" ("0 etapa
 * selecionada"), while Brazilian usage puts a count of zero in the plural ("0 etapas selecionadas").
 */
function pluralRule(n: number, locale: string): Intl.LDMLPluralRule {
  if (n === 0 && /^pt\b/i.test(locale)) return 'other';
  return new Intl.PluralRules(locale).select(n);
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
        return form.replace(/#/g, new Intl.NumberFormat(locale).format(n));
      }
      if (name && name in values) {
        const v = values[name];
        return typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : String(v);
      }
      return match;
    },
  );
}
