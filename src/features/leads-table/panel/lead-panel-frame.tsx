// The open row's panel box: a cell spanning the row, its fixed height, the lead's name and its
// "Open in Kommo" link. In the first bundle, so the panel's place and header appear on the click;
// its contents (lead-expanded-panel, a chunk of its own) fill in, saying "Loading…" meanwhile.
import type { KeyboardEvent, ReactNode } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { expandedPanelId } from './expanded-panel-id';
import { useLeadTitle } from '@/features/leads-table/cells/lead-cells';
import { OpenInKommoLink } from '@/features/leads-table/cells/open-in-kommo-link';
import { useLeadsTableContext } from '@/features/leads-table/leads-table-context';
import classes from '@/features/leads-table/leads-table.module.css';

export type LeadPanelFrameProps = {
  lead: Lead;
  height: number;
  colSpan: number;
  children: ReactNode;
  /** `card`: inside a phone's card (a feed article), not a grid's cell. */
  variant?: 'grid' | 'card';
};

export function LeadPanelFrame({ lead, height, colSpan, children, variant = 'grid' }: LeadPanelFrameProps) {
  const { t, kommoLink, closePanel } = useLeadsTableContext();
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    closePanel(lead.id);
  };
  const name = useLeadTitle(lead);
  // The label sits on a group, not on the gridcell: a labelled gridcell (a widget role) must say its
  // visible text (axe's label-content-name-mismatch); the cell's name comes from this label anyway.
  const group = (
    <div
      role="group"
      // Focusable so keyboard users can scroll a long panel (it has a fixed height).
      tabIndex={0}
      id={expandedPanelId(lead.id)}
      aria-label={t('panelTitle', { name })}
      className={classes.panel}
      onKeyDown={handleKeyDown}
      // Esc here closes this lead, not the widget's modal (see escape-closes-widget).
      data-owns-escape
    >
      <div className={classes.panelHeader}>
        <h2 className={classes.panelTitle}>{name}</h2>
        <OpenInKommoLink link={kommoLink} leadId={lead.id} name={name} variant="panel" t={t} />
      </div>
      {children}
    </div>
  );
  if (variant === 'card') return group;
  return (
    <div
      role="gridcell"
      // It spans every shown column, from the first, whichever of them are rendered.
      aria-colindex={1}
      aria-colspan={colSpan}
      className={classes.panelCell}
      style={{ height }}
      // Clicks inside the panel (selecting text, following a link) must not re-activate or toggle the row.
      onClick={(e) => e.stopPropagation()}
    >
      {group}
    </div>
  );
}

/** The panel's body while its chunk downloads: what it says anyway while a lead's details load. */
export function LeadPanelLoading() {
  const { t } = useLeadsTableContext();
  return <p className={classes.panelNone}>{t('panelLoading')}</p>;
}
