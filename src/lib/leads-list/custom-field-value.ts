// A lead's custom field value as a column value, by the field's type: select labels from the field's
// options, checkboxes as yes/no, numbers as numbers, dates in the account's zone, chained-list
// elements by name. The table, the browser sort and the files all read it from here.
import { chainedElement, UNREADABLE_MARK, valueToText } from '@/kommo/custom-field-value-data';
import type { CustomFieldDefinition, CustomFieldValue } from '@/kommo/custom-field-schema';
import { valueToSeconds } from '@/lib/time/kommo-dates';
import { catalogElementKey, type ColumnContext } from './column-context';
import { EMPTY, listOf, PENDING, text, type ColumnValue } from './column-value';

type Item = CustomFieldValue['values'][number];

/** Field types whose values are numbers or dates: sorted as numbers, largest or newest first. */
export const NUMERIC_FIELD_TYPES: ReadonlySet<string> = new Set(['numeric', 'price', 'monetary', 'date', 'date_time', 'birthday']);

/** The type a value is read as: the value's own, else its field's. */
export function fieldTypeOf(value: CustomFieldValue | undefined, field: CustomFieldDefinition | undefined): string {
  return value?.field_type ?? field?.type ?? 'text';
}

/** An option's label: the value Kommo sent, else the field's option with that enum id. */
function enumLabel(item: Item, field: CustomFieldDefinition | undefined): string {
  if (typeof item.value === 'string' && item.value) return item.value;
  const fromField = field?.enums.find((e) => e.id === item.enum_id)?.value;
  return fromField ?? valueToText(item.value);
}

/** A chained-list element by name (fetched with the leads' catalog elements), `#id` when gone. */
function chainedName(item: Item, ctx: ColumnContext): ColumnValue | null {
  const chained = chainedElement(item);
  if (!chained || item.value !== undefined) return null;
  const element = ctx.entities.catalogElements.get(catalogElementKey(chained.catalogId, chained.elementId));
  if (element?.name) return text(element.name);
  if (ctx.entities.pending?.has('catalogElements')) return PENDING;
  return text(`#${chained.elementId}`);
}

function itemValue(item: Item, ctx: ColumnContext): ColumnValue {
  if (item.unreadable) return text(UNREADABLE_MARK);
  return chainedName(item, ctx) ?? text(valueToText(item.value));
}

function numberOf(item: Item): ColumnValue {
  const raw = valueToText(item.value).trim();
  const n = Number(raw);
  return raw !== '' && Number.isFinite(n) ? { kind: 'number', value: n } : text(raw);
}

export function customFieldValue(value: CustomFieldValue | undefined, field: CustomFieldDefinition | undefined, ctx: ColumnContext): ColumnValue {
  if (!value || value.values.length === 0) return EMPTY;
  const items = value.values;
  if (items.some((i) => i.unreadable)) return listOf(items.map((i) => itemValue(i, ctx)));
  const zone = ctx.ref.timeZone;
  const seconds = (i: Item) => valueToSeconds(i.value, zone);
  switch (fieldTypeOf(value, field)) {
    case 'checkbox':
      return text(items.some((i) => i.value === true || i.value === 'true' || i.value === 1) ? ctx.text('yes') : ctx.text('no'));
    case 'numeric':
      return numberOf(items[0] as Item);
    case 'date':
    case 'birthday': {
      const birthday = fieldTypeOf(value, field) === 'birthday';
      return listOf(items.map((i) => nullable(seconds(i), (s) => (birthday ? { kind: 'day', seconds: s, birthday } : { kind: 'day', seconds: s }))));
    }
    case 'date_time':
      return listOf(items.map((i) => nullable(seconds(i), (s) => ({ kind: 'instant', seconds: s }))));
    case 'select':
    case 'radiobutton':
    case 'category':
    case 'multiselect':
      return listOf(items.map((i) => text(enumLabel(i, field))));
    default:
      return listOf(items.map((i) => itemValue(i, ctx)));
  }
}

function nullable(seconds: number | null, make: (s: number) => ColumnValue): ColumnValue {
  return seconds === null ? EMPTY : make(seconds);
}
