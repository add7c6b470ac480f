// The sticky header row: labels, sort buttons with aria-sort, and resize handles. Which column can
// sort where (Kommo's server order, or the browser once every lead is loaded) is the grid's call,
// handed in as `sorting`; sorting writes the URL, and the URL drives the fetch or the local sort.
import { VisuallyHidden } from '@mantine/core';
import type { Header } from '@tanstack/react-table';
import { useState, type KeyboardEvent } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { pinnedStyle, type ColumnLayout, type LeadHeader } from './column-layout';
import { columnLabel } from '@/features/leads-table/columns/column-label';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';
import classes from '@/features/leads-table/leads-table.module.css';

export type LeadsTableHeaderProps = {
  /**
   * Every shown column's header, pinned ones first, in shown order. All are rendered, unlike the rows'
   * cells (one row of them costs little per frame): every sort button stays reachable with the arrows,
   * and each header sits where the rows' spacer puts its cells (same sizes, same order).
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

type ResizeHandleProps = { header: LeadHeaderOf; label: string; t: LeadsTableT };

type LeadHeaderOf = Header<LeadsTableFeatures, Lead, unknown>;

function resizeBy(header: LeadHeaderOf, delta: number) {
  const { column } = header;
  const min = column.columnDef.minSize ?? DEFAULT_MIN_WIDTH;
  const max = column.columnDef.maxSize ?? DEFAULT_MAX_WIDTH;
  const next = Math.min(max, Math.max(min, header.getSize() + delta));
  header.table.setColumnSizing((old) => ({ ...old, [column.id]: next }));
}

/**
 * Drag with the mouse or touch. Not a Tab stop (the header row is one, see LeadsTableHeader); once
 * clicked it takes ArrowLeft/ArrowRight (Shift: larger steps), Home to reset.
 */
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
    resizeBy(header, delta);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('resizeColumn', { column: label })}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={-1}
      className={`${classes.resizer} ${column.getIsResizing() ? classes.resizing : ''}`}
      onMouseDown={header.getResizeHandler()}
      onTouchStart={header.getResizeHandler()}
      onDoubleClick={() => column.resetSize()}
      onKeyDown={handleKeyDown}
    />
  );
}

const NAV_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/**
 * The header row is one Tab stop (a roving tabindex, as in the WAI-ARIA grid pattern): Tab reaches
 * the last sort button used, ArrowLeft/ArrowRight/Home/End move between sort buttons, Enter sorts,
 * Shift+ArrowLeft/ArrowRight narrows or widens the column. A keyboard user crosses the header in one
 * Tab instead of two per column.
 */
export function LeadsTableHeader({ headers, layout, height, width, sorting, t }: LeadsTableHeaderProps) {
  const sortable = headers.filter((h) => h.column.id !== 'expand' && sorting.stateOf(h.column.id) !== null).map((h) => h.column.id);
  const [focusId, setFocusId] = useState<string | null>(null);
  const stopId = focusId !== null && sortable.includes(focusId) ? focusId : (sortable[0] ?? null);
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The sort button the key was pressed on (a resize handle, once clicked, takes its own arrows).
    const current = event.target instanceof HTMLElement ? event.target.dataset.sortCol : undefined;
    if (!NAV_KEYS.has(event.key) || current === undefined) return;
    const at = sortable.indexOf(current);
    if (event.shiftKey) {
      const header = headers.find((h) => h.column.id === current);
      if (!header || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
      event.preventDefault();
      resizeBy(header, event.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP);
      return;
    }
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? sortable.length - 1
          : Math.max(0, Math.min(sortable.length - 1, at + (event.key === 'ArrowRight' ? 1 : -1)));
    const id = sortable[next];
    if (id === undefined) return;
    event.preventDefault();
    setFocusId(id);
    [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-sort-col]')].find((b) => b.dataset.sortCol === id)?.focus();
  };
  return (
    <div role="rowgroup" className={classes.header} style={{ width, height }}>
      <div role="row" aria-rowindex={1} style={{ display: 'flex', width, height }} onKeyDown={handleKeyDown}>
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
                <button
                  type="button"
                  className={classes.sortButton}
                  title={sort.hint}
                  data-sort-col={column.id}
                  tabIndex={column.id === stopId ? 0 : -1}
                  aria-keyshortcuts="Shift+ArrowLeft Shift+ArrowRight"
                  onFocus={() => setFocusId(column.id)}
                  onClick={() => sorting.onSort(column.id)}
                >
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
