// What the README's architecture section promises, lint must hold: each probe below is code the
// house forbids, linted as if it sat at the path named, and must be refused by the rule named.
import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FEATURES = readdirSync(join(ROOT, 'src', 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const eslint = new ESLint({ cwd: ROOT });

async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('lint holds the layers the README states', () => {
  it.each(FEATURES)('the %s feature may not import a sibling feature', async (feature) => {
    // A real file of a sibling: the rule resolves the import before it judges it.
    const other = FEATURES.find((name) => name !== feature) ?? 'export';
    const target = readdirSync(join(ROOT, 'src', 'features', other), { recursive: true, encoding: 'utf8' }).find((name) =>
      /(?<!\.test)\.tsx?$/.test(name),
    );
    const specifier = `@/features/${other}/${(target ?? '').replace(/\.tsx?$/, '')}`;
    const ids = await ruleIdsFor(`src/features/${feature}/zz-probe.ts`, `import { x } from '${specifier}';\nexport const y = x;\n`);
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('the app shell may not import the server', async () => {
    const ids = await ruleIdsFor('src/app/zz-probe.ts', "import { loadConfig } from '@/server/config';\nexport const y = loadConfig;\n");
    expect(ids).toContain('@typescript-eslint/no-restricted-imports');
  });

  it.each([
    ['src/lib/zz-probe.ts', "import { x } from '@/features/export/zz-target';"],
    ['src/lib/zz-probe.ts', "import { x } from '@/server/config';"],
    ['src/kommo/zz-probe.ts', "import { x } from '@/lib/api/transport';"],
    ['src/server/zz-probe.ts', "import { x } from '@/lib/api/transport';"],
    ['src/features/export/zz-probe.ts', "import { x } from '@/app/app-shell';"],
  ])('%s may not hold %s', async (path, line) => {
    const ids = await ruleIdsFor(path, `${line}\nexport const y = x;\n`);
    expect(ids).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('an allowed import passes (the probes fail for the rule, not for the harness)', async () => {
    const ids = await ruleIdsFor('src/features/export/zz-probe.ts', "import { x } from '@/lib/api/transport';\nexport const y = x;\n");
    expect(ids).toEqual([]);
  });
});

describe('lint holds the order of the rooms in src/lib', () => {
  it.each([
    // Each probe imports a real file of a higher room.
    ['src/lib/i18n/zz-probe.ts', '@/lib/api/transport'],
    ['src/lib/time/zz-probe.ts', '@/lib/api/transport'],
    ['src/lib/api/zz-probe.ts', '@/lib/bridge/bridge-transport'],
    ['src/lib/api/zz-probe.ts', '@/lib/leads/leads-stream'],
    ['src/lib/reference-data/zz-probe.ts', '@/lib/local-copy/local-list-chunk'],
    ['src/lib/local-copy/zz-probe.ts', '@/lib/rights/use-lead-rights'],
    ['src/lib/ui/zz-probe.ts', '@/lib/bridge/bridge-transport'],
    // A file allowed one arrow up is allowed only that one.
    ['src/lib/leads/lead-queries.ts', '@/lib/bridge/bridge-transport'],
    ['src/lib/reference-data/lead-reference.ts', '@/lib/local-copy/local-list-chunk'],
  ])('%s may not import %s', async (path, specifier) => {
    const ids = await ruleIdsFor(path, `import { x } from '${specifier}';\nexport const y = x;\n`);
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('a room may import a lower one (the probes fail for the rule, not for the harness)', async () => {
    const ids = await ruleIdsFor('src/lib/bridge/zz-probe.ts', "import { x } from '@/lib/api/transport';\nexport const y = x;\n");
    expect(ids).toEqual([]);
  });
});

describe("lint holds TanStack Query's strict rules", () => {
  it('refuses a query key typed by hand at the call site: keys come from a factory', async () => {
    const code = [
      "import { useQuery } from '@tanstack/react-query';",
      "export const useX = () => useQuery({ queryKey: ['server', 'x'], queryFn: () => 1 });",
      '',
    ].join('\n');
    const ids = await ruleIdsFor('src/features/export/zz-probe.ts', code);
    expect(ids).toContain('@tanstack/query/prefer-query-options');
  });
});
