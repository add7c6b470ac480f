// Tells a team server that this user exported a view (issue 21's audit log: who, which view, how
// many leads). The file is made in the browser, so only the browser can say it happened; inside
// Kommo there is no server session to name anyone, and nothing is sent.
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '@/kommo/api-paths';

export type ExportReport = { format: 'csv' | 'xlsx'; view: string; leads: number };

export function reportExport(report: ExportReport): void {
  void fetch('/audit/export', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE },
    body: JSON.stringify({ ...report, view: report.view.slice(0, 2000) }),
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}
