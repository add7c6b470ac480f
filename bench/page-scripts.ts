// Code the bench runs inside the page. Kept as plain JavaScript strings: functions handed to
// page.evaluate are serialized with toString(), and tsx's transform adds helpers (`__name`) to
// them that do not exist in the page.

/** Which rows count as "in the DOM": the grid's data rows (the header row has aria-rowindex 1). */
export const APP_SCROLL_SELECTOR = '[data-testid="leads-scroll"]';
export const APP_ROW_SELECTOR = '[data-testid="leads-scroll"] [role="row"]:not([aria-rowindex="1"])';
export const APP_FIRST_ROW_SELECTOR = '[data-testid="leads-scroll"] [role="row"][aria-rowindex="2"]';
export const APP_STATUS_SELECTOR = '[data-testid="leads-status"]';
export const MANTINE_SCROLL_SELECTOR = '[data-testid="reference-scroll"]';
export const MANTINE_ROW_SELECTOR = '[data-bench-row]';
// AG Grid 36 scrolls one viewport (header included) and keeps its rows in one scrolling container.
export const AG_GRID_SCROLL_SELECTOR = '.ag-grid-viewport';
export const AG_GRID_ROW_SELECTOR = '.ag-grid-scrolling-container [role="row"]';

/**
 * Installed before the app's own scripts: notes when the first data row enters the DOM and the
 * start of the frame that paints it (the next animation frame), in ms since navigation start.
 */
export const FIRST_ROWS_INIT_SCRIPT = `(() => {
  const selector = ${JSON.stringify(APP_FIRST_ROW_SELECTOR)};
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    window.__benchFirstRowInDom = performance.now();
    requestAnimationFrame((frameStart) => { window.__benchFirstRowFrame = frameStart; });
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

export type ScrollRunArgs = { selector: string; frames: number; step: number; maxMs: number };
export type LongTaskEntry = { start: number; duration: number };
export type ScrollRunResult = {
  frameMs: number[];
  longTasks: LongTaskEntry[];
  scrollTopStart: number;
  scrollTopEnd: number;
  totalMs: number;
  /** False when the run hit maxMs before its last frame (a very slow page): the figures cover the frames done. */
  complete: boolean;
  error?: string;
};

/**
 * From the top, sets scrollTop += step in a requestAnimationFrame loop for `frames` frames. A frame's
 * time is the gap between two consecutive animation-frame timestamps; long tasks are what a
 * 'longtask' PerformanceObserver saw between the first and the last frame (plus their tail).
 * Stops early after maxMs so a very slow page still yields a (partial, flagged) result.
 */
export function scrollRunScript(args: ScrollRunArgs): string {
  return `(async (args) => {
    const el = document.querySelector(args.selector);
    if (!el) return { frameMs: [], longTasks: [], scrollTopStart: 0, scrollTopEnd: 0, totalMs: 0, complete: false, error: 'no element ' + args.selector };
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    el.scrollTop = 0;
    await nextFrame();
    await nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    });
    observer.observe({ type: 'longtask' });
    const scrollTopStart = el.scrollTop;
    const frameMs = [];
    const startedAt = await nextFrame();
    let last = startedAt;
    el.scrollTop += args.step;
    for (let i = 0; i < args.frames; i += 1) {
      const now = await nextFrame();
      frameMs.push(now - last);
      last = now;
      if (now - startedAt > args.maxMs) break;
      if (i < args.frames - 1) el.scrollTop += args.step;
    }
    const scrollTopEnd = el.scrollTop;
    // Long-task entries are delivered after the task: let the observer catch up before reading.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const e of observer.takeRecords()) longTasks.push({ start: e.startTime, duration: e.duration });
    observer.disconnect();
    const inRun = longTasks.filter((t) => t.start + t.duration >= startedAt && t.start <= last);
    return { frameMs, longTasks: inRun, scrollTopStart, scrollTopEnd, totalMs: last - startedAt, complete: frameMs.length === args.frames };
  })(${JSON.stringify(args)})`;
}

export type LoadStepResult = { status: string; rowsInDom: number; scrollTop: number; now: number };

/**
 * One step of loading everything: reads the status line, and with `scrollToEnd` first scrolls to the
 * end (the way a user makes the table fetch its next page).
 */
export function loadStepScript(scrollToEnd: boolean): string {
  return `(() => {
    const el = document.querySelector(${JSON.stringify(APP_SCROLL_SELECTOR)});
    if (el && ${JSON.stringify(scrollToEnd)}) el.scrollTop = el.scrollHeight;
    const status = document.querySelector(${JSON.stringify(APP_STATUS_SELECTOR)});
    return {
      status: status ? status.textContent : '',
      rowsInDom: document.querySelectorAll(${JSON.stringify(APP_ROW_SELECTOR)}).length,
      scrollTop: el ? el.scrollTop : 0,
      now: performance.now(),
    };
  })()`;
}

/** Rows in the DOM after scrolling the container to `top` and letting two frames render. */
export function countRowsScript(scrollSelector: string, rowSelector: string, top: number): string {
  return `(async () => {
    const el = document.querySelector(${JSON.stringify(scrollSelector)});
    if (el) el.scrollTop = ${JSON.stringify(top)};
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    return document.querySelectorAll(${JSON.stringify(rowSelector)}).length;
  })()`;
}
