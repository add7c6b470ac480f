// Builds the wire JSON of a lead as Kommo sends it: fields that need `with` appear only with it,
// `_embedded.tags` and `_embedded.companies` always.
import type { LeadWith } from '@/kommo/leads-query';
import type { LeadWire } from '@/kommo/lead-schema';
import { DEMO_ACCOUNT_ID, type LossReasonWire, type TagWire } from './demo-reference';
import type { DemoData, DemoDeletedLead, DemoLead } from './demo-data';

export type LeadWireLookups = { tags: Map<number, TagWire>; lossReasons: Map<number, LossReasonWire> };

export function createLeadWireLookups(data: DemoData): LeadWireLookups {
  return {
    tags: new Map(data.tags.map((t) => [t.id, t])),
    lossReasons: new Map(data.lossReasons.map((l) => [l.id, l])),
  };
}

export function leadToWire(data: DemoData, lookups: LeadWireLookups, lead: DemoLead, withs: ReadonlySet<LeadWith>): LeadWire {
  const embedded: NonNullable<LeadWire['_embedded']> & Record<string, unknown> = {
    tags: lead.tagIds.flatMap((id) => {
      const tag = lookups.tags.get(id);
      return tag ? [{ id: tag.id, name: tag.name, color: tag.color ?? null }] : [];
    }),
    companies: lead.companyId === null ? [] : [{ id: lead.companyId, _links: { self: { href: `/api/v4/companies/${lead.companyId}` } } }],
  };
  if (withs.has('contacts')) {
    embedded.contacts = lead.contactIds.map((id, i) => ({ id, is_main: i === 0, _links: { self: { href: `/api/v4/contacts/${id}` } } }));
  }
  if (withs.has('loss_reason') && lead.loss_reason_id !== null) {
    const reason = lookups.lossReasons.get(lead.loss_reason_id);
    if (reason) embedded.loss_reason = [reason];
  }
  if (withs.has('catalog_elements')) {
    embedded.catalog_elements = lead.catalogElements.map((e) => ({ id: e.id, metadata: { quantity: e.quantity, catalog_id: e.catalog_id } }));
  }
  // Key order follows Kommo's responses, so a captured real page and a demo page diff cleanly.
  return {
    id: lead.id,
    name: lead.name,
    price: lead.price,
    // Newer accounts send the price with its fraction too (amocrm-api-php LeadModel reads it first).
    price_with_minor_units: lead.price + minorUnits(lead.id, lead.price),
    responsible_user_id: lead.responsible_user_id,
    group_id: lead.group_id,
    status_id: lead.status_id,
    pipeline_id: lead.pipeline_id,
    loss_reason_id: lead.loss_reason_id,
    ...(withs.has('source_id') || withs.has('source') ? { source_id: lead.source_id } : {}),
    created_by: lead.created_by,
    updated_by: lead.updated_by,
    created_at: lead.created_at,
    updated_at: lead.updated_at,
    closed_at: lead.closed_at,
    closest_task_at: lead.closest_task_at,
    is_deleted: false,
    custom_fields_values: data.leadCustomFields(lead),
    score: lead.score,
    account_id: DEMO_ACCOUNT_ID,
    labor_cost: lead.labor_cost,
    ...(withs.has('is_price_modified_by_robot') ? { is_price_modified_by_robot: lead.is_price_modified_by_robot } : {}),
    _links: { self: { href: `/api/v4/leads/${lead.id}` } },
    _embedded: embedded,
  };
}

/** Cents for about one lead in three (deterministic by id), so prices with a fraction show on every page. */
function minorUnits(id: number, price: number): number {
  return price > 0 && id % 3 === 0 ? (((id * 37) % 99) + 1) / 100 : 0;
}

const NULL_LEAD_FIELDS = [
  'name',
  'price',
  'responsible_user_id',
  'group_id',
  'status_id',
  'pipeline_id',
  'loss_reason_id',
  'created_by',
  'updated_by',
  'created_at',
  'closed_at',
  'closest_task_at',
  'custom_fields_values',
  'score',
  'account_id',
  'labor_cost',
] as const;

/** with=only_deleted: id, updated_at, is_deleted: true; every other field null. */
export function deletedLeadToWire(lead: DemoDeletedLead): LeadWire {
  const wire: LeadWire & Record<string, unknown> = { id: lead.id, updated_at: lead.updated_at, is_deleted: true };
  for (const key of NULL_LEAD_FIELDS) wire[key] = null;
  wire._links = { self: { href: `/api/v4/leads/${lead.id}` } };
  wire._embedded = null;
  return wire;
}
