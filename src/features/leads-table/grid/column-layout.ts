// The shown columns' geometry, shared by the header and every row (its own module, so neither of
// them imports the other): which columns are pinned, each cell's classes and size, and the spacers
// around the rendered range of center columns.
import type { Header } from '@tanstack/react-table';
import type { CSSProperties } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import classes from '@/features/leads-table/leads-table.module.css';

/** A shown column's header, the table's unit of layout. */
export type LeadHeader = Header<LeadsTableFeatures, Lead, unknown>;

/** A pinned header cell's sticky offset (a row's pinned cells stick as one group instead). */
export function pinnedStyle(column: LeadHeader['column'], base: CSSProperties): CSSProperties {
  if (column.getIsPinned() !== 'start') return base;
  return { ...base, left: column.getStart('start') };
}

/** What a visible column's cells look like in every row: computed once per layout, shared by all rows. */
export type CellLayout = {
  className: string;
  style: CSSProperties;
  /** 1-based, over all shown columns (not all are in the DOM). */ colIndex: number;
};

/**
 * The shown columns' geometry, shared by the header and every row: pinned columns are always
 * rendered; of the others (the center) only a virtual range is, after a spacer of the skipped width.
 */
export type ColumnLayout = {
  byId: ReadonlyMap<string, CellLayout>;
  pinnedIds: readonly string[];
  centerIds: readonly string[];
  /** Offset of each center column from the end of the pinned ones; one more entry: the center's width. */
  centerStarts: readonly number[];
  /** Width of the pinned columns, where the center starts. */
  pinnedWidth: number;
  /** Number of shown columns, pinned and center. */
  count: number;
};

/** Class names and inline geometry of each visible column's cells, by column id, in shown order. */
export function cellLayouts(headers: readonly LeadHeader[], rowHeight: number): ColumnLayout {
  const byId = new Map<string, CellLayout>();
  const pinnedIds: string[] = [];
  const centerIds: string[] = [];
  const centerStarts: number[] = [0];
  let pinnedWidth = 0;
  headers.forEach(({ column }, index) => {
    const pinned = column.getIsPinned() === 'start';
    // A row's pinned cells sit in one sticky group (see leads-table-row), so they carry no sticky
    // class or offset of their own: one sticky box per row instead of one per pinned cell.
    const className = [classes.cell, column.columnDef.meta?.align === 'end' ? classes.end : ''].filter(Boolean).join(' ');
    const width = column.getSize();
    const style: CSSProperties = { width, height: rowHeight - 1, lineHeight: `${rowHeight - 1}px` };
    if (pinned) {
      pinnedIds.push(column.id);
      pinnedWidth += width;
    } else {
      centerIds.push(column.id);
      centerStarts.push((centerStarts[centerStarts.length - 1] ?? 0) + width);
    }
    byId.set(column.id, { className, style, colIndex: index + 1 });
  });
  return { byId, pinnedIds, centerIds, centerStarts, pinnedWidth, count: headers.length };
}

/** The center columns to render: indexes into `centerIds`, both ends included (end < start: none). */
export type ColumnRange = { colStart: number; colEnd: number };

/** Column ids of one rendered row or header: the pinned ones, then the center range. */
export function renderedColumnIds(layout: ColumnLayout, { colStart, colEnd }: ColumnRange): string[] {
  return [...layout.pinnedIds, ...layout.centerIds.slice(colStart, colEnd + 1)];
}

/** Width of the center columns left of the range (the left spacer) and right of it. */
export function spacerWidths(layout: ColumnLayout, { colStart, colEnd }: ColumnRange): { left: number; right: number } {
  const total = layout.centerStarts[layout.centerStarts.length - 1] ?? 0;
  const left = layout.centerStarts[colStart] ?? 0;
  const right = total - (layout.centerStarts[colEnd + 1] ?? total);
  return { left, right: Math.max(0, right) };
}
