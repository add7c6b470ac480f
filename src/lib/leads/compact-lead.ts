// Leads as the list keeps them: a hundred thousand of them stay in memory, so each parsed lead is
// rebuilt with one fixed shape (zod's loose objects end up as large dictionary-mode objects), keeps
// only the fields the product reads (unknown keys and per-item `_links` are dropped), shares the
// strings that repeat across leads (custom field names, codes and types, enum labels, tag names)
// and shares one frozen empty array for the lists most leads leave empty.
import type { CustomFieldValue } from '@/kommo/custom-field-schema';
import type { Lead } from '@/kommo/lead-schema';
import type { Tag } from '@/kommo/tag-schema';

type Embedded = Lead['_embedded'];
type EnumValue = CustomFieldValue['values'][number];

/** Past this many distinct strings the pool stops growing: later strings are kept as they are. */
const MAX_POOLED_STRINGS = 20_000;
const pool = new Map<string, string>();

/** The shared instance of a string that repeats across leads (bounded, so unique texts cannot grow it forever). */
export function pooledString<T extends string | null | undefined>(value: T): T {
  if (typeof value !== 'string') return value;
  const shared = pool.get(value);
  if (shared !== undefined) return shared as T;
  if (pool.size < MAX_POOLED_STRINGS) pool.set(value, value);
  return value;
}

// Never mutated: parsed leads are read-only data for React.
const EMPTY: never[] = [];
Object.freeze(EMPTY);
const emptyOr = <T>(list: T[]): T[] => (list.length === 0 ? EMPTY : list);

function compactEnumValue(item: EnumValue): EnumValue {
  // Enum labels repeat across leads; free text and numbers do not, and are kept as they are.
  const value = item.enum_id != null && typeof item.value === 'string' ? pooledString(item.value) : item.value;
  // chained_list items carry a catalog element instead of a value; an unreadable item keeps its flag.
  if (item.catalog_element_id != null || item.unreadable) {
    return {
      value,
      catalog_id: item.catalog_id,
      catalog_element_id: item.catalog_element_id,
      ...(item.unreadable ? { unreadable: true as const } : {}),
    };
  }
  if (item.enum_id == null && item.enum_code == null) return { value };
  return { value, enum_id: item.enum_id, enum_code: pooledString(item.enum_code) };
}

function compactCustomField(field: CustomFieldValue): CustomFieldValue {
  return {
    field_id: field.field_id,
    field_name: pooledString(field.field_name),
    field_code: pooledString(field.field_code),
    field_type: pooledString(field.field_type),
    values: emptyOr(field.values.map(compactEnumValue)),
  };
}

function compactTag(tag: Tag): Tag {
  return { id: tag.id, name: pooledString(tag.name), color: pooledString(tag.color) };
}

function compactEmbedded(embedded: Embedded): Embedded {
  // Every key present (undefined when Kommo did not send it): one shape for all leads.
  return {
    tags: emptyOr(embedded.tags.map(compactTag)),
    companies: emptyOr(embedded.companies.map((c) => ({ id: c.id }))),
    contacts: embedded.contacts && emptyOr(embedded.contacts.map((c) => ({ id: c.id, is_main: c.is_main }))),
    loss_reason: embedded.loss_reason?.map((r) => ({
      id: r.id,
      name: pooledString(r.name),
      sort: r.sort,
      created_at: r.created_at,
      updated_at: r.updated_at,
    })),
    catalog_elements: embedded.catalog_elements && emptyOr(embedded.catalog_elements),
    source: embedded.source,
  };
}

/** The same lead, as the product reads it, in a compact fixed shape. */
export function compactLead(lead: Lead): Lead {
  const compact: Lead = {
    id: lead.id,
    name: lead.name,
    price: lead.price,
    responsible_user_id: lead.responsible_user_id,
    group_id: lead.group_id,
    status_id: lead.status_id,
    pipeline_id: lead.pipeline_id,
    loss_reason_id: lead.loss_reason_id,
    source_id: lead.source_id,
    created_by: lead.created_by,
    updated_by: lead.updated_by,
    created_at: lead.created_at,
    updated_at: lead.updated_at,
    closed_at: lead.closed_at,
    closest_task_at: lead.closest_task_at,
    is_deleted: lead.is_deleted,
    custom_fields_values: emptyOr(lead.custom_fields_values.map(compactCustomField)),
    score: lead.score,
    account_id: lead.account_id,
    labor_cost: lead.labor_cost,
    is_price_modified_by_robot: lead.is_price_modified_by_robot,
    _embedded: compactEmbedded(lead._embedded),
    unreadable: lead.unreadable,
  };
  return compact;
}
