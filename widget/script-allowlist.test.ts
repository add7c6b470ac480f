// widget/script.js cannot import TypeScript, so it carries a copy of the API allowlist: this keeps
// the copy identical to src/kommo/api-paths.ts, in the regexes and in behaviour.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ALLOWED_API_PATHS, isAllowedApiPath } from '../src/kommo/api-paths';

type WidgetModule = { isAllowedApiPath: (p: unknown) => boolean; ALLOWED_API_PATHS: RegExp[] };

function loadWidgetModule(): WidgetModule {
  const source = readFileSync(new URL('./script.js', import.meta.url), 'utf8');
  let factory: ((jq: unknown) => WidgetModule) | undefined;
  runInNewContext(source, { define: (_deps: string[], f: (jq: unknown) => WidgetModule) => (factory = f) });
  if (!factory) throw new Error('script.js did not call define()');
  return factory(() => []);
}

describe('the widget script allowlist', () => {
  const widget = loadWidgetModule();

  it('holds the same regexes as src/kommo/api-paths.ts, in the same order', () => {
    const describeRe = (re: RegExp) => `/${re.source}/${re.flags}`;
    expect(widget.ALLOWED_API_PATHS.map(describeRe)).toEqual(ALLOWED_API_PATHS.map(describeRe));
  });

  it('decides every sample path the same way', () => {
    const samples = [
      '/api/v4/leads',
      '/api/v4/leads/',
      '/api/v4/leads/pipelines',
      '/api/v4/catalogs/12/elements',
      '/api/v4/catalogs/x/elements',
      '/api/v4/users',
      '/api/v4/leads/1/notes',
      '/api/v4/../v4/leads',
      '/api/v4//leads',
      '/api/v4/leads%2F..',
      '/api/v4/leads\\x',
      '/api/v4/leads\n',
      '/oauth2/access_token',
      '',
    ];
    for (const path of samples) expect(widget.isAllowedApiPath(path), path).toBe(isAllowedApiPath(path));
    expect(widget.isAllowedApiPath(42)).toBe(false);
  });
});
