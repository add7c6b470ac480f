// The columns of the app's default view (its visible base columns, then one per lead custom field),
// as plain text for the references. Names come from the same reference data and formatters as the
// app; contacts and companies show their ids, since the references do not fetch /contacts.
import type { Lead } from '../../src/kommo/lead-schema';
import { formatDate, formatDateTime, formatMoney } from '../../src/lib/leads-list/lead-formatters';
import { buildLeadReference, findStage, type LeadReference } from '../../src/lib/reference-data/lead-reference';
import type { ReferenceData } from './load-reference-leads';

export type ReferenceColumn = { id: string; header: string; width: number; end?: boolean; text: (lead: Lead) => string };

const LOCALE = 'en';
const DATE_TYPES = new Set(['date', 'date_time', 'birthday']);

function customFieldText(lead: Lead, fieldId: number, type: string, ref: LeadReference): string {
  const value = lead.custom_fields_values.find((v) => v.field_id === fieldId);
  if (!value) return '';
  return value.values
    .map((v) => {
      if (DATE_TYPES.has(type) && typeof v.value === 'number') return formatDate(v.value, ref.timeZone, LOCALE);
      if (typeof v.value === 'boolean') return v.value ? 'Yes' : 'No';
      return typeof v.value === 'string' || typeof v.value === 'number' ? String(v.value) : '';
    })
    .join(', ');
}

export function buildReferenceColumns(data: ReferenceData): ReferenceColumn[] {
  const ref = buildLeadReference({ ...data, groups: [] });
  const userName = (id: number | null) => (id === null ? '' : (ref.users.get(id)?.name ?? `#${id}`));
  const dateTime = (seconds: number | null) => formatDateTime(seconds, ref.timeZone, LOCALE);
  const base: ReferenceColumn[] = [
    { id: 'name', header: 'Name', width: 260, text: (l) => l.name ?? '' },
    { id: 'id', header: 'ID', width: 100, end: true, text: (l) => String(l.id) },
    { id: 'price', header: 'Price', width: 130, end: true, text: (l) => formatMoney(l.price, ref.currency, LOCALE) },
    {
      id: 'stage',
      header: 'Stage',
      width: 240,
      text: (l) => {
        const stage = findStage(ref, l.pipeline_id, l.status_id);
        return stage ? `${stage.status.name} · ${stage.pipeline.name}` : '';
      },
    },
    { id: 'responsible', header: 'Responsible', width: 180, text: (l) => userName(l.responsible_user_id) },
    { id: 'created_at', header: 'Created at', width: 160, text: (l) => dateTime(l.created_at) },
    { id: 'updated_at', header: 'Updated at', width: 160, text: (l) => dateTime(l.updated_at) },
    { id: 'closed_at', header: 'Closed at', width: 160, text: (l) => dateTime(l.closed_at) },
    { id: 'tags', header: 'Tags', width: 200, text: (l) => l._embedded.tags.map((t) => t.name).join(', ') },
    {
      id: 'main_contact',
      header: 'Main contact',
      width: 180,
      text: (l) => {
        const contact = l._embedded.contacts?.find((c) => c.is_main) ?? l._embedded.contacts?.[0];
        return contact ? `#${contact.id}` : '';
      },
    },
    { id: 'company', header: 'Company', width: 180, text: (l) => (l._embedded.companies[0] ? `#${l._embedded.companies[0].id}` : '') },
    {
      id: 'loss_reason',
      header: 'Loss reason',
      width: 180,
      text: (l) => (l.loss_reason_id === null ? '' : (ref.lossReasons.get(l.loss_reason_id)?.name ?? '')),
    },
    { id: 'products', header: 'Products', width: 110, end: true, text: (l) => String(l._embedded.catalog_elements?.length ?? '') },
  ];
  const custom = ref.customFields.map((field): ReferenceColumn => ({
    id: `cf_${field.id}`,
    header: field.name,
    width: field.type === 'textarea' || field.type === 'multiselect' ? 220 : 160,
    end: field.type === 'numeric',
    text: (l) => customFieldText(l, field.id, field.type, ref),
  }));
  return [...base, ...custom];
}
