// Copies carry an age limit: an old copy is not used (it is deleted on opening) and says so.
import { describe, expect, it, vi } from 'vitest';
import { MAX_COPY_AGE_MS, withAgeLimit } from './local-copy-age-limit';
import { createMemoryStore, type LocalCopyMeta } from './local-copy-store';

const NOW = Date.UTC(2026, 11, 7);

function meta(syncedAt: number | null): LocalCopyMeta {
  return {
    version: 2,
    origin: 'http://127.0.0.1',
    phase: 'complete',
    walk: { from: 0, boundaryIds: [], tiePage: 1 },
    pages: 1,
    walkElapsedMs: 0,
    walkRequests: 1,
    syncedAt,
    anchor: 0,
    appliedEvents: [],
  };
}

async function storeWith(syncedAt: number | null) {
  const store = createMemoryStore();
  await store.apply({ upsert: [{ id: 1 } as never], remove: [], meta: meta(syncedAt) });
  return store;
}

describe('withAgeLimit', () => {
  it('opens a copy within the limit as it is', async () => {
    const expired = vi.fn();
    const store = withAgeLimit(await storeWith(NOW - MAX_COPY_AGE_MS), MAX_COPY_AGE_MS, () => NOW, expired);
    expect(await store.open()).toMatchObject({ size: 1, meta: { syncedAt: NOW - MAX_COPY_AGE_MS } });
    expect(expired).not.toHaveBeenCalled();
  });

  it('deletes a copy past the limit before anything reads it, and says so', async () => {
    const expired = vi.fn();
    const store = withAgeLimit(await storeWith(NOW - MAX_COPY_AGE_MS - 1), MAX_COPY_AGE_MS, () => NOW, expired);
    expect(await store.open()).toEqual({ meta: null, size: 0 });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('leaves a first walk that never finished (no sync time yet) to resume', async () => {
    const expired = vi.fn();
    const store = withAgeLimit(await storeWith(null), MAX_COPY_AGE_MS, () => NOW, expired);
    expect((await store.open()).size).toBe(1);
    expect(expired).not.toHaveBeenCalled();
  });
});
