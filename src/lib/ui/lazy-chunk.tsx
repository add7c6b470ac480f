// A part of the app that the first screen does not run, fetched as a chunk of its own when it is
// first needed (and ahead of that with `preload`, on hover, focus or idle). A chunk that fails to
// download (offline, a deploy replaced the files) shows a clear message with "Try again" in its
// place, never a blank screen. React.lazy keeps a failed import for good, so each retry of the
// boundary renders a fresh lazy component, which imports again.
import { Alert, Button, Loader } from '@mantine/core';
import { Component, createContext, lazy, Suspense, useContext, useEffect, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useMessages } from '@/lib/i18n/language-context';
import { uiMessages } from './ui-messages';

/** A chunk's download failed (as opposed to its code throwing, which the boundary passes on). */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super('A chunk of the app could not be downloaded', { cause });
    this.name = 'ChunkLoadError';
  }
}

/** A chunk imported by code (not rendered): its download failure becomes a `ChunkLoadError`. */
export function importChunk<T>(load: () => Promise<T>): Promise<T> {
  return load().catch((e: unknown) => {
    throw new ChunkLoadError(e);
  });
}

/** The sentence for a failed chunk download, for callers that show their own error line. */
export function useChunkErrorText(): (error: unknown) => string | null {
  const t = useMessages(uiMessages);
  return (error) => (error instanceof ChunkLoadError ? t('chunkFailed') : null);
}

export type LazyChunk<P extends object> = {
  /** Renders the chunk's component; must sit under a `ChunkBoundary`. */
  Component: ComponentType<P>;
  /** Starts the download ahead of need; safe to call often (the browser fetches a module once). */
  preload: () => void;
};

const AttemptContext = createContext(0);

/** `lazyChunk(() => import('./x').then((m) => m.X))` */
export function lazyChunk<P extends object>(load: () => Promise<ComponentType<P>>): LazyChunk<P> {
  // Once the chunk is here (preloaded on hover, focus or idle), it renders in the same frame: no
  // spinner for a frame, and a popover's focus trap finds its first field on opening.
  let ready: ComponentType<P> | null = null;
  const fetchChunk = () =>
    load().then((c) => {
      ready = c;
      return c;
    });
  const byAttempt = new Map<number, LazyExoticComponent<ComponentType<P>>>();
  const importing = () =>
    fetchChunk().then(
      (c) => ({ default: c }),
      (e: unknown) => {
        throw new ChunkLoadError(e);
      },
    );
  function Chunk(props: P) {
    const attempt = useContext(AttemptContext);
    if (ready) {
      const Ready = ready;
      return <Ready {...props} />;
    }
    let Loaded = byAttempt.get(attempt);
    if (!Loaded) {
      Loaded = lazy(importing);
      byAttempt.set(attempt, Loaded);
    }
    return <Loaded {...props} />;
  }
  return {
    Component: Chunk,
    // A failed preload is not an error yet: the render that needs the chunk imports again and says so.
    preload: () => {
      if (!ready) fetchChunk().catch(() => undefined);
    },
  };
}

type BoundaryState = { error: unknown; attempt: number };
type BoundaryProps = { children: ReactNode; renderFailure: (retry: () => void) => ReactNode };

class ChunkErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error };
  }

  private retry = () => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));

  override render(): ReactNode {
    const { error } = this.state;
    if (error !== null) {
      // Only a download failure is ours to explain; a bug in the chunk goes on to the app's own handling.
      if (!(error instanceof ChunkLoadError)) throw error;
      return this.props.renderFailure(this.retry);
    }
    return <AttemptContext.Provider value={this.state.attempt}>{this.props.children}</AttemptContext.Provider>;
  }
}

export type ChunkBoundaryProps = {
  children: ReactNode;
  /** Shown while the chunk downloads (usually nothing: it was preloaded, or the place keeps its size). */
  fallback?: ReactNode;
  /** Where a full-width message does not fit (the header): a small red "Try again" that says why on hover. */
  compact?: boolean;
  /** The box the fallback and the failure message sit in, when the place has one (an open row's panel). */
  frame?: (content: ReactNode) => ReactNode;
};

/** Suspense plus the failure message for the lazy chunks inside it. */
export function ChunkBoundary({ children, fallback = null, compact = false, frame = (content) => content }: ChunkBoundaryProps) {
  return (
    <ChunkErrorBoundary renderFailure={(retry) => frame(<ChunkFailedMessage onRetry={retry} compact={compact} />)}>
      <Suspense fallback={fallback === null ? null : frame(fallback)}>{children}</Suspense>
    </ChunkErrorBoundary>
  );
}

/** The failure message with its "Try again", for a chunk imported by code rather than rendered (load all's walk). */
export function ChunkFailedMessage({ onRetry, compact = false }: { onRetry: () => void; compact?: boolean }) {
  const t = useMessages(uiMessages);
  if (compact) {
    return (
      <Button size="compact-xs" variant="light" color="red" onClick={onRetry} title={t('chunkFailed')} aria-description={t('chunkFailed')}>
        {t('chunkRetry')}
      </Button>
    );
  }
  return (
    <Alert color="red" variant="light" p="xs" role="alert">
      {t('chunkFailed')}{' '}
      <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
        {t('chunkRetry')}
      </Button>
    </Alert>
  );
}

/** A small spinner for a chunk being fetched on a click (when its preload has not finished yet). */
export function ChunkLoader() {
  const t = useMessages(uiMessages);
  return <Loader size="xs" role="status" aria-label={t('chunkLoading')} />;
}

/**
 * A fallback that draws nothing and tells its owner a chunk is on its way, for a place where a
 * spinner would push the layout: the button that asked shows its own loading state instead.
 */
export function ChunkPending({ onPending }: { onPending: (pending: boolean) => void }) {
  useEffect(() => {
    onPending(true);
    return () => onPending(false);
  }, [onPending]);
  return null;
}
