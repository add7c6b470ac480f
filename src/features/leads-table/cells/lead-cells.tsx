// Cell renderers for the lead's own fields: names instead of ids, money in the account currency,
// dates in the account timezone. Text only: CRM strings are never interpreted as HTML.
import { entityName } from '../../../kommo/custom-field-value-data';
import type { Lead } from '../../../kommo/schemas';
import { daysOverdue, formatDateTime, formatLaborCost, formatMoney, formatNumber } from './lead-formatters';
import { findStage } from '../../../lib/reference/lead-reference';
import { useLeadsTableContext } from '../leads-table-context';
import classes from '../leads-table.module.css';
import { OpenInKommoLink } from './open-in-kommo-link';

export type LeadCellProps = { lead: Lead };

/** `untitled` is a function so the message is only formatted for the rare lead without a name. */
export function leadTitle(lead: Lead, untitled: () => string): string {
  return lead.name?.trim() ? lead.name : untitled();
}

export function NameCell({ lead }: LeadCellProps) {
  const { t, kommoLink } = useLeadsTableContext();
  const title = leadTitle(lead, () => t('untitledLead', { id: lead.id }));
  return (
    <>
      <span className={classes.name}>
        {lead.is_deleted ? <span className={classes.muted}>{t('deleted')} · </span> : null}
        {title}
      </span>
      {lead.is_deleted ? null : <OpenInKommoLink link={kommoLink} leadId={lead.id} name={title} variant="row" t={t} />}
    </>
  );
}

export function PriceCell({ lead }: LeadCellProps) {
  const { reference, locale } = useLeadsTableContext();
  return formatMoney(lead.price, reference.currency, locale);
}

export function StageCell({ lead }: LeadCellProps) {
  const { reference, t } = useLeadsTableContext();
  if (lead.status_id === null) return null;
  const stage = findStage(reference, lead.pipeline_id, lead.status_id);
  if (!stage) return <span className={classes.muted}>{t('unknownStage', { id: lead.status_id })}</span>;
  return (
    <span className={classes.stage}>
      <span className={classes.stageDot} style={{ backgroundColor: stage.status.color }} aria-hidden="true" />
      <span className={classes.ellipsis}>{stage.status.name}</span>
      <span className={classes.muted}> · {stage.pipeline.name}</span>
    </span>
  );
}

export function PipelineCell({ lead }: LeadCellProps) {
  const { reference } = useLeadsTableContext();
  if (lead.pipeline_id === null) return null;
  return reference.pipelines.get(lead.pipeline_id)?.name ?? String(lead.pipeline_id);
}

export function UserName({ userId }: { userId: number | null }) {
  const { reference, t } = useLeadsTableContext();
  if (userId === null) return null;
  // Kommo uses 0 for "the system / a robot" as creator or updater.
  if (userId === 0) return <span className={classes.muted}>—</span>;
  const user = reference.users.get(userId);
  if (!user) return <span className={classes.muted}>{t('unknownUser', { id: userId })}</span>;
  const inactive = user.rights?.is_active === false;
  return (
    <span className={inactive ? classes.inactive : undefined}>
      {user.name}
      {inactive ? <span className={classes.muted}> ({t('inactiveUser')})</span> : null}
    </span>
  );
}

export function GroupCell({ lead }: LeadCellProps) {
  const { reference } = useLeadsTableContext();
  if (lead.group_id === null) return null;
  return reference.groups.get(lead.group_id)?.name ?? String(lead.group_id);
}

export function DateTimeCell({ value }: { value: number | null }) {
  const { reference, locale } = useLeadsTableContext();
  return formatDateTime(value, reference.timeZone, locale);
}

/** The next task's due date; one already past in red, with how many whole days late (Pipedrive's overdue red). */
export function ClosestTaskCell({ lead }: LeadCellProps) {
  const { reference, locale, t } = useLeadsTableContext();
  const due = lead.closest_task_at;
  const text = formatDateTime(due, reference.timeZone, locale);
  const late = daysOverdue(due);
  if (late === null) return text;
  return (
    <span className={classes.overdue} data-overdue-days={late}>
      {text} · {late > 0 ? t('overdueDays', { count: late }) : t('overdueToday')}
    </span>
  );
}

