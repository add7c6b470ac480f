import { describe, expect, it } from 'vitest';
import { lazyTranslations, loadTranslations, subscribeTranslations, translationsVersion } from './lazy-translations';

describe("a language's words fetched on demand", () => {
  it('reads nothing (so English shows) before its chunk, and tells listeners once it arrives', async () => {
    const words = lazyTranslations('src/x-messages.ts#0');
    expect(words.es).toEqual({});
    const before = translationsVersion();
    let heard = 0;
    const stop = subscribeTranslations(() => heard++);
    await Promise.all([loadTranslations('es'), loadTranslations('es')]);
    await loadTranslations('es');
    await loadTranslations('en');
    stop();
    // One download for three asks; English needs none.
    expect(heard).toBe(1);
    expect(translationsVersion()).toBe(before + 1);
    // Outside the build the table is empty: the catalogues keep their own words there.
    expect(words.es).toEqual({});
  });
});
