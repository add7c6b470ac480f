import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import checkFile from 'eslint-plugin-check-file';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import prettierConfig from 'eslint-config-prettier';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// Each feature is a room of its own: it imports shared code (src/lib, src/kommo), never a sibling.
// The list is read from the folders, so a new feature is held by the rule from its first file.
const FEATURES = readdirSync(join(import.meta.dirname, 'src', 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// The rooms of src/lib in order, lowest first: a room imports only the rooms before it (and
// src/kommo). Written from the layout as it is; the arrows that still point up are named
// below, each with its reason.
export const LIB_ROOMS = [
  'i18n',
  'url-state',
  'auth',
  'time',
  'api',
  'reference-data',
  'entities',
  'leads',
  'leads-list',
  'local-copy',
  'ui',
  'rights',
  'bridge',
  'embedded-ui',
];
export const LIB_ARROWS_UP = [
  // Reference lookups order custom fields as the columns do.
  { file: 'src/lib/reference-data/lead-reference.ts', to: 'leads-list' },
];
const libOrderZones = (room, allowedUp = []) =>
  LIB_ROOMS.slice(LIB_ROOMS.indexOf(room) + 1)
    .filter((higher) => !allowedUp.includes(higher))
    .map((higher) => ({
      target: `./src/lib/${room}`,
      from: `./src/lib/${higher}`,
      message: `src/lib rooms import only the rooms below them (${LIB_ROOMS.join(' < ')}): ${room} may not import ${higher}.`,
    }));
const LIB_FOLDERS = readdirSync(join(import.meta.dirname, 'src', 'lib'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const UNORDERED = LIB_FOLDERS.filter((room) => !LIB_ROOMS.includes(room));
if (UNORDERED.length > 0) throw new Error(`eslint.config.js: give src/lib/${UNORDERED.join(', src/lib/')} a place in LIB_ROOMS`);

// Browser code speaks zod/mini only: one module importing classic zod puts its whole method API
// (about 18 KB gzipped) back into the first bundle. The server may use either.
const CLASSIC_ZOD = {
  name: 'zod',
  message: "Browser code uses 'zod/mini' (import * as z from 'zod/mini'): classic zod costs the first load ~18 KB.",
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench/results', 'widget-dist', 'widget/src/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended-strict'],
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX, 'check-file': checkFile },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'], alias: { '@': [join(import.meta.dirname, 'src')] } })],
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // No circle between modules: a cycle hides which one is the lower layer.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      // Files and folders are kebab-case; `.test`, `.module`, `.testing`, `.chaos` are middle extensions.
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,tsx,js,css}': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { 'src/**/': 'KEBAB_CASE', 'e2e/**/': 'KEBAB_CASE', 'bench/**/': 'KEBAB_CASE' }],
      'check-file/no-index': ['error', { ignoreMiddleExtensions: true }],
    },
  },
  {
    // One way to name a module of another folder: `@/lib/api/transport`, never `../../lib/api/transport`.
    files: ['src/**/*.{ts,tsx}'],
    // The chaos tests share their hostile inputs with e2e/chaos, outside src.
    ignores: ['src/**/*.chaos.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./', message: 'Import another folder through @/ (the alias of src): @/lib/api/transport, not ../../lib/api/transport.' },
          ],
        },
      ],
    },
  },
  {
    // The query factories key by `client.transportKind`, not the client object: one client per app,
    // and its transport is what makes two answers differ (the rule only accepts the whole object).
    files: ['src/lib/*/*-queries.ts'],
    rules: { '@tanstack/query/exhaustive-deps': 'off' },
  },
  {
    // The isomorphic Kommo layer is shared by browser, proxy and demo account: it imports nothing of theirs.
    files: ['src/kommo/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [CLASSIC_ZOD],
          patterns: [
            {
              group: ['**/server/**', '**/features/**', '**/app/**', '**/lib/**', 'react', 'react-dom', 'hono', 'hono/*'],
              message: 'src/kommo is shared by browser and server: keep it free of both.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [CLASSIC_ZOD],
          patterns: [
            { group: ['**/server/**', '**/features/**', '**/app/**'], message: 'src/lib is shared: it imports only src/kommo and libraries.' },
          ],
        },
      ],
      'import-x/no-restricted-paths': ['error', { zones: LIB_ROOMS.flatMap((room) => libOrderZones(room)) }],
    },
  },
  ...LIB_ARROWS_UP.map(({ file, to }) => ({
    files: [file],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LIB_ROOMS.flatMap((room) => libOrderZones(room, [to])) }] },
  })),
  {
    // A test may compose rooms (the URL codec's rolling dates, the files' clock against the columns).
    files: ['src/lib/**/*.test.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [CLASSIC_ZOD],
          patterns: [
            { group: ['**/server/**', '**/app/**'], message: 'Features import shared code (src/kommo, src/lib), never the app shell or the server.' },
          ],
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: FEATURES.map((feature) => ({
            target: `./src/features/${feature}`,
            from: './src/features',
            except: [`./${feature}`],
            message: 'Features never import each other: move what they share down to src/lib (or let src/app compose them).',
          })),
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    // Its tests may run the demo account in-process (the contract tests), as src/integration does.
    ignores: ['src/app/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [CLASSIC_ZOD],
          patterns: [{ group: ['**/server/**'], message: 'The browser app never imports the server (its config, its token, its Node modules).' }],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/app/**', '**/lib/**', 'react', 'react-dom'],
              message: 'The server imports only src/kommo and its own modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Playwright fixtures receive a `use` callback that is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  // Last: layout is Prettier's job, so no lint rule argues with it.
  prettierConfig,
);
