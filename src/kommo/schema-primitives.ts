// The pieces every Kommo schema is made of: Kommo's loose integers, its colours, its links and
// paged lists' own fields, and arrays that drop a bad item instead of failing the page.
// The schemas of src/kommo (one module per resource) are lenient on unknown fields (looseObject) and
// exact on what the product uses. zod/mini (functional API, tree-shakable): these schemas ship in the
// first bundle, and classic zod's methods cost about 18 KB gzipped there. Same core, so issues, paths
// and inferred types are the same.
import * as z from 'zod/mini';
import { parseLeniently } from './lenient-parse';

/** Kommo documents some integers as strings in places (score, labor_cost, closed_at...): accept both. */
export const looseInt = z.pipe(
  z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]),
  z.transform((v) => (typeof v === 'number' ? v : Number(v))),
);

export const nullableInt = z.pipe(
  z.optional(z.nullable(looseInt)),
  z.transform((v) => v ?? null),
);

/** Ids and dates where Kommo sends 0 for "none" (`loss_reason_id: 0`, `closed_at: 0`): read as null. */
export const zeroAsNull = z.pipe(
  z.optional(z.nullable(looseInt)),
  z.transform((v) => (v === 0 || v == null ? null : v)),
);

/**
 * A CSS colour from Kommo's hex code: tags send `"DDEBB5"` (no `#`), stages `"#fffeb2"`. Anything
 * that is not a 3/6/8-digit hex code is dropped rather than handed to a style attribute.
 */
export function hexColor(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const hex = value.trim().replace(/^#/, '');
  return /^([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex) ? `#${hex.toLowerCase()}` : null;
}

export const linkSchema = z.looseObject({ href: z.string() });

export const linksSchema = z.looseObject({
  self: z.optional(linkSchema),
  next: z.optional(linkSchema),
  prev: z.optional(linkSchema),
  first: z.optional(linkSchema),
});

export type Links = z.infer<typeof linksSchema>;

/**
 * A list whose items are read one by one: an item that does not fit is repaired (see
 * lenient-parse.ts) or, when even its id is unreadable, left out; the list itself never fails.
 */
export function lenientArray<S extends z.ZodMiniType>(
  item: S,
  onRepaired?: (value: z.output<S>, repaired: number) => z.output<S>,
): z.ZodMiniType<z.output<S>[], z.input<S>[]> {
  const list = z.pipe(
    z.array(z.unknown()),
    z.transform((items) => {
      const out: z.output<S>[] = [];
      for (const raw of items) {
        const result = parseLeniently(item, raw);
        if (result === null) continue;
        out.push(result.repaired > 0 && onRepaired ? onRepaired(result.data, result.repaired) : result.data);
      }
      return out;
    }),
  );
  // Typed by its items: the wire shape the demo account writes is the items' input.
  return list as unknown as z.ZodMiniType<z.output<S>[], z.input<S>[]>;
}

/** A paged list's own fields: the page and its links (no links on the last page: an empty object). */
export const pagingFields = {
  _page: z.optional(z.number()),
  _links: z.pipe(
    z.optional(linksSchema),
    z.transform((v) => v ?? {}),
  ),
};

/** The same, for the lists that also count their items and pages (users, custom fields). */
export const countedPagingFields = { _total_items: z.optional(z.number()), _page_count: z.optional(z.number()), ...pagingFields };
