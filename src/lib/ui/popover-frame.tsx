// The chunk behind LazyPopover: Mantine's Popover, and floating-ui under it, which the first screen
// never runs (no popover is open before a click), so they stay out of the first bundle.
import { Popover, type PopoverProps } from '@mantine/core';
import { cloneElement, useLayoutEffect, useRef, type ReactElement, type ReactNode, type Ref } from 'react';

export type PopoverFrameProps = Omit<PopoverProps, 'children'> & {
  /** The button that opens the popover. */
  target: ReactElement<{ ref?: Ref<HTMLElement> }>;
  /** Names the dropdown when it is a dialog without a title of its own. */
  dropdownLabel?: string;
  /** The target was drawn bare and held the keyboard's focus: give it back once drawn here. */
  refocusTarget?: boolean;
  children: ReactNode;
};

export function PopoverFrame({ target, dropdownLabel, refocusTarget = false, children, ...popover }: PopoverFrameProps) {
  const node = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (refocusTarget) node.current?.focus();
    // Only when first drawn: the swap from the bare target.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Popover {...popover}>
      <Popover.Target>{cloneElement(target, { ref: node })}</Popover.Target>
      <Popover.Dropdown aria-label={dropdownLabel}>{children}</Popover.Dropdown>
    </Popover>
  );
}
