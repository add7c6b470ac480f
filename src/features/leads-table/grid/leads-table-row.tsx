// One virtual row: fixed height cells, plus the expanded panel as a fixed-size extra line inside the
// same row (the virtualizer's size for this index grows by the panel's height once, on toggle).
import { FlexRender, type Row } from '@tanstack/react-table';
import { memo } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { ChunkBoundary } from '@/lib/ui/lazy-chunk';
import { leadPanelChunk } from '@/features/leads-table/panel/lead-panel-chunk';
import { LeadPanelFrame, LeadPanelLoading } from '@/features/leads-table/panel/lead-panel-frame';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import { renderedColumnIds, spacerWidths, type CellLayout, type ColumnLayout } from './column-layout';
import classes from '@/features/leads-table/leads-table.module.css';

export function rowDomId(leadId: number): string {
  return `lead-row-${leadId}`;
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
  const pinnedIds = layouts.pinnedIds;
  const centerIds = renderedColumnIds(layouts, range).slice(pinnedIds.length);
  const spacers = spacerWidths(layouts, range);
  const renderCell = (id: string) => {
    const cell = cellsById[id];
    if (!cell) return null;
    const layout = layouts.byId.get(id) ?? FALLBACK_LAYOUT;
    return (
      <div key={cell.id} role="gridcell" aria-colindex={layout.colIndex} data-col={id} className={layout.className} style={layout.style}>
        <FlexRender cell={cell} />
      </div>
    );
  };
  return (
    <div
      role="row"
      id={rowDomId(row.original.id)}
      aria-rowindex={index + 2}
      data-index={index}
      className={active ? `${classes.row} ${classes.active}` : classes.row}
      style={{ top: start, height: expanded ? rowHeight + panelHeight : rowHeight, width }}
      onClick={() => onActivate(index)}
    >
      {pinnedIds.length > 0 ? (
        // One sticky box for all pinned cells: each sticky box costs Chrome layerization and paint
        // work on every scrolled frame, so a row has one, not one per pinned cell.
        <div className={classes.pinnedGroup} style={{ width: layouts.pinnedWidth }}>
          {pinnedIds.map((id) => renderCell(id))}
        </div>
      ) : null}
      {spacers.left > 0 ? <div className={classes.spacer} style={{ width: spacers.left }} /> : null}
      {centerIds.map((id) => renderCell(id))}
      {/* Fills the line, so the panel always starts a line of its own, whatever range is rendered. */}
      {expanded && spacers.right > 0 ? <div className={classes.spacer} style={{ width: spacers.right }} /> : null}
      {expanded ? (
        // While its chunk downloads (or if it fails) the panel's box, name and link are already in place.
        <ChunkBoundary
          fallback={<LeadPanelLoading />}
          frame={(content) => (
            <LeadPanelFrame lead={row.original} height={panelHeight} colSpan={layouts.count}>
              {content}
            </LeadPanelFrame>
          )}
        >
          <leadPanelChunk.Component lead={row.original} pageLeads={pageLeads} height={panelHeight} colSpan={layouts.count} />
        </ChunkBoundary>
      ) : null}
    </div>
  );
});
