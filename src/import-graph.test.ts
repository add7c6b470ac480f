// The house has no circle and no arrow up, checked apart from lint: ESLint's import-x/no-cycle skips
// `import type` (erased at run time), but a type-only circle still means neither module is the lower
// layer. This walks every import of src, types included, with TypeScript's own pre-processor, and
// fails on any cycle, on any import from a lower layer to a higher one (src/kommo < src/lib <
// src/features/* < src/app; src/server beside them on src/kommo only; features apart), and on any
// import against the order of the rooms inside src/lib (the order lint holds, from eslint.config.js).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
// The order lint holds, read from lint's own config (one list, not a copy of it).
const { LIB_ROOMS, LIB_ARROWS_UP } = (await import(pathToFileURL(join(SRC, '..', 'eslint.config.js')).href)) as {
  LIB_ROOMS: string[];
  LIB_ARROWS_UP: { file: string; to: string }[];
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('@/')) return null;
  const base = specifier.startsWith('@/') ? resolve(SRC, specifier.slice(2)) : resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`].find((candidate) => files.has(candidate)) ?? null;
}

function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

function importGraph(): Map<string, string[]> {
  const files = new Set(sourceFiles(SRC));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles.map((f) => resolveImport(file, f.fileName, files)).filter((f): f is string => f !== null),
    );
  }
  return graph;
}

type Place = { layer: 'kommo' | 'lib' | 'features' | 'app' | 'server' | 'other'; room: string };

function placeOf(path: string): Place {
  const [top = '', room = ''] = path.split('/');
  if (top === 'kommo' || top === 'app' || top === 'server') return { layer: top, room: '' };
  if (top === 'lib' || top === 'features') return { layer: top, room };
  return { layer: 'other', room: '' };
}

/** Why `from` may not import `to` (paths relative to src), or null when it may. */
export function arrowProblem(from: string, to: string, rooms: readonly string[], arrowsUp: readonly { file: string; to: string }[]): string | null {
  const a = placeOf(from);
  const b = placeOf(to);
  const rank = { kommo: 0, lib: 1, features: 2, app: 3 } as const;
  if (a.layer === 'other' || b.layer === 'other') return null;
  if (a.layer === 'server' || b.layer === 'server')
    return a.layer === b.layer || b.layer === 'kommo' ? null : `${from} -> ${to}: the server and the browser share only src/kommo`;
  if (rank[b.layer] > rank[a.layer]) return `${from} -> ${to}: ${a.layer} is below ${b.layer}`;
  if (a.layer === 'features' && b.layer === 'features' && a.room !== b.room) return `${from} -> ${to}: features never import each other`;
  if (a.layer === 'lib' && b.layer === 'lib' && rooms.indexOf(b.room) > rooms.indexOf(a.room)) {
    const allowed = arrowsUp.some((arrow) => arrow.file === `src/${from}` && arrow.to === b.room);
    if (!allowed) return `${from} -> ${to}: src/lib/${a.room} is below src/lib/${b.room} (${rooms.join(' < ')})`;
  }
  return null;
}

/** Tests and test helpers may compose layers and rooms (lint lets them too). */
const isTestCode = (path: string) => /\.(test|testing|chaos\.test)\.tsx?$/.test(path) || path.startsWith('test-utils/');

describe('imports under src', () => {
  it('go one way: no import from a lower layer to a higher one, between features, or against the rooms of src/lib', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [file, imports] of importGraph()) {
      const from = relative(SRC, file);
      if (isTestCode(from)) continue;
      for (const target of imports) {
        checked++;
        const problem = arrowProblem(from, relative(SRC, target), LIB_ROOMS, LIB_ARROWS_UP);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    // Every room lint orders is a folder of src/lib, and every folder has its place.
    expect([...LIB_ROOMS].sort()).toEqual(readdirSync(join(SRC, 'lib')).sort());
  });

  it('names an arrow against the layers or the rooms (the check itself can fail)', () => {
    const rooms = ['i18n', 'api', 'leads'];
    expect(arrowProblem('lib/api/x.ts', 'lib/leads/y.ts', rooms, [])).toBe(
      'lib/api/x.ts -> lib/leads/y.ts: src/lib/api is below src/lib/leads (i18n < api < leads)',
    );
    expect(arrowProblem('lib/api/x.ts', 'lib/leads/y.ts', rooms, [{ file: 'src/lib/api/x.ts', to: 'leads' }])).toBeNull();
    expect(arrowProblem('lib/leads/y.ts', 'lib/api/x.ts', rooms, [])).toBeNull();
    expect(arrowProblem('kommo/a.ts', 'lib/api/x.ts', rooms, [])).toBe('kommo/a.ts -> lib/api/x.ts: kommo is below lib');
    expect(arrowProblem('features/a/a.ts', 'features/b/b.ts', rooms, [])).toBe(
      'features/a/a.ts -> features/b/b.ts: features never import each other',
    );
    expect(arrowProblem('app/a.ts', 'server/config.ts', rooms, [])).toBe(
      'app/a.ts -> server/config.ts: the server and the browser share only src/kommo',
    );
    expect(arrowProblem('server/a.ts', 'kommo/b.ts', rooms, [])).toBeNull();
    expect(arrowProblem('app/a.ts', 'features/b/b.ts', rooms, [])).toBeNull();
  });

  it('form no cycle, type-only imports included', () => {
    const graph = importGraph();
    const cycles = findCycles(graph).map((cycle) => cycle.map((f) => relative(SRC, f)).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
  });
});
