// Packs the Kommo widget (manifest, script, translations, logos) into the zip uploaded to a private
// integration: `npm run build:widget` -> widget-dist/kommo-leads-browser-widget.zip.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { KOMMO_LOGO_SIZES, renderLogoPng } from './logo-png';

export const WIDGET_DIR = dirname(fileURLToPath(import.meta.url));
export const WIDGET_ZIP_PATH = resolve(WIDGET_DIR, '..', 'widget-dist', 'kommo-leads-browser-widget.zip');

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

/** Builds the zip in memory; files sit at the archive root, where Kommo looks for manifest.json. */
export function buildWidgetZip(widgetDir = WIDGET_DIR): Uint8Array {
  const read = (name: string) => readFileSync(join(widgetDir, name));
  const manifest = JSON.parse(read('manifest.json').toString('utf8')) as Json;
  const translations: Record<string, Json> = {};
  const files: Zippable = { 'manifest.json': read('manifest.json'), 'script.js': read('script.js') };
  for (const name of readdirSync(join(widgetDir, 'i18n')).filter((n) => n.endsWith('.json')).sort()) {
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
  const zip = buildWidgetZip();
  mkdirSync(dirname(WIDGET_ZIP_PATH), { recursive: true });
  writeFileSync(WIDGET_ZIP_PATH, zip);
  console.log(`Widget archive written: ${WIDGET_ZIP_PATH} (${zip.length} bytes)`);
}
