// One virtual row: fixed height cells, plus the expanded panel as a fixed-size extra line inside the
// same row (the virtualizer's size for this index grows by the panel's height once, on toggle).
import { FlexRender, type Row } from '@tanstack/react-table';
import { Fragment, memo, type CSSProperties } from 'react';
import type { Lead } from '../../kommo/schemas';
import { LeadExpandedPanel } from './lead-expanded-panel';
import type { LeadsTableFeatures } from './leads-table-features';
import { pinnedStyle, type LeadsTableHeaderProps } from './leads-table-header';
import classes from './leads-table.module.css';

export function rowDomId(leadId: number): string {
  return `lead-row-${leadId}`;
}

/** What a visible column's cells look like in every row: computed once per layout, shared by all rows. */
export type CellLayout = { className: string; style: CSSProperties; /** 1-based, over all shown columns (not all are in the DOM). */ colIndex: number };

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
export function cellLayouts(headers: LeadsTableHeaderProps['headers'], rowHeight: number): ColumnLayout {
  const byId = new Map<string, CellLayout>();
  const pinnedIds: string[] = [];
  const centerIds: string[] = [];
  const centerStarts: number[] = [0];
  let pinnedWidth = 0;
  headers.forEach(({ column }, index) => {
    const pinned = column.getIsPinned() === 'start';
    const className = [
      classes.cell,
      column.columnDef.meta?.align === 'end' ? classes.end : '',
      pinned ? classes.pinned : '',
      pinned && column.getIsLastColumn('start') ? classes.pinnedLast : '',
    ]
      .filter(Boolean)
      .join(' ');
    const width = column.getSize();
    // The same sticky offset as the column's header cell.
    const style = pinnedStyle(column, { width, height: rowHeight - 1, lineHeight: `${rowHeight - 1}px` });
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

const FALLBACK_LAYOUT: CellLayout = { className: classes.cell ?? '', style: {}, colIndex: 0 };

export type LeadsTableRowProps = {
  row: Row<LeadsTableFeatures, Lead>;
  index: number;
  start: number;
  rowHeight: number;
  panelHeight: number;
  width: number;
  expanded: boolean;
  active: boolean;
  /** Per-column cell classes and geometry; a new object whenever visible columns, order, sizes or density change. */
  layouts: ColumnLayout;
  /** The rendered center columns (primitives, so a vertical scroll keeps the memo of rows in view). */
  colStart: number;
  colEnd: number;
  /** The leads of this row's loaded page: the panel fetches contacts for the whole page at once. */
  pageLeads: readonly Lead[];
  onActivate: (index: number) => void;
};

export const LeadsTableRow = memo(function LeadsTableRow({
  row,
  index,
  start,
  rowHeight,
  panelHeight,
  width,
  expanded,
  active,
  layouts,
  colStart,
  colEnd,
  pageLeads,
  onActivate,
}: LeadsTableRowProps) {
  const cellsById = row.getAllCellsByColumnId();
  const range = { colStart, colEnd };
  const ids = renderedColumnIds(layouts, range);
  const spacers = spacerWidths(layouts, range);
  const pinnedCount = layouts.pinnedIds.length;
  return (
    <div
      role="row"
      id={rowDomId(row.original.id)}
      aria-rowindex={index + 2}
      data-index={index}
      className={active ? `${classes.row} ${classes.active}` : classes.row}
      style={{ transform: `translateY(${start}px)`, height: expanded ? rowHeight + panelHeight : rowHeight, width }}
      onClick={() => onActivate(index)}
    >
      {ids.map((id, i) => {
        const cell = cellsById[id];
        if (!cell) return null;
        const layout = layouts.byId.get(id) ?? FALLBACK_LAYOUT;
        return (
          <Fragment key={cell.id}>
            {i === pinnedCount && spacers.left > 0 ? <div className={classes.spacer} style={{ width: spacers.left }} /> : null}
            <div role="gridcell" aria-colindex={layout.colIndex} data-col={id} className={layout.className} style={layout.style}>
              <FlexRender cell={cell} />
            </div>
          </Fragment>
        );
      })}
      {/* Fills the line, so the panel always starts a line of its own, whatever range is rendered. */}
      {expanded && spacers.right > 0 ? <div className={classes.spacer} style={{ width: spacers.right }} /> : null}
      {expanded ? <LeadExpandedPanel lead={row.original} pageLeads={pageLeads} height={panelHeight} colSpan={layouts.count} /> : null}
    </div>
  );
});
