// The stored and indexed form of a lead in the local copy's worker: the lead as compactLead leaves
// it, but its custom fields in one flat array whose field headers (id, name, code, type) and enum
// choices (label, enum_id, enum_code) are numbers into a dictionary the copy keeps once. At 100,000
// leads of ten fields each, those headers and choices were most of IndexedDB's bytes (the structured
// clone writes every key of every object) and of the worker's heap (five objects a field).
import type { CustomFieldValue } from '@/kommo/custom-field-schema';
import type { Lead } from '@/kommo/lead-schema';

type FieldValue = CustomFieldValue['values'][number];

export type PackedLead = Omit<Lead, 'custom_fields_values'> & { packed_fields: unknown[] };

/** Header: [field_id, field_name, field_code, field_type]; choice: [value, enum_id, enum_code]. Append-only. */
export type FieldDictionary = { headers: unknown[][]; choices: unknown[][] };

/** Value kinds in the flat array: a plain value, an enum choice, a catalog element, anything else as it is. */
const PLAIN = 0;
const CHOICE = 1;
const CATALOG = 2;
const RAW = 3;

const keyPart = (v: unknown) => (v === undefined ? 'u' : v === null ? 'n' : `${typeof v}:${String(v)}`);
const keysAre = (item: object, keys: readonly string[]) => {
  const own = Object.keys(item);
  return own.length === keys.length && keys.every((k) => own.includes(k));
};

export type FieldPacker = {
  readonly dictionary: FieldDictionary;
  /** True once entries were added since the last `saved()` (the dictionary must be written with the rows). */
  readonly dirty: boolean;
  saved(): void;
  pack(lead: Lead): PackedLead;
  unpack(lead: PackedLead): Lead;
};

export function createFieldPacker(initial: FieldDictionary = { headers: [], choices: [] }): FieldPacker {
  const dictionary: FieldDictionary = { headers: [...initial.headers], choices: [...initial.choices] };
  const headerIds = new Map<string, number>();
  const choiceIds = new Map<string, number>();
  dictionary.headers.forEach((h, i) => headerIds.set(h.map(keyPart).join('|'), i));
  dictionary.choices.forEach((c, i) => choiceIds.set(c.map(keyPart).join('|'), i));
  let dirty = false;

  const intern = (table: unknown[][], ids: Map<string, number>, entry: unknown[]) => {
    const key = entry.map(keyPart).join('|');
    const known = ids.get(key);
    if (known !== undefined) return known;
    table.push(entry);
    ids.set(key, table.length - 1);
    dirty = true;
    return table.length - 1;
  };

  function packValue(out: unknown[], item: FieldValue) {
    if (keysAre(item, ['value'])) out.push(PLAIN, item.value);
    else if (keysAre(item, ['value', 'enum_id', 'enum_code']))
      out.push(CHOICE, intern(dictionary.choices, choiceIds, [item.value, item.enum_id, item.enum_code]));
    else if (
      keysAre(item, ['value', 'catalog_id', 'catalog_element_id']) ||
      keysAre(item, ['value', 'catalog_id', 'catalog_element_id', 'unreadable'])
    )
      out.push(CATALOG, item.value, item.catalog_id, item.catalog_element_id, item.unreadable === true);
    else out.push(RAW, item);
  }

  return {
    dictionary,
    get dirty() {
      return dirty;
    },
    saved() {
      dirty = false;
    },
    pack(lead) {
      const { custom_fields_values: fields, ...rest } = lead;
      const packed: unknown[] = [];
      {
        for (const field of fields) {
          // Fields carry only these keys after compactLead; anything more would be lost, so it is kept whole.
          if (!keysAre(field, ['field_id', 'field_name', 'field_code', 'field_type', 'values'])) {
            packed.push(-1, field);
            continue;
          }
          packed.push(
            intern(dictionary.headers, headerIds, [field.field_id, field.field_name, field.field_code, field.field_type]),
            field.values.length,
          );
          for (const item of field.values) packValue(packed, item);
        }
      }
      return { ...rest, packed_fields: packed };
    },
    unpack(stored) {
      const { packed_fields: packed, ...rest } = stored;
      const fields: CustomFieldValue[] = [];
      let i = 0;
      while (i < packed.length) {
        const header = packed[i++] as number;
        if (header === -1) {
          fields.push(packed[i++] as CustomFieldValue);
          continue;
        }
        const [field_id, field_name, field_code, field_type] = dictionary.headers[header] as [number, string | null, string | null, string | null];
        const count = packed[i++] as number;
        const values: FieldValue[] = [];
        for (let v = 0; v < count; v++) {
          const kind = packed[i++];
          if (kind === PLAIN) values.push({ value: packed[i++] } as FieldValue);
          else if (kind === CHOICE) {
            const [value, enum_id, enum_code] = dictionary.choices[packed[i++] as number] as [unknown, number, string | null];
            values.push({ value, enum_id, enum_code } as FieldValue);
          } else if (kind === CATALOG) {
            const value = packed[i++];
            const catalog_id = packed[i++];
            const catalog_element_id = packed[i++];
            const unreadable = packed[i++] === true;
            values.push({ value, catalog_id, catalog_element_id, ...(unreadable ? { unreadable: true } : {}) } as FieldValue);
          } else values.push(packed[i++] as FieldValue);
        }
        fields.push({ field_id, field_name, field_code, field_type, values });
      }
      return { ...rest, custom_fields_values: fields };
    },
  };
}
