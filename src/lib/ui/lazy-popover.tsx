// A popover for the first screen (the Views menu, the column chooser) without Mantine's Popover and
// floating-ui in the first bundle. The target renders bare until the popover's chunk arrives (a few
// idle seconds after start, as soon as the pointer or focus reaches the target, or on the click
// that opens it), then inside the popover; focus stays where it was. A click before the chunk is
// here shows the button loading; a failed download says so in place, with "Try again".
import { cloneElement, useCallback, useEffect, useRef, useState, type FocusEvent, type PointerEvent, type ReactElement, type Ref } from 'react';
import { ChunkBoundary, lazyChunk } from './lazy-chunk';
import type { PopoverFrameProps } from './popover-frame';

const IDLE_PRELOAD_MS = 4000;
const frame = lazyChunk(() => import('./popover-frame').then((m) => m.PopoverFrame));

type TargetProps = {
  ref?: Ref<HTMLElement>;
  loading?: boolean;
  onPointerEnter?: (e: PointerEvent<HTMLElement>) => void;
  onFocus?: (e: FocusEvent<HTMLElement>) => void;
};

export type LazyPopoverProps = Omit<PopoverFrameProps, 'target' | 'refocusTarget' | 'opened'> & {
  target: ReactElement<TargetProps>;
  /** Controlled: the target's own click opens it. */
  opened: boolean;
};

export function LazyPopover({ target, opened, ...popover }: LazyPopoverProps) {
  const [arrived, setArrived] = useState(frame.isReady);
  const node = useRef<HTMLElement>(null);
  const arrive = useCallback(
    () =>
      frame.load().then(
        () => setArrived(true),
        // Not an error yet: the click that needs the chunk imports it again and says so.
        () => undefined,
      ),
    [],
  );
  useEffect(() => {
    if (arrived) return undefined;
    const timer = setTimeout(arrive, IDLE_PRELOAD_MS);
    return () => clearTimeout(timer);
  }, [arrived, arrive]);

  if (!arrived && !opened) {
    const own = target.props;
    return cloneElement(target, {
      ref: node,
      onPointerEnter: (e) => {
        own.onPointerEnter?.(e);
        arrive();
      },
      onFocus: (e) => {
        own.onFocus?.(e);
        arrive();
      },
    });
  }
  // Read while the bare target is still in the DOM: the swap draws it anew.
  const refocusTarget = node.current !== null && node.current === document.activeElement;
  return (
    <ChunkBoundary compact fallback={cloneElement(target, { loading: true })}>
      <frame.Component {...popover} opened={opened} target={target} refocusTarget={refocusTarget} />
    </ChunkBoundary>
  );
}
