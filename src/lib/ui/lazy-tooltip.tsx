// A hint tooltip for the first screen (the header's mode badge) without Mantine's Tooltip in the
// first bundle. The element renders bare until the tooltip's chunk arrives (a few idle seconds
// after start, or as soon as the pointer or focus reaches it), then inside the tooltip, which opens
// at once if the pointer is already on it; focus stays where it was. If the chunk never arrives,
// the element simply has no hint.
import type { TooltipProps } from '@mantine/core';
import type { HintTooltip } from './hint-tooltip';
import { cloneElement, useCallback, useEffect, useRef, useState, type FocusEvent, type PointerEvent, type ReactElement, type Ref } from 'react';

type HintTooltipComponent = typeof HintTooltip;

const IDLE_PRELOAD_MS = 4000;
let loaded: HintTooltipComponent | null = null;
let loading: Promise<HintTooltipComponent> | null = null;

function loadTooltip(): Promise<HintTooltipComponent> {
  loading ??= import('./hint-tooltip').then((m) => (loaded = m.HintTooltip));
  // A failed download may be tried again on the next hover.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

type ChildProps = {
  ref?: Ref<HTMLElement>;
  onPointerEnter?: (e: PointerEvent<HTMLElement>) => void;
  onPointerLeave?: (e: PointerEvent<HTMLElement>) => void;
  onFocus?: (e: FocusEvent<HTMLElement>) => void;
  onBlur?: (e: FocusEvent<HTMLElement>) => void;
};

export type LazyTooltipProps = Omit<TooltipProps, 'children' | 'opened' | 'defaultOpened'> & { children: ReactElement<ChildProps> };

export function LazyTooltip({ children, ...tooltip }: LazyTooltipProps) {
  const [Tooltip, setTooltip] = useState<HintTooltipComponent | null>(() => loaded);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const node = useRef<HTMLElement>(null);
  const load = useCallback(() => {
    if (!loaded)
      loadTooltip().then(
        (T) => setTooltip(() => T),
        () => undefined,
      );
  }, []);
  useEffect(() => {
    if (Tooltip) return undefined;
    const timer = setTimeout(load, IDLE_PRELOAD_MS);
    return () => clearTimeout(timer);
  }, [Tooltip, load]);
  // The element is drawn anew inside the tooltip: put the keyboard back on it.
  useEffect(() => {
    if (Tooltip && focused) node.current?.focus();
    // Only on the swap, not on every focus change afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [Tooltip]);

  if (Tooltip) {
    return (
      <Tooltip {...tooltip} defaultOpened={hovered}>
        {cloneElement(children, { ref: node })}
      </Tooltip>
    );
  }
  const own = children.props;
  return cloneElement(children, {
    ref: node,
    onPointerEnter: (e) => {
      own.onPointerEnter?.(e);
      setHovered(true);
      load();
    },
    onPointerLeave: (e) => {
      own.onPointerLeave?.(e);
      setHovered(false);
    },
    onFocus: (e) => {
      own.onFocus?.(e);
      setFocused(true);
      load();
    },
    onBlur: (e) => {
      own.onBlur?.(e);
      setFocused(false);
    },
  });
}
