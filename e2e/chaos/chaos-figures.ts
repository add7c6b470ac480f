// The figures of the chaos suite: each suite appends one line per kind of probe to the file named by
// CHAOS_FIGURES_FILE (set by `npm run test:chaos`); outside that run recording is a no-op. The
// runner reads the lines back and prints the table.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** faults: bad = not survived; payloads: bad = executed; urls: bad = crashed; proxy/bridge: bad = let through. */
export type ChaosArea = 'faults' | 'payloads' | 'urls' | 'proxy' | 'bridge' | 'headers';
export type ChaosFigure = { area: ChaosArea; source: string; tried: number; bad: number; note?: string };

export const FIGURES_ENV = 'CHAOS_FIGURES_FILE';

export function recordFigure(figure: ChaosFigure): void {
  const file = process.env[FIGURES_ENV];
  if (!file) return;
  appendFileSync(file, `${JSON.stringify(figure)}\n`);
}

export function readFigures(file: string): ChaosFigure[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ChaosFigure);
}

const AREA_LABEL: Record<ChaosArea, [string, string]> = {
  faults: ['Faults', 'survived'],
  payloads: ['Hostile payloads', 'executed'],
  urls: ['Hostile URLs', 'crashed'],
  proxy: ['Proxy probes', 'let through'],
  bridge: ['Bridge probes', 'let through'],
  headers: ['Header checks', 'missing'],
};

/** The closing table: one line per area and source, then the totals per area. */
export function formatFigures(figures: readonly ChaosFigure[]): string {
  const rows: string[][] = [['Area', 'Source', 'Tried', 'Outcome']];
  const totals = new Map<ChaosArea, { tried: number; bad: number }>();
  for (const f of figures) {
    const [label, verb] = AREA_LABEL[f.area];
    const shown = f.area === 'faults' ? f.tried - f.bad : f.bad;
    rows.push([label, f.source + (f.note ? ` (${f.note})` : ''), String(f.tried), `${shown} ${verb}`]);
    const t = totals.get(f.area) ?? { tried: 0, bad: 0 };
    totals.set(f.area, { tried: t.tried + f.tried, bad: t.bad + f.bad });
  }
  const widths = rows[0]!.map((_, c) => Math.min(70, Math.max(...rows.map((r) => (r[c] ?? '').length))));
  const line = (r: string[]) => r.map((cell, c) => cell.slice(0, widths[c]).padEnd(widths[c] ?? 0)).join(' | ');
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)];
  out.push('', 'Totals:');
  for (const [area, t] of totals) {
    const [label, verb] = AREA_LABEL[area];
    out.push(`  ${label}: ${t.tried} tried, ${area === 'faults' ? t.tried - t.bad : t.bad} ${verb}`);
  }
  return out.join('\n');
}
