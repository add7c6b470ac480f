// Mantine's Drawer with one difference: its header is a plain <div>. Mantine renders a <header>,
// which inside a role="dialog" section counts as a second page banner (axe: landmark-no-duplicate-banner).
// The drawer's styles travel with it. Every drawer is in a lazy chunk (the phone's "More" one too):
// the first screen runs none of Drawer, its overlay, focus trap or scroll lock.
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Drawer.css';
import { Drawer, type DrawerRootProps } from '@mantine/core';
import type { ReactNode } from 'react';

export type SideDrawerProps = Pick<DrawerRootProps, 'opened' | 'onClose' | 'position' | 'size' | 'returnFocus' | 'keepMounted'> & {
  title: ReactNode;
  closeLabel: string;
  children: ReactNode;
};

export function SideDrawer({ title, closeLabel, children, ...root }: SideDrawerProps) {
  return (
    <Drawer.Root {...root}>
      <Drawer.Overlay />
      <Drawer.Content>
        <Drawer.Header component="div">
          <Drawer.Title>{title}</Drawer.Title>
          <Drawer.CloseButton aria-label={closeLabel} />
        </Drawer.Header>
        <Drawer.Body>{children}</Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
