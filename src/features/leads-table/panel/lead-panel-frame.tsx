// The open row's panel box: a cell spanning the row, its fixed height, the lead's name and its
// "Open in Kommo" link. In the first bundle, so the panel's place and header appear on the click;
// its contents (lead-expanded-panel, a chunk of its own) fill in, saying "Loading…" meanwhile.
import type { ReactNode } from 'react';
import type { Lead } from '../../../kommo/schemas';
import { expandedPanelId } from './expanded-panel-id';
import { useLeadTitle } from '../cells/lead-cells';
import { OpenInKommoLink } from '../cells/open-in-kommo-link';
import { useLeadsTableContext } from '../leads-table-context';
import classes from '../leads-table.module.css';

export type LeadPanelFrameProps = { lead: Lead; height: number; colSpan: number; children: ReactNode };

export function LeadPanelFrame({ lead, height, colSpan, children }: LeadPanelFrameProps) {
  const { t, kommoLink } = useLeadsTableContext();
  const name = useLeadTitle(lead);
  return (
    <div
      role="gridcell"
      // It spans every shown column, from the first, whichever of them are rendered.
      aria-colindex={1}
      aria-colspan={colSpan}
      // Focusable so keyboard users can scroll a long panel (it has a fixed height).
      tabIndex={0}
      id={expandedPanelId(lead.id)}
      aria-label={t('panelTitle', { name })}
      className={classes.panel}
      style={{ height }}
      // Clicks inside the panel (selecting text, following a link) must not re-activate or toggle the row.
      onClick={(e) => e.stopPropagation()}
    >
      <div className={classes.panelHeader}>
        <strong className={classes.panelTitle}>{name}</strong>
        <OpenInKommoLink link={kommoLink} leadId={lead.id} name={name} variant="panel" t={t} />
      </div>
      {children}
    </div>
  );
}

/** The panel's body while its chunk downloads: what it says anyway while a lead's details load. */
export function LeadPanelLoading() {
  const { t } = useLeadsTableContext();
  return <p className={classes.panelNone}>{t('panelLoading')}</p>;
}
