// @vitest-environment jsdom
import { Popover } from '@mantine/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test-utils/render';
import { SideDrawer } from './side-drawer';

/** A drawer holding a menu whose dropdown is portalled to the page, as the phone's More sheet holds Views. */
function SheetWithMenu({ onClose }: { onClose: () => void }) {
  const [menu, setMenu] = useState(false);
  return (
    <SideDrawer opened onClose={onClose} title="More" closeLabel="Close">
      <Popover opened={menu} onChange={setMenu} trapFocus>
        <Popover.Target>
          <button type="button" onClick={() => setMenu(true)}>
            Views
          </button>
        </Popover.Target>
        <Popover.Dropdown aria-label="Views menu">
          <button type="button">My open leads</button>
        </Popover.Dropdown>
      </Popover>
    </SideDrawer>
  );
}

describe('side drawer', () => {
  it('Esc in a popover opened from inside it closes the popover alone; the next Esc closes the drawer', async () => {
    const onClose = vi.fn();
    renderWithProviders(<SheetWithMenu onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Views' }));
    const item = await screen.findByRole('button', { name: 'My open leads' });
    fireEvent.keyDown(item, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'My open leads' })).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Views' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('a combobox that marks its Esc as its own keeps the drawer open', () => {
    const onClose = vi.fn();
    renderWithProviders(
      <SideDrawer opened onClose={onClose} title="Filters" closeLabel="Close">
        <input aria-label="Pipeline" data-mantine-stop-propagation="true" />
      </SideDrawer>,
    );
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Pipeline' }), { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
  });
});
