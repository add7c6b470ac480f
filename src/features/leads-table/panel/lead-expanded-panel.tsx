// The details of one lead, opened in place: contacts (main first), company, tags, products, loss
// reason and every custom field. Entities are fetched per loaded page when the page has the links;
// when the list was fetched without them (columns hidden), the lead is fetched with them on expand.
import { Button } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { isApiError } from '@/lib/api/api-error';
import { entityQueries } from '@/lib/entities/entity-queries';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import type { Contact } from '@/kommo/contact-schema';
import type { Lead } from '@/kommo/lead-schema';
import { elementPrice } from '@/lib/leads-list/lead-column-registry';
import { entityName, valueToText } from '@/kommo/custom-field-value-data';
import { ContactChannel } from './contact-channel';
import { LeadPanelFrame } from './lead-panel-frame';
import { CustomFieldValue } from '@/features/leads-table/cells/custom-field-value';
import { TagsCell } from '@/features/leads-table/cells/lead-cells';
import { formatMoney, formatNumber } from '@/lib/leads-list/lead-formatters';
import { useLeadsTableContext } from '@/features/leads-table/leads-table-context';
import { errorMessage } from '@/features/leads-table/states/leads-error-view';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';
import classes from '@/features/leads-table/leads-table.module.css';
import { pageCatalogElementIds, pageCompanyIds, pageContactIds } from '@/features/leads-table/grid/page-entity-ids';
import { useLeadDetails, type LeadDetails } from './use-lead-details';

export type LeadExpandedPanelProps = { lead: Lead; pageLeads: readonly Lead[]; height: number; colSpan: number; variant?: 'grid' | 'card' };

function multitext(entity: Contact, code: 'PHONE' | 'EMAIL'): string[] {
  return entity.custom_fields_values.filter((f) => f.field_code === code).flatMap((f) => f.values.map((v) => valueToText(v.value)).filter(Boolean));
}

