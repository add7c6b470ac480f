// One virtual row: fixed height cells, plus the expanded panel as a fixed-size extra line inside the
// same row (the virtualizer's size for this index grows by the panel's height once, on toggle).
import { FlexRender, type Row } from '@tanstack/react-table';
import { memo } from 'react';
import type { Lead } from '../../kommo/schemas';
import { pinnedStyle } from './leads-table-header';
import { LeadExpandedPanel } from './lead-expanded-panel';
import type { LeadsTableFeatures } from './leads-table-features';
import classes from './leads-table.module.css';

export function rowDomId(leadId: number): string {
  return `lead-row-${leadId}`;
}

export type LeadsTableRowProps = {
  row: Row<LeadsTableFeatures, Lead>;
  index: number;
  start: number;
  rowHeight: number;
  panelHeight: number;
  width: number;
  expanded: boolean;
  active: boolean;
  /** Changes whenever visible columns, their order or sizes change, so the memo re-renders. */
  layoutKey: string;
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
        const { column } = cell;
        const pinned = column.getIsPinned() === 'start';
        const className = [
          classes.cell,
          column.columnDef.meta?.align === 'end' ? classes.end : '',
          pinned ? classes.pinned : '',
          pinned && column.getIsLastColumn('start') ? classes.pinnedLast : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div key={cell.id} role="gridcell" data-col={column.id} className={className} style={pinnedStyle(column, { width: column.getSize(), height: rowHeight - 1 })}>
            <FlexRender cell={cell} />
          </div>
        );
      })}
      {expanded ? <LeadExpandedPanel lead={row.original} pageLeads={pageLeads} height={panelHeight} colSpan={cells.length} /> : null}
    </div>
  );
});
