// One virtual row: fixed height cells, plus the expanded panel as a fixed-size extra line inside the
// same row (the virtualizer's size for this index grows by the panel's height once, on toggle).
import { FlexRender, type Row } from '@tanstack/react-table';
import { memo, type CSSProperties } from 'react';
import type { Lead } from '../../kommo/schemas';
import { LeadExpandedPanel } from './lead-expanded-panel';
import type { LeadsTableFeatures } from './leads-table-features';
import type { LeadsTableHeaderProps } from './leads-table-header';
import classes from './leads-table.module.css';

export function rowDomId(leadId: number): string {
  return `lead-row-${leadId}`;
}

/** What a visible column's cells look like in every row: computed once per layout, shared by all rows. */
export type CellLayout = { className: string; style: CSSProperties };

/** Class names and inline geometry of each visible column's cells, by column id. */
export function cellLayouts(headers: LeadsTableHeaderProps['headers'], rowHeight: number): ReadonlyMap<string, CellLayout> {
  const layouts = new Map<string, CellLayout>();
  for (const { column } of headers) {
    const pinned = column.getIsPinned() === 'start';
    const className = [
      classes.cell,
      column.columnDef.meta?.align === 'end' ? classes.end : '',
      pinned ? classes.pinned : '',
      pinned && column.getIsLastColumn('start') ? classes.pinnedLast : '',
    ]
      .filter(Boolean)
      .join(' ');
    const style: CSSProperties = { width: column.getSize(), height: rowHeight - 1, lineHeight: `${rowHeight - 1}px` };
    if (pinned) style.left = column.getStart('start');
    layouts.set(column.id, { className, style });
  }
  return layouts;
}

const FALLBACK_LAYOUT: CellLayout = { className: classes.cell ?? '', style: {} };

export type LeadsTableRowProps = {
  row: Row<LeadsTableFeatures, Lead>;
  index: number;
  start: number;
  rowHeight: number;
  panelHeight: number;
  width: number;
  expanded: boolean;
  active: boolean;
  /** Per-column cell classes and geometry; a new map whenever visible columns, order, sizes or density change. */
  layouts: ReadonlyMap<string, CellLayout>;
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
  pageLeads,
  onActivate,
}: LeadsTableRowProps) {
  const cells = row.getVisibleCells();
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
      {cells.map((cell) => {
        const layout = layouts.get(cell.column.id) ?? FALLBACK_LAYOUT;
        return (
          <div key={cell.id} role="gridcell" data-col={cell.column.id} className={layout.className} style={layout.style}>
            <FlexRender cell={cell} />
          </div>
        );
      })}
      {expanded ? <LeadExpandedPanel lead={row.original} pageLeads={pageLeads} height={panelHeight} colSpan={cells.length} /> : null}
    </div>
  );
});
