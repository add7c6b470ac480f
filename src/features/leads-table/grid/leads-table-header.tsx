// The sticky header row: labels, sort buttons with aria-sort, and resize handles. Which column can
// sort where (Kommo's server order, or the browser once every lead is loaded) is the grid's call,
// handed in as `sorting`; sorting writes the URL, and the URL drives the fetch or the local sort.
import { VisuallyHidden } from '@mantine/core';
import type { Header } from '@tanstack/react-table';
import type { KeyboardEvent } from 'react';
import type { Lead } from '../../../kommo/schemas';
import { pinnedStyle, type ColumnLayout, type LeadHeader } from './column-layout';
import { columnLabel } from '../columns/column-label';
import type { LeadsTableFeatures } from '../leads-table-features';
import type { LeadsTableT } from '../leads-table-messages';
import classes from '../leads-table.module.css';

export type LeadsTableHeaderProps = {
  /**
   * Every shown column's header, pinned ones first, in shown order. All are rendered, unlike the rows'
   * cells (one row of them costs little per frame): every sort button and resize handle stays in the
   * Tab order, and each header sits where the rows' spacer puts its cells (same sizes, same order).
   */
  headers: LeadHeader[];
  /** The rows' column layout: each header's index over all shown columns. */
  layout: ColumnLayout;
  height: number;
  width: number;
  sorting: HeaderSorting;
  t: LeadsTableT;
};

/** A column's sort button: its current direction (null: not sorted by it) and an optional explanation. */
export type HeaderSortState = { direction: 'asc' | 'desc' | null; hint?: string };
export type HeaderSorting = {
  /** null: the column has no sort button. */
  stateOf(columnId: string): HeaderSortState | null;
  onSort(columnId: string): void;
};

type AriaSort = 'ascending' | 'descending' | 'none';

const RESIZE_STEP = 10;
const RESIZE_STEP_LARGE = 50;
const DEFAULT_MIN_WIDTH = 60;
const DEFAULT_MAX_WIDTH = 800;

type ResizeHandleProps = { header: Header<LeadsTableFeatures, Lead, unknown>; label: string; t: LeadsTableT };

/** Drag with the mouse or touch; or focus it and use ArrowLeft/ArrowRight (Shift: larger steps), Home to reset. */
function ResizeHandle({ header, label, t }: ResizeHandleProps) {
  const { column } = header;
  const min = column.columnDef.minSize ?? DEFAULT_MIN_WIDTH;
  const max = column.columnDef.maxSize ?? DEFAULT_MAX_WIDTH;
  const size = header.getSize();
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? RESIZE_STEP_LARGE : RESIZE_STEP;
    const delta = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0;
    if (event.key === 'Home') {
      event.preventDefault();
      column.resetSize();
      return;
    }
    if (delta === 0) return;
    event.preventDefault();
    const next = Math.min(max, Math.max(min, size + delta));
    header.table.setColumnSizing((old) => ({ ...old, [column.id]: next }));
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('resizeColumn', { column: label })}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`${classes.resizer} ${column.getIsResizing() ? classes.resizing : ''}`}
      onMouseDown={header.getResizeHandler()}
      onTouchStart={header.getResizeHandler()}
      onDoubleClick={() => column.resetSize()}
      onKeyDown={handleKeyDown}
    />
  );
}

export function LeadsTableHeader({ headers, layout, height, width, sorting, t }: LeadsTableHeaderProps) {
  return (
    <div role="rowgroup" className={classes.header} style={{ width, height }}>
      <div role="row" aria-rowindex={1} style={{ display: 'flex', width, height }}>
        {headers.map((header) => {
          const { column } = header;
          const meta = column.columnDef.meta;
          const label = columnLabel(column, t);
          const sort = column.id === 'expand' ? null : sorting.stateOf(column.id);
          const sorted = sort?.direction ?? null;
          const ariaSort: AriaSort | undefined = sort ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined;
          const pinned = column.getIsPinned() === 'start';
          const className = [
            classes.headerCell,
            meta?.align === 'end' ? classes.end : '',
            pinned ? classes.pinned : '',
            column.getIsLastColumn('start') ? classes.pinnedLast : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <div
              key={header.id}
              role="columnheader"
              aria-colindex={layout.byId.get(column.id)?.colIndex}
              aria-label={label}
              aria-sort={ariaSort}
              className={className}
              style={pinnedStyle(column, { width: header.getSize(), zIndex: pinned ? 4 : undefined })}
            >
              {column.id === 'expand' ? (
                <VisuallyHidden>{label}</VisuallyHidden>
              ) : sort ? (
                <button type="button" className={classes.sortButton} title={sort.hint} onClick={() => sorting.onSort(column.id)}>
                  <span className={classes.headerLabel}>{label}</span>
                  <span aria-hidden="true" className={`${classes.sortIcon} ${sorted ? classes.sortActive : ''}`}>
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '⇅'}
                  </span>
                </button>
              ) : (
                <span className={classes.headerLabel} title={label}>
                  {label}
                </span>
              )}
              {column.getCanResize() ? <ResizeHandle header={header} label={label} t={t} /> : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
