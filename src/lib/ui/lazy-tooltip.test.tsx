// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test-utils/render';
import type { LazyTooltip as LazyTooltipType } from './lazy-tooltip';

// Each test starts before the tooltip's chunk was fetched.
let LazyTooltip: typeof LazyTooltipType;
beforeEach(async () => {
  vi.resetModules();
  ({ LazyTooltip } = await import('./lazy-tooltip'));
});

describe('lazy tooltip', () => {
  it('pointing at the element fetches the tooltip and shows the hint at once', async () => {
    renderWithProviders(
      <LazyTooltip label="Data from the demo account">
        <button type="button">Demo account</button>
      </LazyTooltip>,
    );
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.pointerEnter(screen.getByRole('button', { name: 'Demo account' }));
    expect(await screen.findByRole('tooltip')).toHaveProperty('textContent', 'Data from the demo account');
  });

  it('keeps the keyboard on the element when the tooltip arrives', async () => {
    renderWithProviders(
      <LazyTooltip label="Hint">
        <button type="button">Badge</button>
      </LazyTooltip>,
    );
    const before = screen.getByRole('button', { name: 'Badge' });
    act(() => before.focus());
    // Focus fetches the chunk; the element is then drawn anew inside the tooltip.
    await waitFor(() => expect(before.isConnected).toBe(false));
    const after = screen.getByRole('button', { name: 'Badge' });
    expect(after).not.toBe(before);
    await waitFor(() => expect(document.activeElement).toBe(after));
  });
});
