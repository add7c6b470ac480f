// The Spanish and Portuguese words out of the first load. Every feature keeps its three languages in
// one `defineMessages(en, { es, pt })` call (tsc checks that they have the same keys), but a reader
// uses one language: in the built app each call keeps its English and gets its Spanish and
// Portuguese from one chunk per language (`virtual:klb-translations/es`, `…/pt`), fetched at start
// when that is the reader's language, or when they switch to it (`src/lib/i18n/lazy-translations.ts`).
// Only `vite build` rewrites the calls; the dev server and the unit tests read the catalogues as
// they are written.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAst, transformWithOxc, type Plugin } from 'vite';

const TRANSLATED = ['es', 'pt'] as const;
type Translated = (typeof TRANSLATED)[number];
type Table = Record<string, Record<string, string>>;
export const VIRTUAL_PREFIX = 'virtual:klb-translations/';
const RESOLVED_PREFIX = '\0klb-translations:';
const LAZY_MODULE = 'src/lib/i18n/lazy-translations.ts';

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/** Every `defineMessages(en, translations)` call of a module, in source order. */
function defineMessagesCalls(program: unknown): Node[] {
  const calls: Node[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const node = value as Node;
    const callee = node.callee as Node | undefined;
    if (node.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'defineMessages') calls.push(node);
    for (const [key, child] of Object.entries(node)) if (key !== 'callee') visit(child);
  };
  visit(program);
  return calls;
}

function propertyName(key: Node): string {
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  throw new Error(`a catalogue key must be a name or a string (found ${key.type})`);
}

function stringValue(value: Node): string {
  if (value.type === 'Literal' && typeof value.value === 'string') return value.value;
  const quasis = value.quasis as { value: { cooked: string } }[] | undefined;
  if (value.type === 'TemplateLiteral' && (value.expressions as unknown[]).length === 0 && quasis?.length === 1) return quasis[0]!.value.cooked;
  throw new Error(`a catalogue's words must be plain strings (found ${value.type})`);
}

/** `{ es: {…}, pt: {…} }` as data. */
function readTranslations(argument: Node): Record<Translated, Record<string, string>> {
  if (argument.type !== 'ObjectExpression') throw new Error('the second argument of defineMessages must be an object literal { es, pt }');
  const out: Partial<Record<Translated, Record<string, string>>> = {};
  for (const property of argument.properties as Node[]) {
    if (property.type !== 'Property') throw new Error('no spread in { es, pt }');
    const language = propertyName(property.key as Node) as Translated;
    if (!TRANSLATED.includes(language)) throw new Error(`unknown language ${language}`);
    const catalogue = property.value as Node;
    if (catalogue.type !== 'ObjectExpression') throw new Error(`the ${language} catalogue must be an object literal`);
    out[language] = Object.fromEntries(
      (catalogue.properties as Node[]).map((p) => {
        if (p.type !== 'Property') throw new Error(`no spread in the ${language} catalogue`);
        return [propertyName(p.key as Node), stringValue(p.value as Node)];
      }),
    );
  }
  for (const language of TRANSLATED) if (!out[language]) throw new Error(`the ${language} catalogue is missing`);
  return out as Record<Translated, Record<string, string>>;
}

/** The catalogues' words of one module, keyed `<path>#<n>` (the n-th call), and its code with each call's second argument replaced. */
export function splitModule(code: string, id: string, lazyModule: string): { code: string; tables: Record<Translated, Table> } {
  const calls = defineMessagesCalls(parseAst(code));
  const tables: Record<Translated, Table> = { es: {}, pt: {} };
  let out = '';
  let at = 0;
  calls.forEach((call, n) => {
    const args = call.arguments as Node[];
    if (args.length !== 2) throw new Error(`${id}: defineMessages takes (en, { es, pt })`);
    const key = `${id}#${n}`;
    let translations: Record<Translated, Record<string, string>>;
    try {
      translations = readTranslations(args[1]!);
    } catch (error) {
      throw new Error(`${id}: ${(error as Error).message}`);
    }
    for (const language of TRANSLATED) tables[language][key] = translations[language];
    out += code.slice(at, args[1]!.start) + `__klbTranslations(${JSON.stringify(key)})`;
    at = args[1]!.end;
  });
  if (calls.length === 0) return { code, tables };
  out += code.slice(at);
  return { code: `import { lazyTranslations as __klbTranslations } from ${JSON.stringify(lazyModule)};\n${out}`, tables };
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.(test|testing)\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

const keyOf = (root: string, file: string) => relative(root, file).split(sep).join('/');

/** The Vite plugin: `virtual:klb-translations/<language>` everywhere, the calls rewritten in `vite build` only. */
export function splitCatalogues(): Plugin {
  let root = process.cwd();
  let building = false;
  const tables: Record<Translated, Table> = { es: {}, pt: {} };
  return {
    name: 'split-catalogues',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      building = config.command === 'build' && !config.build.ssr;
    },
    async buildStart() {
      if (!building) return;
      // Read every catalogue before any chunk is made: a language's chunk holds all of them.
      for (const file of sourceFiles(join(root, 'src'))) {
        const source = readFileSync(file, 'utf8');
        if (!source.includes('defineMessages(') || file.endsWith(join('i18n', 'define-messages.ts'))) continue;
        const { code } = await transformWithOxc(source, file);
        const split = splitModule(code, keyOf(root, file), LAZY_MODULE);
        for (const language of TRANSLATED) Object.assign(tables[language], split.tables[language]);
      }
    },
    resolveId(source) {
      return source.startsWith(VIRTUAL_PREFIX) ? RESOLVED_PREFIX + source.slice(VIRTUAL_PREFIX.length) : null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return null;
      const language = id.slice(RESOLVED_PREFIX.length) as Translated;
      if (!TRANSLATED.includes(language)) throw new Error(`no translations for ${language}`);
      // Outside the build the catalogues keep their words where they are written.
      return `export default ${JSON.stringify(building ? tables[language] : {})};`;
    },
    transform(code, id) {
      if (!building || !code.includes('defineMessages(') || id.startsWith('\0') || !id.startsWith(root)) return null;
      const file = id.split('?')[0]!;
      if (!/\.tsx?$/.test(file) || file.endsWith(join('i18n', 'define-messages.ts'))) return null;
      const split = splitModule(code, keyOf(root, file), join(root, LAZY_MODULE));
      return split.code === code ? null : { code: split.code, map: null };
    },
  };
}
