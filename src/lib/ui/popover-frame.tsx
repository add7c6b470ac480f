// The chunk behind LazyPopover: Mantine's Popover, and floating-ui under it, which the first screen
// never runs (no popover is open before a click), so they stay out of the first bundle.
import { Popover, type PopoverProps } from '@mantine/core';
import { useEffect, type ReactElement, type ReactNode } from 'react';

export type PopoverFrameProps = Omit<PopoverProps, 'children'> & {
  /** The button that opens the popover. */
  target: ReactElement;
  /** Names the dropdown when it is a dialog without a title of its own. */
  dropdownLabel?: string;
  /** Called once drawn: the popover then opens from closed, with Mantine's own transition. */
  onFrameMount?: () => void;
  children: ReactNode;
};

export function PopoverFrame({ target, dropdownLabel, onFrameMount, children, ...popover }: PopoverFrameProps) {
  useEffect(() => {
    onFrameMount?.();
    // Once, when first drawn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Popover {...popover}>
      <Popover.Target>{target}</Popover.Target>
      <Popover.Dropdown aria-label={dropdownLabel}>{children}</Popover.Dropdown>
    </Popover>
  );
}
