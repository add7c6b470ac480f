// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test-utils/render';
import type { LazyPopover as LazyPopoverType } from './lazy-popover';

// Each test starts before the popover's chunk was fetched.
let LazyPopover: typeof LazyPopoverType;
beforeEach(async () => {
  vi.resetModules();
  vi.doUnmock('./popover-frame');
  ({ LazyPopover } = await import('./lazy-popover'));
});

function Menu() {
  const [opened, setOpened] = useState(false);
  return (
    <LazyPopover
      opened={opened}
      onChange={setOpened}
      withinPortal={false}
      target={
        <button type="button" onClick={() => setOpened((o) => !o)} aria-expanded={opened}>
          Views
        </button>
      }
    >
      <p>Saved views</p>
    </LazyPopover>
  );
}

describe('lazy popover', () => {
  it('a click before the chunk is here opens the popover once it arrives', async () => {
    renderWithProviders(<Menu />);
    expect(screen.queryByText('Saved views')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Views' }));
    expect(await screen.findByText('Saved views')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Views' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('pointing and focus fetch the chunk without redrawing the button, so a press in progress keeps its click', async () => {
    renderWithProviders(<Menu />);
    const button = screen.getByRole('button', { name: 'Views' });
    fireEvent.pointerEnter(button);
    act(() => button.focus());
    // The chunk arrives meanwhile: the button is the same element, still focused.
    await act(async () => {
      await import('./popover-frame');
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(button.isConnected).toBe(true);
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(await screen.findByText('Saved views')).toBeTruthy();
    // Once opened, the popover keeps the button: closing it does not swap it back.
    const inside = screen.getByRole('button', { name: 'Views' });
    fireEvent.click(inside);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Views' }).getAttribute('aria-expanded')).toBe('false'));
    expect(screen.getByRole('button', { name: 'Views' })).toBe(inside);
  });

  it('says so in place when the chunk cannot be downloaded, and Try again fetches it', async () => {
    let fail = true;
    vi.resetModules();
    vi.doMock('./popover-frame', async () => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return vi.importActual('./popover-frame');
    });
    ({ LazyPopover } = await import('./lazy-popover'));
    renderWithProviders(<Menu />);
    fireEvent.click(screen.getByRole('button', { name: 'Views' }));
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(retry.getAttribute('aria-description')).toMatch(/could not be downloaded/);
    fail = false;
    vi.resetModules();
    fireEvent.click(retry);
    expect(await screen.findByText('Saved views')).toBeTruthy();
  });
});
