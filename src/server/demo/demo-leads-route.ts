// GET /api/v4/leads: every parameter of the seed, refused with 400 validation-errors on any issue.
import type { Hono } from 'hono';
import { DEFAULT_LIMIT } from '@/kommo/leads-query';
import { parseLeadsQuery } from '@/kommo/parse-leads-query';
import type { DemoData } from './demo-data';
import { halResponse, noContent, pageLinks, validationResponse } from './demo-responses';
import { deletedLeadToWire, leadToWire, type LeadWireLookups } from './lead-wire';
import { searchDeletedLeads, searchLeads, type LeadIndex } from './leads-search';
import { viewerOf, type DemoViewer } from './demo-context-user';

export type DemoRouteContext = {
  data: DemoData;
  index: LeadIndex;
  lookups: LeadWireLookups;
  nextRequestId: () => string;
  /** Viewers by context user id (see demo-context-user.ts). */
  viewers: Map<number, DemoViewer>;
};

const PATH = '/api/v4/leads';

export function registerLeadsRoute(app: Hono, ctx: DemoRouteContext): void {
  app.get(PATH, (c) => {
    const viewer = viewerOf(c, ctx.data, ctx.viewers);
    if (viewer instanceof Response) return viewer;
    const params = new URL(c.req.url).searchParams;
    const { query, issues } = parseLeadsQuery(params);
    const stageCount = query.filter?.statuses?.length ?? 0;
    // The seed: only one stage of one pipeline can be filtered per request.
    const extra =
      stageCount > 1
        ? [{ code: 'NotSupportedChoice', path: 'filter.statuses', detail: `only one (pipeline_id, status_id) pair per request; got ${stageCount}` }]
        : [];
    if (issues.length > 0 || extra.length > 0) return validationResponse(issues, ctx.nextRequestId(), extra);

    const page = query.page ?? 1;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const withs = new Set(query.with ?? []);
    const links = (hasNext: boolean) => pageLinks(PATH, params, page, limit, hasNext);
    if (withs.has('only_deleted')) {
      const result = searchDeletedLeads(ctx.index, query, page, limit);
      if (result.rows.length === 0) return noContent();
      return halResponse({ _page: page, _links: links(result.hasNext), _embedded: { leads: result.rows.map(deletedLeadToWire) } });
    }
    const result = searchLeads(ctx.index, query, page, limit, viewer?.mayViewLead);
    if (result.rows.length === 0) return noContent();
    return halResponse({
      _page: page,
      _links: links(result.hasNext),
      _embedded: { leads: result.rows.map((lead) => leadToWire(ctx.data, ctx.lookups, lead, withs)) },
    });
  });
}
