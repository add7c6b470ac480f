// The XLSX writer's worker as a test needs it to behave, swapped in inside the page before the app
// runs. A route on the worker's script did this first, and in CI it once never took: Chromium fetches
// a dedicated worker's script from the worker's own target, which Playwright attaches to in a race
// with that fetch, so the real writer ran and the failure the test waited for never came. The page's
// own `Worker` constructor has no such race.
import type { Page } from '@playwright/test';

/**
 * - `fail`: the writer takes the first rows and answers an error, as a worker out of memory would.
 * - `hold-file`: the real writer runs, but its finished workbook never reaches the page, so a Cancel
 *   always lands while the workbook is being written (on a quiet machine 20,000 rows take 0.3 s).
 * - `none`: the real writer, untouched (a test turns a fault off with `setXlsxWriterFault`).
 */
export type XlsxWriterFault = 'fail' | 'hold-file' | 'none';

type FaultWindow = Window & { klbXlsxWriterFault?: XlsxWriterFault };

/** Installs the fault for every page this `page` loads from now on. */
export async function installXlsxWriterFault(page: Page, fault: XlsxWriterFault): Promise<void> {
  await page.addInitScript((initial: XlsxWriterFault) => {
    const win = window as FaultWindow;
    win.klbXlsxWriterFault = initial;
    const RealWorker = window.Worker;
    type Handler<E> = ((event: E) => void) | null;
    function WorkerWithFault(url: string | URL, options?: WorkerOptions) {
      const fault = win.klbXlsxWriterFault;
      if (options?.name !== 'xlsx-writer' || fault === 'none') return new RealWorker(url, options);
      const stand = {
        onmessage: null as Handler<MessageEvent>,
        onerror: null as Handler<ErrorEvent>,
        onmessageerror: null as Handler<MessageEvent>,
        postMessage(message: { type?: string }, transfer?: Transferable[]) {
          if (fault === 'fail') {
            if (message.type === 'rows')
              setTimeout(() => stand.onmessage?.(new MessageEvent('message', { data: { type: 'error', message: 'out of memory' } })));
          } else real?.postMessage(message, transfer ?? []);
        },
        terminate() {
          real?.terminate();
        },
      };
      const real = fault === 'hold-file' ? new RealWorker(url, options) : null;
      if (real) {
        real.onmessage = (event: MessageEvent<{ type?: string }>) => {
          if (event.data.type !== 'done') stand.onmessage?.(event);
        };
        real.onerror = (event) => stand.onerror?.(event);
        real.onmessageerror = (event) => stand.onmessageerror?.(event);
      }
      return stand;
    }
    window.Worker = WorkerWithFault as unknown as typeof Worker;
  }, fault);
}

/** Changes the fault in the page as it is now (the next export uses it). */
export async function setXlsxWriterFault(page: Page, fault: XlsxWriterFault): Promise<void> {
  await page.evaluate((next: XlsxWriterFault) => {
    (window as FaultWindow).klbXlsxWriterFault = next;
  }, fault);
}
