// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/api-error';
import type { KommoClient, KommoClientState } from '@/lib/api/kommo-client';
import { renderWithProviders } from '@/test-utils/render';
import { LeadsErrorView } from './leads-error-view';
import { leadsTableMessages, type LeadsTableT } from '@/features/leads-table/leads-table-messages';

const t: LeadsTableT = (key, values) => leadsTableMessages.en[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values?.[k] ?? ''));

function fakeClient(state: Partial<KommoClientState> = {}) {
  const full: KommoClientState = { blocked: false, rateLimitedUntil: null, requests: 0, refused: [], ...state };
  return {
    transportKind: 'proxy',
    get: vi.fn(),
    getState: () => full,
    subscribe: () => () => {},
    unblock: vi.fn(),
  } satisfies KommoClient;
}

function renderError(error: unknown, client = fakeClient(), onRetry = vi.fn()) {
  renderWithProviders(<LeadsErrorView error={error} onRetry={onRetry} t={t} errorAt={Date.now()} />, { client });
  return { client, onRetry };
}

afterEach(() => vi.useRealTimers());

describe('LeadsErrorView', () => {
  it('explains a 401 as token or permission and retries', () => {
    const { onRetry } = renderError(new ApiError({ kind: 'unauthorized', status: 401, detail: 'Unauthorized' }));
    expect(screen.getByRole('alert').textContent).toMatch(/token .*401|401.*token/i);
    expect(screen.getByRole('alert').textContent).toMatch(/right to read leads/);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('on a 403 says calls are stopped and resumes the client before retrying', () => {
    const { client, onRetry } = renderError(new ApiError({ kind: 'forbidden', status: 403, detail: 'Forbidden' }), fakeClient({ blocked: true }));
    expect(screen.getByRole('alert').textContent).toMatch(/calls are stopped/);
    fireEvent.click(screen.getByRole('button', { name: 'Resume and retry' }));
    expect(client.unblock).toHaveBeenCalledOnce();
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('counts down a 429 from the client deadline and enables retry at zero', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    renderError(
      new ApiError({ kind: 'rate-limited', status: 429, detail: 'Too Many Requests', retryAfterMs: 3000 }),
      fakeClient({ rateLimitedUntil: 1_003_000 }),
    );
    expect(screen.getByRole('alert').textContent).toMatch(/3 s/);
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', true);
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByRole('alert').textContent).toMatch(/2 s/);
    act(() => void vi.advanceTimersByTime(2500));
    expect(screen.getByRole('alert').textContent).toMatch(/You can retry now/);
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', false);
  });

  it('names the failing field of a schema error', () => {
    renderError(new ApiError({ kind: 'schema', status: 200, detail: 'bad', field: '_embedded.leads.3.price' }));
    expect(screen.getByRole('alert').textContent).toMatch(/_embedded\.leads\.3\.price/);
  });

  it.each([
    ['network', /could not be reached/],
    ['server', /internal error \(502\)/],
    ['validation', /refused the parameter filter\[id\]/],
  ] as const)('has a message for %s', (kind, pattern) => {
    renderError(
      new ApiError({
        kind,
        status: kind === 'server' ? 502 : kind === 'validation' ? 400 : null,
        detail: 'x',
        field: kind === 'validation' ? 'filter[id]' : null,
      }),
    );
    expect(screen.getByRole('alert').textContent).toMatch(pattern);
  });
});
