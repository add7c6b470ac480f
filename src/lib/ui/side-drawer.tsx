// Mantine's Drawer with three differences. Its header is a plain <div>: Mantine renders a <header>,
// which inside a role="dialog" section counts as a second page banner (axe: landmark-no-duplicate-banner).
// Esc closes only the top layer: a popover opened from inside the drawer (the Views menu in the
// phone's More sheet, a date picker) closes alone, where Mantine's window listener closed the
// drawer under it too and the keyboard fell to <body>. And `returnFocusTo` gives the keyboard back
// once the drawer has closed, whatever closed it (Esc, ×, a choice inside it that changed the view).
// The drawer's styles travel with it. Every drawer is in a lazy chunk (the phone's "More" one too):
// the first screen runs none of Drawer, its overlay, focus trap or scroll lock.
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Drawer.css';
import { Drawer, type DrawerRootProps } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { useRef, type ReactNode, type RefObject } from 'react';

export type SideDrawerProps = Pick<DrawerRootProps, 'opened' | 'onClose' | 'position' | 'size' | 'returnFocus' | 'keepMounted'> & {
  title: ReactNode;
  closeLabel: string;
  /**
   * Where the keyboard goes once the drawer has closed, when it was left inside the drawer (hidden
   * now) or on <body>. Mantine's own return misses a drawer that mounts open, and one whose closing
   * a choice inside it caused.
   */
  returnFocusTo?: RefObject<HTMLElement | null>;
  children: ReactNode;
};

/** Esc on this element belongs to a layer above the drawer, which closes itself. */
function escapeBelongsAbove(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  // Mantine's own mark: a combobox or menu whose dropdown is open takes the Esc.
  if (target.getAttribute('data-mantine-stop-propagation') === 'true') return true;
  // A popover's dropdown (a menu, a date picker) closes on Esc from inside it, portalled or not.
  return target.closest('.mantine-Popover-dropdown') !== null;
}

export function SideDrawer({ title, closeLabel, returnFocusTo, children, ...root }: SideDrawerProps) {
  const content = useRef<HTMLDivElement>(null);
  const { opened, onClose } = root;
  // Read when a closing transition ends: a drawer opened again meanwhile (Esc, then Enter on More at
  // once) keeps the keyboard where its user has moved it since (the Views menu inside it).
  const openedNow = useRef(opened);
  openedNow.current = opened;
  useWindowEvent(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || event.isComposing || !opened) return;
      if (escapeBelongsAbove(event.target)) return;
      onClose();
    },
    { capture: true },
  );
  const handleExited = () => {
    if (openedNow.current) return;
    const target = returnFocusTo?.current;
    if (!target) return;
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected || (content.current?.contains(active) ?? false)) target.focus();
  };
  return (
    <Drawer.Root {...root} closeOnEscape={false} onExitTransitionEnd={handleExited}>
      <Drawer.Overlay />
      <Drawer.Content ref={content}>
        <Drawer.Header component="div">
          <Drawer.Title>{title}</Drawer.Title>
          <Drawer.CloseButton aria-label={closeLabel} />
        </Drawer.Header>
        <Drawer.Body>{children}</Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
