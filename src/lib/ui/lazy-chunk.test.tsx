// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test-utils/render';
import { ChunkBoundary, lazyChunk } from './lazy-chunk';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** A chunk whose downloads fail until `online` is set, counting the attempts. */
function flakyChunk() {
  const state = { online: false, attempts: 0 };
  const chunk = lazyChunk<{ name: string }>(async () => {
    state.attempts += 1;
    if (!state.online) throw new TypeError('Failed to fetch dynamically imported module: /assets/greeting.js');
    return Greeting;
  });
  return { chunk, state };
}

class Catch extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.error ? <p>App error: {this.state.error}</p> : this.props.children;
  }
}

describe('lazy chunks', () => {
  it('shows the fallback while the chunk downloads, then the chunk', async () => {
    const chunk = lazyChunk<{ name: string }>(() => Promise.resolve(Greeting));
    renderWithProviders(
      <ChunkBoundary fallback={<p>Loading the greeting</p>}>
        <chunk.Component name="Ana" />
      </ChunkBoundary>,
    );
    expect(screen.getByText('Loading the greeting')).toBeTruthy();
    expect(await screen.findByText('Hello Ana')).toBeTruthy();
  });

  it('a preloaded chunk draws at once, with no fallback', async () => {
    const chunk = lazyChunk<{ name: string }>(() => Promise.resolve(Greeting));
    chunk.preload();
    await Promise.resolve();
    await Promise.resolve();
    renderWithProviders(
      <ChunkBoundary fallback={<p>Loading the greeting</p>}>
        <chunk.Component name="Ana" />
      </ChunkBoundary>,
    );
    expect(screen.getByText('Hello Ana')).toBeTruthy();
    expect(screen.queryByText('Loading the greeting')).toBeNull();
  });

  it('a failed download says so in place, and "Try again" downloads again', async () => {
    const { chunk, state } = flakyChunk();
    renderWithProviders(
      <>
        <p>The table</p>
        <ChunkBoundary>
          <chunk.Component name="Ana" />
        </ChunkBoundary>
      </>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be downloaded; check the connection');
    // The rest of the page is still there.
    expect(screen.getByText('The table')).toBeTruthy();
    state.online = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Hello Ana')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(state.attempts).toBe(2);
  });

  it('a failed preload is silent; the render that needs the chunk tries again', async () => {
    const { chunk, state } = flakyChunk();
    chunk.preload();
    await new Promise((r) => setTimeout(r, 0));
    state.online = true;
    renderWithProviders(
      <ChunkBoundary>
        <chunk.Component name="Ana" />
      </ChunkBoundary>,
    );
    expect(await screen.findByText('Hello Ana')).toBeTruthy();
    expect(state.attempts).toBe(2);
  });

  it('speaks the user’s language', async () => {
    const { chunk } = flakyChunk();
    renderWithProviders(
      <ChunkBoundary>
        <chunk.Component name="Ana" />
      </ChunkBoundary>,
      { language: 'pt' },
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Não foi possível baixar esta parte do painel');
    expect(screen.getByRole('button', { name: 'Tentar novamente' })).toBeTruthy();
  });

  it('a bug inside a loaded chunk is not passed off as a download failure', async () => {
    function Broken(): ReactNode {
      throw new Error('broken chunk code');
    }
    const chunk = lazyChunk<object>(() => Promise.resolve(Broken));
    renderWithProviders(
      <Catch>
        <ChunkBoundary>
          <chunk.Component />
        </ChunkBoundary>
      </Catch>,
    );
    expect(await screen.findByText('App error: broken chunk code')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
