// The folder map of docs/architecture.md is what a newcomer trusts to find a room: every path it
// names must exist, and every folder under src must be on it. A rename without the doc fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAP_DOC = 'docs/architecture.md';
const SKIPPED = new Set(['node_modules', 'dist', '.git']);

type MapRow = { folders: string[]; names: string[] };

/** The rows of the doc's "Folder map" table: the folders of its first cell, every backticked name of the row. */
function folderMapRows(markdown: string): MapRow[] {
  const section = markdown.split(/^## Folder map$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows: MapRow[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1);
    const [first, ...rest] = cells;
    if (first === undefined || !first.includes('`')) continue;
    const ticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    // `src/features/load-all/`, `summary/`, `export/`: the later names are siblings of the first.
    const [head, ...siblings] = ticked(first);
    if (head === undefined) continue;
    const folders = [head, ...siblings.map((s) => posix.join(posix.dirname(head), s))].map((f) => f.replace(/\/$/, ''));
    rows.push({ folders, names: ticked(rest.join('|')) });
  }
  return rows;
}

/** What the map gets wrong about a tree (its files and folders, relative to the root): an empty list when it is true. */
function folderMapProblems(markdown: string, tree: { files: readonly string[]; folders: readonly string[] }): string[] {
  const rows = folderMapRows(markdown);
  const folders = new Set(tree.folders);
  const problems: string[] = [];
  const mapped: string[] = [];
  if (rows.length === 0) return [`${MAP_DOC} has no folder map table`];
  for (const row of rows) {
    for (const folder of row.folders) {
      if (folders.has(folder)) mapped.push(folder);
      else problems.push(`the map names the folder ${folder}/, which does not exist`);
    }
    const under = (name: string) => row.folders.flatMap((folder) => [posix.join(folder, name), posix.join(posix.dirname(folder), name)]);
    for (const name of row.names) {
      if (/^[\w.\-/]+\/$/.test(name)) {
        // A folder named in the row: its own path, or a path inside the row's folder.
        const found = [name.replace(/\/$/, ''), ...under(name.replace(/\/$/, ''))].find((f) => folders.has(f));
        if (found !== undefined) mapped.push(found);
        else problems.push(`the row of ${row.folders.join(', ')} names the folder ${name}, which does not exist`);
      } else if (/^(src|e2e|scripts|widget|bench)\/[\w.\-/]+\.(tsx?|jsx?|json|md|css)$/.test(name)) {
        // A whole path, another room's file the row points to: it must exist where it says.
        if (!tree.files.includes(name)) problems.push(`the row of ${row.folders.join(', ')} names ${name}, which does not exist`);
      } else if (/^[\w.\-/*]+\.(tsx?|jsx?|json|md|css)$/.test(name)) {
        // A file named in the row: anywhere under the row's folders (`*` stands for any name part).
        const pattern = new RegExp(`(^|/)${name.replace(/[.]/g, '\\.').replace(/\*/g, '[\\w.-]*')}$`);
        const exists = tree.files.some((file) => pattern.test(file) && row.folders.some((folder) => file.startsWith(`${folder}/`)));
        if (!exists) problems.push(`the row of ${row.folders.join(', ')} names ${name}, which is not in ${row.folders.join(' or ')}`);
      }
    }
  }
  for (const folder of tree.folders.filter((f) => f.startsWith('src/'))) {
    if (!mapped.some((m) => m === folder || m.startsWith(`${folder}/`))) problems.push(`the folder ${folder}/ is not on the map`);
  }
  return problems;
}

function walk(dir: string, tree: { files: string[]; folders: string[] }): void {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      tree.folders.push(path);
      walk(path, tree);
    } else tree.files.push(path);
  }
}

const mapped = ['src', 'e2e', 'scripts', 'widget', 'bench'];
const tree = { files: [] as string[], folders: [] as string[] };
for (const top of mapped) {
  tree.folders.push(top);
  walk(top, tree);
}
const markdown = readFileSync(join(ROOT, MAP_DOC), 'utf8');

describe(`the folder map of ${MAP_DOC}`, () => {
  it('names only paths that exist, and every folder under src', () => {
    expect(folderMapProblems(markdown, tree)).toEqual([]);
  });

  it('fails when a folder is renamed without the doc: its old name does not exist, its new one is not on the map', () => {
    const renamed = (path: string) => path.replace(/^src\/lib\/time(?=\/|$)/, 'src/lib/clock');
    const problems = folderMapProblems(markdown, { files: tree.files.map(renamed), folders: tree.folders.map(renamed) });
    expect(problems).toContain('the map names the folder src/lib/time/, which does not exist');
    expect(problems).toContain('the folder src/lib/clock/ is not on the map');
  });

  it('fails when a file the map names is renamed', () => {
    const renamed = tree.files.map((f) => (f === 'src/lib/api/kommo-client.ts' ? 'src/lib/api/kommo-http-client.ts' : f));
    expect(folderMapProblems(markdown, { files: renamed, folders: tree.folders })).toEqual([
      'the row of src/lib/api names kommo-client.ts, which is not in src/lib/api',
    ]);
  });

  it('fails when a whole path one row names in another room is renamed', () => {
    const renamed = tree.files.map((f) => (f === 'src/lib/leads/leads-count.ts' ? 'src/lib/leads/lead-count.ts' : f));
    expect(folderMapProblems(markdown, { files: renamed, folders: tree.folders })).toEqual([
      'the row of src/lib/leads names leads-count.ts, which is not in src/lib/leads',
      'the row of src/features/local-copy names src/lib/leads/leads-count.ts, which does not exist',
    ]);
  });

  it('fails when a new folder under src is not on the map', () => {
    const folders = [...tree.folders, 'src/features/leads-table/toolbar'];
    expect(folderMapProblems(markdown, { files: tree.files, folders })).toEqual(['the folder src/features/leads-table/toolbar/ is not on the map']);
  });
});
