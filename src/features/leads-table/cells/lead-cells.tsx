// The table's cells: each draws the value its column's definition (src/lib/leads-list) gives for
// the lead, as text (CRM strings are never HTML). What a cell adds is drawing only, marked with
// data-decoration: the stage's colour and pipeline, the deleted mark, the card link, "+2" contacts.
import type { Lead } from '@/kommo/lead-schema';
import { displayText, TABLE_LIST_SEPARATOR, type ColumnValue } from '@/lib/leads-list/column-value';
import type { LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import { leadAttention } from '@/lib/leads-list/lead-attention';
import { daysOverdue } from '@/lib/leads-list/lead-formatters';
import { findStage } from '@/lib/reference-data/lead-reference';
import { useLeadsTableContext } from '@/features/leads-table/leads-table-context';
import classes from '@/features/leads-table/leads-table.module.css';
import { OpenInKommoLink } from './open-in-kommo-link';

export type LeadCellProps = { lead: Lead };
export type ColumnCellProps = { lead: Lead; column: LeadColumnDefinition };

/** The next task's due date; one already past in red, with how many whole days late (Pipedrive's overdue red). */
export function ClosestTaskCell({ lead, column }: ColumnCellProps) {
  const { columns, t } = useLeadsTableContext();
  const value = column.value(lead, columns);
  const late = daysOverdue(lead.closest_task_at);
  if (late === null) return <ValueText value={value} />;
  return (
    <span className={classes.overdue} data-overdue-days={late}>
      <ValueText value={value} />
      <span data-decoration="overdue"> · {late > 0 ? t('overdueDays', { count: late }) : t('overdueToday')}</span>
    </span>
  );
}

/**
 * Why the lead needs attention: an overdue task in red (the same red as the due date), other reasons
 * plain; then how long it has been in its stage, from Kommo's event log, for the leads on screen.
 */
export function AttentionCell({ lead, column }: ColumnCellProps) {
  const { columns, stageAges } = useLeadsTableContext();
  const value = column.value(lead, columns);
  const need = leadAttention(lead);
  return (
    <span className={need?.reason === 'overdue' ? classes.overdue : undefined} data-attention={need?.reason}>
      <ValueText value={value} />
      {stageAges?.get(lead.id)}
    </span>
  );
}

/**
 * A cell whose name has not arrived yet: a quiet mark of the same line height, so the row keeps its
 * layout and never shows an id that then changes into a name. An image to assistive technology: a
 * plain span may not carry a label (axe's aria-prohibited-attr, seen on a demo seed whose names came late).
 */
export function NamePlaceholder() {
  const { t } = useLeadsTableContext();
  return <span className={classes.namePlaceholder} role="img" aria-label={t('nameLoading')} aria-busy="true" title={t('nameLoading')} />;
}

/** A value as the table shows it: text in the account's formats, a placeholder while its name loads. */
export function ValueText({ value }: { value: ColumnValue }) {
  const { display } = useLeadsTableContext();
  if (value.kind === 'pending') return <NamePlaceholder />;
  return displayText(value, display);
}

/** Any column without a drawing of its own. */
export function ValueCell({ lead, column }: ColumnCellProps) {
  const { columns } = useLeadsTableContext();
  return <ValueText value={column.value(lead, columns)} />;
}

/** The lead's title: its name, or "Lead #id" for one without a name. */
export function useLeadTitle(lead: Lead): string {
  const { columnText } = useLeadsTableContext();
  return lead.name?.trim() ? lead.name : columnText('untitledLead', { id: lead.id });
}

export function NameCell({ lead, column }: ColumnCellProps) {
  const { t, kommoLink, columns, display } = useLeadsTableContext();
  const title = displayText(column.value(lead, columns), display);
  return (
    <>
      <span className={classes.name}>
        {lead.is_deleted ? (
          <span className={classes.muted} data-decoration="deleted">
            {t('deleted')} ·{' '}
          </span>
        ) : null}
        {title}
      </span>
      {lead.is_deleted ? null : <OpenInKommoLink link={kommoLink} leadId={lead.id} name={title} variant="row" t={t} />}
    </>
  );
}

export function StageCell({ lead, column }: ColumnCellProps) {
  const { reference, columns, display } = useLeadsTableContext();
  const value = column.value(lead, columns);
  const stage = findStage(reference, lead.pipeline_id, lead.status_id);
  if (!stage) return <span className={classes.muted}>{displayText(value, display)}</span>;
  return (
    <span className={classes.stage}>
      <span className={classes.stageDot} style={{ backgroundColor: stage.status.color }} aria-hidden="true" />
      <span className={classes.ellipsis}>{displayText(value, display)}</span>
      <span className={classes.muted} data-decoration="pipeline">
        {' '}
        · {stage.pipeline.name}
      </span>
    </span>
  );
}

/** A user column: struck through when the user is inactive, quiet for a robot or a user not in the list. */
export function UserCell({ lead, column, userId }: ColumnCellProps & { userId: number | null }) {
  const { reference, columns, display } = useLeadsTableContext();
  if (userId === null) return null;
  const user = reference.users.get(userId);
  const className = !user ? classes.muted : user.rights?.is_active === false ? classes.inactive : undefined;
  return <span className={className}>{displayText(column.value(lead, columns), display)}</span>;
}

export function TagsCell({ lead }: LeadCellProps) {
  const tags = lead._embedded.tags;
  if (tags.length === 0) return null;
  return (
    <span className={classes.chips}>
      {tags.map((tag, index) => (
        <span key={tag.id}>
          {index > 0 ? <span className={classes.listSeparator}>{TABLE_LIST_SEPARATOR}</span> : null}
          <span className={classes.chip} style={tag.color ? { borderColor: tag.color, backgroundColor: `${tag.color}33` } : undefined}>
            {tag.name}
          </span>
        </span>
      ))}
    </span>
  );
}

export function MainContactCell({ lead, column }: ColumnCellProps) {
  const { columns } = useLeadsTableContext();
  const others = (lead._embedded.contacts?.length ?? 0) - 1;
  const value = column.value(lead, columns);
  if (value.kind === 'empty') return null;
  return (
    <span>
      <ValueText value={value} />
      {others > 0 && value.kind !== 'pending' ? (
        <span className={classes.muted} data-decoration="other-contacts">
          {' '}
          +{others}
        </span>
      ) : null}
    </span>
  );
}
