export {};
// jsdom lacks a few browser APIs Mantine and the virtualizer need; node-environment tests skip this.
if (typeof window !== 'undefined') {
  const { cleanup, configure } = await import('@testing-library/react');
  const { afterEach } = await import('vitest');
  afterEach(() => cleanup());
  // findBy* and waitFor wait for what the user would see: Testing Library's default second is a race
  // with a loaded machine (a lazy chunk's import took longer and failed lazy-popover.test.tsx at load
  // 15). Waiting longer changes no outcome, only how long a failing test takes to say so.
  configure({ asyncUtilTimeout: 10_000 });
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  window.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  window.HTMLElement.prototype.scrollTo ??= function scrollTo() {};
}
