// The companion endpoints: account, pipelines, users, contacts, companies, custom fields, loss
// reasons, tags, catalogs and their elements, sources.
import type { Context, Hono } from 'hono';
import type { RightLevel } from '@/kommo/lead-rights';
import type { DemoRouteContext } from './demo-leads-route';
import { parseListQuery, type ListQuery } from './list-query';
import { halResponse, noContent, pageLinks, problemResponse, validationResponse } from './demo-responses';
import { INSUFFICIENT_RIGHTS, viewerOf, type DemoViewer } from './demo-context-user';

const CUSTOM_FIELDS_PAGE_SIZE = 50;

type PageOf<T> = { rows: T[]; hasNext: boolean; total: number };

function pageOf<T>(items: readonly T[], q: ListQuery): PageOf<T> {
  const start = (q.page - 1) * q.limit;
  return { rows: items.slice(start, start + q.limit), hasNext: start + q.limit < items.length, total: items.length };
}

function withValues(c: Context): Set<string> {
  return new Set(
    (c.req.query('with') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/**
 * A paged collection: 204 for an empty page, else `_page`, `_links` and `_embedded[key]`, plus
 * `_total_items`/`_page_count` where Kommo sends them.
 */
function collection<T extends { id: number }>(
  ctx: DemoRouteContext,
  c: Context,
  key: string,
  all: readonly T[],
  options: { totals?: boolean; maxPageSize?: number; extraEmbedded?: Record<string, unknown> } = {},
): Response {
  const params = new URL(c.req.url).searchParams;
  const q = parseListQuery(params, options.maxPageSize === undefined ? {} : { maxPageSize: options.maxPageSize });
  if (q.issues.length > 0) return validationResponse(q.issues, ctx.nextRequestId());
  const ids = q.ids ? new Set(q.ids) : null;
  const items = ids ? all.filter((item) => ids.has(item.id)) : all;
  const page = pageOf(items, q);
  if (page.rows.length === 0) return noContent();
  return halResponse({
    ...(options.totals ? { _total_items: page.total, _page_count: Math.ceil(page.total / q.limit) } : {}),
    _page: q.page,
    _links: pageLinks(c.req.path, params, q.page, q.limit, page.hasNext),
    _embedded: { [key]: page.rows, ...options.extraEmbedded },
  });
}

/** Contacts and companies are generated on demand: page over the id range, or look ids up. */
function generatedCollection<T>(
  ctx: DemoRouteContext,
  c: Context,
  key: string,
  firstId: number,
  count: number,
  make: (id: number) => T | null,
): Response {
  const params = new URL(c.req.url).searchParams;
  const q = parseListQuery(params);
  if (q.issues.length > 0) return validationResponse(q.issues, ctx.nextRequestId());
  let rows: T[];
  let hasNext: boolean;
  if (q.ids) {
    const matches = [...new Set(q.ids)]
      .sort((a, b) => a - b)
      .flatMap((id) => {
        const entity = make(id);
        return entity ? [entity] : [];
      });
    ({ rows, hasNext } = pageOf(matches, q));
  } else {
    const start = (q.page - 1) * q.limit;
    rows = [];
    for (let i = start; i < Math.min(count, start + q.limit); i++) {
      const entity = make(firstId + i);
      if (entity) rows.push(entity);
    }
    hasNext = start + q.limit < count;
  }
  if (rows.length === 0) return noContent();
  return halResponse({ _page: q.page, _links: pageLinks(c.req.path, params, q.page, q.limit, hasNext), _embedded: { [key]: rows } });
}

function visibleTo<T extends { responsible_user_id?: number | null }>(viewer: DemoViewer, level: RightLevel, entity: T | null): T | null {
  return entity && viewer.mayViewOwned(level, entity.responsible_user_id) ? entity : null;
}

export function registerReferenceRoutes(app: Hono, ctx: DemoRouteContext, ids: { firstContactId: number; firstCompanyId: number }): void {
  const { data } = ctx;

  /** The request's viewer; the middleware in demo-account.ts has already refused a bad header. */
  const viewer = (c: Context): DemoViewer | null => {
    const v = viewerOf(c, data, ctx.viewers);
    return v instanceof Response ? null : v;
  };
  const forbidden = () => problemResponse(403, INSUFFICIENT_RIGHTS);

  app.get('/api/v4/account', (c) => {
    const withs = withValues(c);
    const me = viewer(c);
    // As Kommo's docs show it: datetime_settings and users_groups under _embedded, never at the top.
    const embedded = {
      ...(withs.has('users_groups') ? { users_groups: data.groups.map((g) => ({ id: g.id, name: g.name, uuid: null })) } : {}),
      ...(withs.has('datetime_settings') ? { datetime_settings: data.datetimeSettings } : {}),
    };
    return halResponse({
      ...data.account,
      // The user the request runs as: the context user when one is named (Kommo's current_user_id).
      ...(me ? { current_user_id: me.user.id } : {}),
      ...(withs.has('is_api_filter_enabled') ? { is_api_filter_enabled: true } : {}),
      ...(Object.keys(embedded).length > 0 ? { _embedded: embedded } : {}),
    });
  });

  app.get('/api/v4/leads/pipelines', () =>
    halResponse({
      _total_items: data.pipelines.length,
      _links: { self: { href: '/api/v4/leads/pipelines' } },
      _embedded: { pipelines: data.pipelines },
    }),
  );

  // Administrators only (Kommo's users docs: anyone else gets this 403 problem).
  app.get('/api/v4/users', (c) =>
    viewer(c)?.rights.isAdmin === false
      ? forbidden()
      : collection(ctx, c, 'users', withValues(c).has('group') ? data.usersWithGroups : data.users, { totals: true }),
  );

  // "In accordance with the user's rights": the demo applies the user's contacts (companies) view
  // right by each entity's responsible user, and leaves out the rest (fewer items or 204, never 403).
  app.get('/api/v4/contacts', (c) => {
    const me = viewer(c);
    const make = me ? (id: number) => visibleTo(me, me.contactsView, data.contact(id)) : data.contact;
    return generatedCollection(ctx, c, 'contacts', ids.firstContactId, data.contactCount, make);
  });
  app.get('/api/v4/companies', (c) => {
    const me = viewer(c);
    const make = me ? (id: number) => visibleTo(me, me.companiesView, data.company(id)) : data.company;
    return generatedCollection(ctx, c, 'companies', ids.firstCompanyId, data.companyCount, make);
  });

  app.get('/api/v4/leads/custom_fields', (c) =>
    collection(ctx, c, 'custom_fields', data.leadCustomFieldDefinitions, { totals: true, maxPageSize: CUSTOM_FIELDS_PAGE_SIZE }),
  );
  app.get('/api/v4/leads/loss_reasons', (c) => collection(ctx, c, 'loss_reasons', data.lossReasons, { totals: true }));
  app.get('/api/v4/leads/tags', (c) => {
    const search = c.req.query('query')?.trim().toLowerCase();
    const tags = search ? data.tags.filter((t) => t.name.toLowerCase().includes(search)) : data.tags;
    return collection(ctx, c, 'tags', tags);
  });
  // Lists (catalogs): users with access to lists only (Kommo's limitations; `rights.catalog_access`).
  app.get('/api/v4/catalogs', (c) => (viewer(c)?.catalogAccess === false ? forbidden() : collection(ctx, c, 'catalogs', data.catalogs)));
  app.get('/api/v4/catalogs/:id{[0-9]+}/elements', (c) => {
    if (viewer(c)?.catalogAccess === false) return forbidden();
    const elements = data.catalogElements.get(Number(c.req.param('id')));
    if (!elements) return problemResponse(404, 'No catalog with this id');
    return collection(ctx, c, 'elements', elements);
  });
  // Administrators only, by the Russian docs.
  app.get('/api/v4/sources', (c) =>
    viewer(c)?.rights.isAdmin === false ? forbidden() : collection(ctx, c, 'sources', data.sources, { totals: true }),
  );
}
