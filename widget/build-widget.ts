// Packs the Kommo widget (manifest, script, translations, logos) into the zip uploaded to a private
// integration: `npm run build:widget` -> widget-dist/widget.zip (the name Kommo's upload page expects).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { KOMMO_LOGO_SIZES, renderLogoPng } from './logo-png';

export const WIDGET_DIR = dirname(fileURLToPath(import.meta.url));
export const WIDGET_ZIP_PATH = resolve(WIDGET_DIR, '..', 'widget-dist', 'widget.zip');

type Json = { [key: string]: unknown };

function lookup(tree: Json, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), tree);
}

/** Manifest values written as `section.key` must exist in every language file, or Kommo shows the raw key. */
function checkTranslations(manifest: Json, translations: Record<string, Json>): void {
  const widget = manifest.widget as Json;
  const keys = [widget.name, widget.description, widget.short_description, lookup(manifest, 'advanced.title')];
  for (const setting of Object.values((manifest.settings ?? {}) as Record<string, Json>)) keys.push(setting.name);
  for (const [lang, tree] of Object.entries(translations)) {
    for (const key of keys) {
      if (typeof key === 'string' && typeof lookup(tree, key) !== 'string') throw new Error(`i18n/${lang}.json lacks "${key}"`);
    }
  }
  for (const lang of widget.locale as string[]) {
    if (!(lang in translations)) throw new Error(`manifest.json lists locale "${lang}" but i18n/${lang}.json is missing`);
  }
}

/** Who answers the account's users about the widget: shown by Kommo on the widget's card. */
export type WidgetSupport = { link: string; email: string };

/**
 * The support contact from WIDGET_SUPPORT_LINK / WIDGET_SUPPORT_EMAIL, validated; null when neither
 * is set (the manifest's own values stay). Throws with a readable message on a bad value.
 */
export function supportFromEnv(env: Record<string, string | undefined>, fallback: WidgetSupport): WidgetSupport | null {
  const link = env.WIDGET_SUPPORT_LINK?.trim();
  const email = env.WIDGET_SUPPORT_EMAIL?.trim();
  if (!link && !email) return null;
  const support = { link: link || fallback.link, email: email || fallback.email };
  if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(support.link)) throw new Error(`WIDGET_SUPPORT_LINK must be an https:// address, got "${support.link}"`);
  if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(support.email)) throw new Error(`WIDGET_SUPPORT_EMAIL must be an e-mail address, got "${support.email}"`);
  return support;
}

/** Builds the zip in memory; files sit at the archive root, where Kommo looks for manifest.json. */
export function buildWidgetZip(widgetDir = WIDGET_DIR, support: WidgetSupport | null = null): Uint8Array {
  const read = (name: string) => readFileSync(join(widgetDir, name));
  const manifest = JSON.parse(read('manifest.json').toString('utf8')) as Json;
  if (support) (manifest.widget as Json).support = support;
  const translations: Record<string, Json> = {};
  const manifestBytes = support ? Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') : read('manifest.json');
  const files: Zippable = { 'manifest.json': manifestBytes, 'script.js': read('script.js') };
  for (const name of readdirSync(join(widgetDir, 'i18n'))
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const text = read(`i18n/${name}`);
    translations[name.replace(/\.json$/, '')] = JSON.parse(text.toString('utf8')) as Json;
    files[`i18n/${name}`] = text;
  }
  checkTranslations(manifest, translations);
  for (const [name, [width, height]] of Object.entries(KOMMO_LOGO_SIZES)) files[`images/${name}`] = renderLogoPng(width, height);
  // A fixed date keeps the archive byte-for-byte reproducible.
  return zipSync(files, { level: 9, mtime: new Date('2024-01-01T00:00:00Z') });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(join(WIDGET_DIR, 'manifest.json'), 'utf8')) as { widget: { support: WidgetSupport } };
  let support: WidgetSupport | null;
  try {
    support = supportFromEnv(process.env, manifest.widget.support);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (!support) {
    // Kommo shows this contact on the widget's card as who answers the account's users: it must be
    // the team running the dashboard, never Kommo's own support (the manifest's placeholder values).
    console.error(
      "Set WIDGET_SUPPORT_LINK (https://…) and WIDGET_SUPPORT_EMAIL to your team's support contact: Kommo shows it on the widget's card.\n" +
        `The archive is not built with the manifest's placeholder (${manifest.widget.support.email}, Kommo's own support).`,
    );
    process.exit(1);
  }
  const zip = buildWidgetZip(WIDGET_DIR, support);
  mkdirSync(dirname(WIDGET_ZIP_PATH), { recursive: true });
  writeFileSync(WIDGET_ZIP_PATH, zip);
  console.log(`Widget archive written: ${WIDGET_ZIP_PATH} (${zip.length} bytes)`);
}
