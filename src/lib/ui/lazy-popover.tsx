// A popover for the first screen (the Views menu, the column chooser) without Mantine's Popover and
// floating-ui in the first bundle. The popover's chunk is fetched a few idle seconds after start, or
// as soon as the pointer or focus reaches the target; the target itself stays the bare button until
// the popover first opens, and only then is drawn inside the popover, once for good. Swapping it
// earlier (when the chunk arrived) could land between a press and its release: the click was lost.
// A click before the chunk is here shows the button loading; a failed download says so in place,
// with "Try again".
import { cloneElement, useEffect, useRef, useState, type FocusEvent, type PointerEvent, type ReactElement, type Ref } from 'react';
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

export type LazyPopoverProps = Omit<PopoverFrameProps, 'target' | 'opened' | 'onFrameMount'> & {
  target: ReactElement<TargetProps>;
  /** Controlled: the target's own click opens it. */
  opened: boolean;
};

export function LazyPopover({ target, opened, ...popover }: LazyPopoverProps) {
  // Once opened, the popover stays drawn (closed or not): the target is swapped once, on that click.
  const openedOnce = useRef(false);
  if (opened) openedOnce.current = true;
  // The popover is first drawn closed, then opened: Mantine's dropdown then fades in as it always
  // does, instead of appearing mid-transition on the frame it is mounted in.
  const [frameDrawn, setFrameDrawn] = useState(false);
  useEffect(() => {
    if (openedOnce.current) return undefined;
    const timer = setTimeout(frame.preload, IDLE_PRELOAD_MS);
    return () => clearTimeout(timer);
  }, []);

  if (!openedOnce.current) {
    const own = target.props;
    return cloneElement(target, {
      onPointerEnter: (e) => {
        own.onPointerEnter?.(e);
        frame.preload();
      },
      onFocus: (e) => {
        own.onFocus?.(e);
        frame.preload();
      },
    });
  }
  return (
    <ChunkBoundary compact fallback={cloneElement(target, { loading: true })}>
      <frame.Component {...popover} opened={opened && frameDrawn} target={target} onFrameMount={() => setFrameDrawn(true)} />
    </ChunkBoundary>
  );
}
