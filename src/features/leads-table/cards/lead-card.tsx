// One lead as a phone card: name, price, stage with its colour, responsible, next task and the main
// contact with a tap-to-call link. The card is a feed article (focusable, labelled by the name); the
// name is the button that opens and closes the lead, and the open lead appears under it.
import { memo, type MouseEvent } from 'react';
import type { Row } from '@tanstack/react-table';
import type { Lead } from '@/kommo/lead-schema';
import { columnDefinition } from '@/lib/leads-list/lead-column-registry';
import { useMessages } from '@/lib/i18n/language-context';
import { ChunkBoundary } from '@/lib/ui/lazy-chunk';
import { ClosestTaskCell, StageCell, UserCell, useLeadTitle, ValueText } from '@/features/leads-table/cells/lead-cells';
import { expandedPanelId } from '@/features/leads-table/panel/expanded-panel-id';
import { leadPanelChunk } from '@/features/leads-table/panel/lead-panel-chunk';
import { LeadPanelFrame, LeadPanelLoading } from '@/features/leads-table/panel/lead-panel-frame';
import { useLeadsTableContext } from '@/features/leads-table/leads-table-context';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import { leadCardsMessages } from './lead-cards-messages';
import { mainContactLine } from './main-contact-line';
import classes from './lead-cards.module.css';

/** The space between two cards, inside each card's slot. */
const CARD_GAP = 6;

export function cardDomId(leadId: number): string {
  return `lead-card-${leadId}`;
}

export type LeadCardProps = {
  row: Row<LeadsTableFeatures, Lead>;
  index: number;
  /** -1 while more leads may come (aria-setsize). */
  setSize: number;
  start: number;
  height: number;
  panelHeight: number;
  expanded: boolean;
  active: boolean;
  pageLeads: readonly Lead[];
  onActivate: (index: number) => void;
};

export const LeadCard = memo(function LeadCard({
  row,
  index,
  setSize,
  start,
  height,
  panelHeight,
  expanded,
  active,
  pageLeads,
  onActivate,
}: LeadCardProps) {
  const { reference, columns, t, stageAges } = useLeadsTableContext();
  const c = useMessages(leadCardsMessages);
  const lead = row.original;
  const name = useLeadTitle(lead);
  const definition = (id: string) => columnDefinition(id, reference.customFieldsById);
  const price = definition('price');
  const stage = definition('stage');
  const responsible = definition('responsible');
  const task = definition('closest_task_at');
  const contact = mainContactLine(lead, columns.entities.contacts);
  const nameId = `${cardDomId(lead.id)}-name`;
  // A tap anywhere on the card opens the lead; taps on its links, buttons and the open lead do their own thing.
  const handleClick = (event: MouseEvent<HTMLElement>) => {
    onActivate(index);
    if ((event.target as Element).closest('a, button, [data-card-panel]')) return;
    row.toggleExpanded();
  };
  return (
    <article
      id={cardDomId(lead.id)}
      data-index={index}
      aria-labelledby={nameId}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      // One tab stop for the whole list: the active card; arrows move between cards.
      tabIndex={active ? 0 : -1}
      className={classes.card}
      style={{ top: start, height: (expanded ? height + panelHeight : height) - CARD_GAP }}
      onClick={handleClick}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onActivate(index);
      }}
    >
      <div className={classes.line}>
        <button
          type="button"
          id={nameId}
          className={classes.name}
          tabIndex={-1}
          aria-expanded={expanded}
          aria-controls={expanded ? expandedPanelId(lead.id) : undefined}
          onClick={() => row.toggleExpanded()}
          onPointerEnter={leadPanelChunk.preload}
        >
          {name}
        </button>
        <span className={classes.price}>{price ? <ValueText value={price.value(lead, columns)} /> : null}</span>
      </div>
      <div className={`${classes.line} ${classes.stageLine}`}>
        <span className={classes.ellipsis}>{stage ? <StageCell lead={lead} column={stage} /> : null}</span>
        {/* In the attention view: "· 40 days in this stage", as the grid's attention cell says it; read
            whole, the stage's name gives way. */}
        {stageAges?.has(lead.id) ? <span className={classes.stageAge}>{stageAges.get(lead.id)}</span> : null}
      </div>
      <div className={classes.line}>
        <span className={classes.ellipsis}>
          {responsible && lead.responsible_user_id !== null ? (
            <UserCell lead={lead} column={responsible} userId={lead.responsible_user_id} />
          ) : (
            <span className={classes.muted}>{c('noResponsible')}</span>
          )}
        </span>
      </div>
      <div className={classes.line}>
        {task && lead.closest_task_at !== null ? (
          <span className={classes.ellipsis}>
            <span className={classes.muted}>{c('nextTask')} </span>
            <ClosestTaskCell lead={lead} column={task} />
          </span>
        ) : (
          <span className={classes.muted}>{c('noTask')}</span>
        )}
      </div>
      <div className={classes.line}>
        {contact ? (
          <>
            <span className={classes.ellipsis}>{contact.name ?? (columns.entities.pending?.has('contacts') ? '' : `#${contact.id}`)}</span>
            {contact.href && contact.phone ? (
              <a href={contact.href} className={classes.call} aria-label={t('callPhone', { phone: contact.phone })}>
                {contact.phone}
              </a>
            ) : contact.phone ? (
              <span>{contact.phone}</span>
            ) : null}
          </>
        ) : null}
      </div>
      {expanded ? (
        <div data-card-panel className={classes.panel} style={{ height: panelHeight }}>
          <ChunkBoundary
            fallback={<LeadPanelLoading />}
            frame={(content) => (
              <LeadPanelFrame lead={lead} height={panelHeight} colSpan={0} variant="card">
                {content}
              </LeadPanelFrame>
            )}
          >
            <leadPanelChunk.Component lead={lead} pageLeads={pageLeads} height={panelHeight} colSpan={0} variant="card" />
          </ChunkBoundary>
        </div>
      ) : null}
    </article>
  );
});
