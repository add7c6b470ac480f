import { parse } from 'acorn';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { buildWidgetZip, supportFromEnv, WIDGET_DIR, WIDGET_ZIP_PATH } from './build-widget';
import { KOMMO_LOGO_SIZES } from './logo-png';

// The fields Kommo documents for manifest.json (developers.kommo.com/docs/manifest-json, /images, /i18n).
const DOCUMENTED_WIDGET_FIELDS = [
  'name',
  'description',
  'short_description',
  'version',
  'interface_version',
  'init_once',
  'locale',
  'installation',
  'support',
];
const OPTIONAL_WIDGET_FIELDS = ['code', 'secret_key'];
const KOMMO_LOCATIONS =
  /^(?:(?:lcard|ccard|comcard|cucard|llist|clist|tlist|culist)(?:-[01])?|settings|advanced_settings|card_sdk|catalogs|digital_pipeline|lead_sources|widget_page|sms|mobile_card|salesbot_designer|website_chat_button|everywhere|whatsapp_modal|ai_agent)$/;
const KOMMO_LANGUAGES = ['en', 'es', 'pt', 'tr', 'id'];
const SETTING_TYPES = ['text', 'pass', 'users', 'users_lp', 'custom'];

const files = unzipSync(buildWidgetZip());
const json = (name: string) => JSON.parse(strFromU8(files[name]!)) as Record<string, any>;

function keysOf(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('the widget archive', () => {
  it('is written as widget.zip, the archive name Kommo documents', () => {
    expect(basename(WIDGET_ZIP_PATH)).toBe('widget.zip');
  });

  it('holds the files Kommo expects at its root', () => {
    expect(Object.keys(files).sort()).toEqual(
      [
        'manifest.json',
        'script.js',
        'i18n/en.json',
        'i18n/es.json',
        'i18n/pt.json',
        ...Object.keys(KOMMO_LOGO_SIZES).map((n) => `images/${n}`),
      ].sort(),
    );
  });

  it('has a manifest with the fields Kommo documents', () => {
    const manifest = json('manifest.json');
    const widget = manifest.widget;
    for (const field of DOCUMENTED_WIDGET_FIELDS) expect(widget, field).toHaveProperty(field);
    for (const field of Object.keys(widget)) expect([...DOCUMENTED_WIDGET_FIELDS, ...OPTIONAL_WIDGET_FIELDS]).toContain(field);
    expect(widget.interface_version).toBe(2);
    expect(widget.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(typeof widget.init_once).toBe('boolean');
    expect(typeof widget.installation).toBe('boolean');
    expect(widget.locale).toEqual(['en', 'es', 'pt']);
    for (const lang of widget.locale) expect(KOMMO_LANGUAGES).toContain(lang);
    expect(widget.support.link).toMatch(/^https:\/\//);
    expect(widget.support.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
  });

  it('runs everywhere (the pipeline view has no area of its own), in the leads list and on its own page, with the dashboard URL as a required text setting', () => {
    const manifest = json('manifest.json');
    for (const location of manifest.locations) expect(location).toMatch(KOMMO_LOCATIONS);
    // Kommo: `everywhere` takes no 1/0 suffix.
    expect(manifest.locations).toEqual(expect.arrayContaining(['everywhere', 'llist-1', 'advanced_settings']));
    expect(manifest.advanced.title).toBe('advanced.title');
    expect(manifest.settings.dashboard_url).toEqual({ name: 'settings.dashboard_url', type: 'text', required: true });
    for (const setting of Object.values<any>(manifest.settings)) expect(SETTING_TYPES).toContain(setting.type);
  });

  it('has translations with one structure for every language', () => {
    const en = keysOf(json('i18n/en.json')).sort();
    expect(keysOf(json('i18n/es.json')).sort()).toEqual(en);
    expect(keysOf(json('i18n/pt.json')).sort()).toEqual(en);
    expect(en).toEqual(
      expect.arrayContaining(['widget.name', 'widget.description', 'widget.short_description', 'advanced.title', 'settings.dashboard_url']),
    );
  });

  it('has the five documented logos as PNGs of the documented sizes, each under 300 KB', () => {
    for (const [name, [width, height]] of Object.entries(KOMMO_LOGO_SIZES)) {
      const png = files[`images/${name}`]!;
      expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const view = new DataView(png.buffer, png.byteOffset);
      expect([view.getUint32(16), view.getUint32(20)], name).toEqual([width, height]);
      expect(png.length).toBeLessThan(300 * 1024);
    }
  });

  it('ships a script.js that parses as ES5 and is an AMD module', () => {
    const source = strFromU8(files['script.js']!);
    expect(() => parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    expect(source).toMatch(/define\(\['jquery', 'lib\/components\/base\/modal'\], function \(\$, Modal\)/);
  });

  it('takes the support contact from WIDGET_SUPPORT_LINK / WIDGET_SUPPORT_EMAIL, and refuses bad ones', () => {
    const fallback = json('manifest.json').widget.support;
    expect(supportFromEnv({}, fallback)).toBeNull();
    const ours = supportFromEnv({ WIDGET_SUPPORT_LINK: 'https://help.example.com/leads', WIDGET_SUPPORT_EMAIL: 'help@example.com' }, fallback)!;
    const manifest = JSON.parse(strFromU8(unzipSync(buildWidgetZip(WIDGET_DIR, ours))['manifest.json']!)) as Record<string, any>;
    expect(manifest.widget.support).toEqual({ link: 'https://help.example.com/leads', email: 'help@example.com' });
    expect(manifest.locations).toEqual(json('manifest.json').locations);
    expect(() => supportFromEnv({ WIDGET_SUPPORT_LINK: 'javascript:alert(1)' }, fallback)).toThrow(/https/);
    expect(() => supportFromEnv({ WIDGET_SUPPORT_EMAIL: 'not an address' }, fallback)).toThrow(/e-mail/);
  });

  it('is reproducible', () => {
    expect(buildWidgetZip()).toEqual(buildWidgetZip());
  });
});