/** `wide`: the section spans the panel's whole width (the custom fields, laid out in columns of their own). */
function Section({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? `${classes.panelSection} ${classes.panelWide}` : classes.panelSection}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** The translated message for the error's kind, as in the table's error view. */
function errorText(error: unknown, t: LeadsTableT): string {
  return isApiError(error) ? errorMessage(error, t, 0) : t('errorNetwork');
}

/** Shows loading, failure (with a retry) or a vanished lead until the lead's links are there. */
function DetailsGate({ details, children }: { details: LeadDetails; children: (lead: Lead, batchLeads: readonly Lead[]) => ReactNode }) {
  const { t } = useLeadsTableContext();
  if (details.status === 'pending') return <p className={classes.panelNone}>{t('panelLoading')}</p>;
  if (details.status === 'missing') return <p className={classes.panelNone}>{t('panelLeadMissing')}</p>;
  if (details.status === 'error') {
    return (
      <div>
        <p className={classes.panelText}>{t('panelLoadFailed', { detail: errorText(details.error, t) })}</p>
        <Button size="compact-xs" variant="light" mt={4} onClick={details.retry}>
          {t('retry')}
        </Button>
      </div>
    );
  }
  return children(details.lead, details.batchLeads);
}

type SectionProps = { lead: Lead; batchLeads: readonly Lead[] };

function ContactsSection({ lead, batchLeads }: SectionProps) {
  const client = useKommoClient();
  const { t } = useLeadsTableContext();
  const links = lead._embedded.contacts;
  const ids = useMemo(() => pageContactIds(batchLeads), [batchLeads]);
  const query = useQuery({ ...entityQueries.contacts(client, ids), enabled: ids.length > 0 });
  if (links === undefined || links.length === 0) return <p className={classes.panelNone}>{t('panelNoContacts')}</p>;
  if (query.isPending) return <p className={classes.panelNone}>{t('panelLoading')}</p>;
  if (query.isError) return <p className={classes.panelText}>{t('panelLoadFailed', { detail: errorText(query.error, t) })}</p>;
  const byId = new Map(query.data.map((c) => [c.id, c]));
  const ordered = [...links].sort((a, b) => Number(b.is_main) - Number(a.is_main));
  return (
    <ul className={classes.panelList}>
      {ordered.map((link) => {
        const contact = byId.get(link.id);
        const phones = contact ? multitext(contact, 'PHONE') : [];
        const emails = contact ? multitext(contact, 'EMAIL') : [];
        return (
          <li key={link.id}>
            <strong>{contact ? (entityName(contact) ?? t('unnamedContact', { id: link.id })) : `#${link.id}`}</strong>
            {link.is_main ? <span className={classes.muted}> · {t('panelMain')}</span> : null}
            {phones.length ? (
              phones.map((phone, i) => <ContactChannel key={`p${i}`} kind="phone" value={phone} t={t} />)
            ) : (
              <div className={classes.muted}>{t('panelNoPhones')}</div>
            )}
            {emails.length ? (
              emails.map((email, i) => <ContactChannel key={`e${i}`} kind="email" value={email} t={t} />)
            ) : (
              <div className={classes.muted}>{t('panelNoEmails')}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function CompanySection({ lead, pageLeads }: Pick<LeadExpandedPanelProps, 'lead' | 'pageLeads'>) {
  const client = useKommoClient();
  const { t } = useLeadsTableContext();
  const link = lead._embedded.companies[0];
  const ids = useMemo(() => pageCompanyIds(pageLeads), [pageLeads]);
  const query = useQuery({ ...entityQueries.companies(client, ids), enabled: ids.length > 0 && link !== undefined });
  if (!link) return <p className={classes.panelNone}>{t('panelNoCompany')}</p>;
  if (query.isPending) return <p className={classes.panelNone}>{t('panelLoading')}</p>;
  if (query.isError) return <p className={classes.panelText}>{t('panelLoadFailed', { detail: errorText(query.error, t) })}</p>;
  const company = query.data.find((c) => c.id === link.id);
  return <p className={classes.panelText}>{company ? (entityName(company) ?? t('unnamedCompany', { id: link.id })) : `#${link.id}`}</p>;
}

function ProductsSection({ lead, batchLeads }: SectionProps) {
  const client = useKommoClient();
  const { t, reference, locale } = useLeadsTableContext();
  const links = lead._embedded.catalog_elements;
  const byCatalog = useMemo(() => [...pageCatalogElementIds(batchLeads)], [batchLeads]);
  const results = useQueries({
    queries: links
      ? byCatalog
          .filter(([catalogId]) => links.some((l) => l.catalog_id === catalogId))
          .map(([catalogId, ids]) => entityQueries.catalogElements(client, catalogId, ids))
      : [],
  });
  if (links === undefined || links.length === 0) return <p className={classes.panelNone}>{t('panelNoProducts')}</p>;
  if (results.some((r) => r.isPending)) return <p className={classes.panelNone}>{t('panelLoading')}</p>;
  const failed = results.find((r) => r.isError);
  if (failed) return <p className={classes.panelText}>{t('panelLoadFailed', { detail: errorText(failed.error, t) })}</p>;
  const elements = new Map(results.flatMap((r) => r.data ?? []).map((e) => [`${e.catalog_id}:${e.id}`, e]));
  return (
    <ul className={classes.panelList}>
      {links.map((link) => {
        const element = elements.get(`${link.catalog_id}:${link.id}`);
        const catalog = link.catalog_id !== null ? reference.catalogs.get(link.catalog_id) : undefined;
        const price = element ? elementPrice(element, link.price_id) : null;
        return (
          <li key={`${link.catalog_id}:${link.id}`}>
            <strong>{element?.name ?? `#${link.id}`}</strong>
            <span className={classes.muted}> · {catalog?.name ?? `#${link.catalog_id}`}</span>
            <div>
              {link.quantity !== null ? t('panelQuantity', { quantity: formatNumber(link.quantity, locale) }) : null}
              {price !== null ? ` · ${formatMoney(price, reference.currency, locale)}` : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function LeadExpandedPanel({ lead, pageLeads, height, colSpan, variant }: LeadExpandedPanelProps) {
  const { t, reference } = useLeadsTableContext();
  const details = useLeadDetails(lead, pageLeads);
  const embeddedReason = details.status === 'ready' ? details.lead._embedded.loss_reason?.[0]?.name : lead._embedded.loss_reason?.[0]?.name;
  // loss_reason_id comes with every lead: the name is known from reference data even before the details.
  const lossReason = embeddedReason ?? (lead.loss_reason_id !== null ? reference.lossReasons.get(lead.loss_reason_id)?.name : undefined);
  return (
    <LeadPanelFrame lead={lead} height={height} colSpan={colSpan} variant={variant}>
      <div className={classes.panelGrid}>
        <Section title={t('panelContacts')}>
          <DetailsGate details={details}>{(full, batchLeads) => <ContactsSection lead={full} batchLeads={batchLeads} />}</DetailsGate>
        </Section>
        <Section title={t('panelCompany')}>
          <CompanySection lead={lead} pageLeads={pageLeads} />
        </Section>
        <Section title={t('panelTags')}>
          {lead._embedded.tags.length ? <TagsCell lead={lead} /> : <p className={classes.panelNone}>{t('panelNoTags')}</p>}
        </Section>
        <Section title={t('panelProducts')}>
          <DetailsGate details={details}>{(full, batchLeads) => <ProductsSection lead={full} batchLeads={batchLeads} />}</DetailsGate>
        </Section>
        <Section title={t('panelLossReason')}>
          <p className={lossReason ? classes.panelText : classes.panelNone}>{lossReason ?? t('panelNoLossReason')}</p>
        </Section>
        <Section title={t('panelCustomFields')} wide>
          {lead.custom_fields_values.length === 0 ? (
            <p className={classes.panelNone}>{t('panelNoFields')}</p>
          ) : (
            <dl className={classes.fields}>
              {lead.custom_fields_values.map((value) => {
                const definition = reference.customFieldsById.get(value.field_id);
                return (
                  <div key={value.field_id} className={classes.field}>
                    <dt>{definition?.name ?? value.field_name ?? `#${value.field_id}`}</dt>
                    <dd>
                      <CustomFieldValue value={value} definition={definition} />
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
        </Section>
      </div>
    </LeadPanelFrame>
  );
}