export function TagsCell({ lead }: LeadCellProps) {
  const tags = lead._embedded.tags;
  if (tags.length === 0) return null;
  return (
    <span className={classes.chips}>
      {tags.map((tag) => (
        <span key={tag.id} className={classes.chip} style={tag.color ? { borderColor: tag.color, backgroundColor: `${tag.color}33` } : undefined}>
          {tag.name}
        </span>
      ))}
    </span>
  );
}

/**
 * A cell whose name has not arrived yet: a quiet mark of the same line height, so the row keeps its
 * layout and never shows an id that then changes into a name.
 */
export function NamePlaceholder() {
  const { t } = useLeadsTableContext();
  return <span className={classes.namePlaceholder} aria-label={t('nameLoading')} aria-busy="true" title={t('nameLoading')} />;
}

export function MainContactCell({ lead }: LeadCellProps) {
  const { entities, t } = useLeadsTableContext();
  const links = lead._embedded.contacts;
  if (!links || links.length === 0) return null;
  const main = links.find((c) => c.is_main) ?? links[0];
  if (!main) return null;
  const contact = entities.contacts.get(main.id);
  if (!contact && entities.contactsPending) return <NamePlaceholder />;
  const name = contact ? (entityName(contact) ?? t('unnamedContact', { id: main.id })) : `#${main.id}`;
  return (
    <span>
      {name}
      {links.length > 1 ? <span className={classes.muted}> +{links.length - 1}</span> : null}
    </span>
  );
}

export function CompanyCell({ lead }: LeadCellProps) {
  const { entities, t } = useLeadsTableContext();
  const link = lead._embedded.companies[0];
  if (!link) return null;
  const company = entities.companies.get(link.id);
  if (!company && entities.companiesPending) return <NamePlaceholder />;
  return company ? (entityName(company) ?? t('unnamedCompany', { id: link.id })) : `#${link.id}`;
}

export function LossReasonCell({ lead }: LeadCellProps) {
  const { reference } = useLeadsTableContext();
  const embedded = lead._embedded.loss_reason?.[0];
  if (embedded) return embedded.name;
  if (lead.loss_reason_id === null) return null;
  const reason = reference.lossReasons.get(lead.loss_reason_id);
  if (!reason && reference.waiting.has('lossReasons')) return <NamePlaceholder />;
  return reason?.name ?? String(lead.loss_reason_id);
}

export function SourceCell({ lead }: LeadCellProps) {
  const { reference } = useLeadsTableContext();
  // with=source names the lead's source; /sources lists only this integration's own, so an id without either stays an id.
  const source = lead._embedded.source;
  const id = lead.source_id ?? source?.id ?? null;
  if (id === null) return null;
  const name = source?.name || reference.sources.get(id)?.name;
  if (!name && reference.waiting.has('sources')) return <NamePlaceholder />;
  return name || String(id);
}

export function ScoreCell({ lead }: LeadCellProps) {
  const { locale } = useLeadsTableContext();
  return formatNumber(lead.score, locale);
}

export function LaborCostCell({ lead }: LeadCellProps) {
  const { locale } = useLeadsTableContext();
  return formatLaborCost(lead.labor_cost, locale);
}

export function PriceByRobotCell({ lead }: LeadCellProps) {
  const { t } = useLeadsTableContext();
  if (lead.is_price_modified_by_robot === null) return null;
  return lead.is_price_modified_by_robot ? t('yes') : t('no');
}

export function ProductsCell({ lead }: LeadCellProps) {
  const { locale } = useLeadsTableContext();
  const elements = lead._embedded.catalog_elements;
  if (!elements || elements.length === 0) return null;
  const quantity = elements.reduce((sum, e) => sum + (e.quantity ?? 0), 0);
  return (
    <span>
      {formatNumber(elements.length, locale)}
      <span className={classes.muted}> (× {formatNumber(quantity, locale)})</span>
    </span>
  );
}
