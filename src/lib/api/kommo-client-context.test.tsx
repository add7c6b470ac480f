// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createFakeTransport, htmlResponse } from './fake-transport.testing';
import { createKommoClient } from './kommo-client';
import { KommoClientProvider, useKommoClientState } from './kommo-client-context';

function BlockedFlag() {
  const state = useKommoClientState();
  return <p>{state.blocked ? 'blocked' : 'open'}</p>;
}

describe('KommoClientProvider', () => {
  it('re-renders on client state changes (403 block, unblock)', async () => {
    const client = createKommoClient(createFakeTransport(() => htmlResponse(403)));
    render(
      <KommoClientProvider client={client}>
        <BlockedFlag />
      </KommoClientProvider>,
    );
    expect(screen.getByText('open')).toBeTruthy();
    await act(async () => {
      await client.get('/api/v4/leads', '', z.unknown(), new AbortController().signal).catch(() => undefined);
    });
    expect(screen.getByText('blocked')).toBeTruthy();
    act(() => client.unblock());
    expect(screen.getByText('open')).toBeTruthy();
  });

  it('throws a clear error without a provider', () => {
    const spy = console.error;
    console.error = () => {};
    try {
      expect(() => render(<BlockedFlag />)).toThrow(/KommoClientProvider/);
    } finally {
      console.error = spy;
    }
  });
});
