// Sorting by any column in the browser. Kommo orders a list only by id, created_at and updated_at,
// so every other column can be sorted only once the whole view is loaded (a page of a server order
// sorted by price would look sorted and be wrong). Values come from what the cells show: names for
// ids (stage by its place in the pipeline), numbers for amounts and dates; empty cells always last.
import type { Lead } from '../../../kommo/schemas';
import type { LocalSort } from '../../../lib/url-state/leads-url-codec';
import { CUSTOM_FIELD_COLUMN_PREFIX } from '../../../lib/leads-list/lead-column-registry';
import { findStage, type LeadReference } from '../../../lib/reference/lead-reference';

type SortValue = string | number | null;

const NUMBER_FIELD_TYPES = new Set(['numeric', 'price', 'monetary', 'date', 'date_time', 'birthday']);

function customFieldValue(lead: Lead, fieldId: number, ref: LeadReference): SortValue {
  const value = lead.custom_fields_values.find((v) => v.field_id === fieldId);
  const first = value?.values[0]?.value;
  if (first === undefined || first === null || first === '') return null;
  const type = ref.customFieldsById.get(fieldId)?.type ?? value?.field_type ?? '';
  if (NUMBER_FIELD_TYPES.has(type)) {
    const n = typeof first === 'number' ? first : Number(first);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof first === 'boolean') return first ? 1 : 0;
  if (typeof first === 'string' || typeof first === 'number') {
    // Several values (multiselect, multitext) sort by all of them, as the cell lists them.
    return (value?.values ?? []).map((v) => String(v.value ?? '')).join(', ');
  }
  return null;
}

function userName(ref: LeadReference, id: number | null): SortValue {
  if (id === null) return null;
  return ref.users.get(id)?.name ?? `#${id}`;
}

/** The value a column is sorted by, or null when the cell is empty. */
export function sortValueOf(lead: Lead, column: string, ref: LeadReference): SortValue {
  if (column.startsWith(CUSTOM_FIELD_COLUMN_PREFIX)) return customFieldValue(lead, Number(column.slice(CUSTOM_FIELD_COLUMN_PREFIX.length)), ref);
  switch (column) {
    case 'id':
      return lead.id;
    case 'name':
      return lead.name;
    case 'price':
    case 'created_at':
    case 'updated_at':
    case 'closed_at':
    case 'closest_task_at':
    case 'score':
    case 'labor_cost':
      return lead[column];
    case 'stage': {
      // Pipelines in their order, then stages in theirs: the order a manager sees in Kommo.
      const stage = findStage(ref, lead.pipeline_id, lead.status_id);
      return stage ? (stage.pipeline.sort ?? 0) * 100_000 + (stage.status.sort ?? 0) : null;
    }
    case 'pipeline':
      return lead.pipeline_id === null ? null : (ref.pipelines.get(lead.pipeline_id)?.name ?? `#${lead.pipeline_id}`);
    case 'responsible':
      return userName(ref, lead.responsible_user_id);
    case 'created_by':
      return userName(ref, lead.created_by);
    case 'updated_by':
      return userName(ref, lead.updated_by);
    case 'group':
      return lead.group_id === null ? null : (ref.groups.get(lead.group_id)?.name ?? `#${lead.group_id}`);
    case 'tags':
      return lead._embedded.tags.map((t) => t.name).join(', ') || null;
    case 'loss_reason':
      return (
        lead._embedded.loss_reason?.[0]?.name ?? (lead.loss_reason_id === null ? null : (ref.lossReasons.get(lead.loss_reason_id)?.name ?? null))
      );
    case 'products':
      return lead._embedded.catalog_elements?.length || null;
    case 'source':
      return lead.source_id;
    case 'price_by_robot':
      return lead.is_price_modified_by_robot === null ? null : Number(lead.is_price_modified_by_robot);
    default:
      return null;
  }
}

/** True for the columns the browser can sort (main contact and company need names fetched per page). */
export function isLocallySortable(column: string): boolean {
  return column !== 'expand' && column !== 'main_contact' && column !== 'company';
}

/** A sorted copy; ties and empty cells keep the loaded (server) order, empty cells last in both directions. */
export function sortLeads(leads: readonly Lead[], sort: LocalSort, ref: LeadReference, locale: string): Lead[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = leads.map((lead, index) => ({ lead, index, value: sortValueOf(lead, sort.column, ref) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.index - b.index;
      return a.value === null ? 1 : -1;
    }
    const diff = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
    return diff === 0 ? a.index - b.index : diff * sign;
  });
  return keyed.map((k) => k.lead);
}

const TEXT_COLUMNS = new Set(['name', 'stage', 'pipeline', 'responsible', 'created_by', 'updated_by', 'group', 'tags', 'loss_reason']);

/** The first click's direction: A to Z (or the pipeline's order) for names, largest or newest first for amounts and dates. */
export function firstSortDirection(column: string, ref: LeadReference): LocalSort['direction'] {
  if (TEXT_COLUMNS.has(column)) return 'asc';
  if (column.startsWith(CUSTOM_FIELD_COLUMN_PREFIX)) {
    const type = ref.customFieldsById.get(Number(column.slice(CUSTOM_FIELD_COLUMN_PREFIX.length)))?.type ?? '';
    return NUMBER_FIELD_TYPES.has(type) ? 'desc' : 'asc';
  }
  return 'desc';
}
