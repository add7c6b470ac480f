import { describe, expect, it } from 'vitest';
import { apiQueryIssues } from './api-query';

describe('apiQueryIssues: every API path reads only the query the app sends (issue 21 review)', () => {
  it('lets through what the app writes, brackets encoded or not', () => {
    expect(apiQueryIssues('/api/v4/contacts', 'filter%5Bid%5D%5B%5D=12&filter%5Bid%5D%5B%5D=13&limit=250')).toEqual([]);
    expect(apiQueryIssues('/api/v4/companies', 'filter[id][0]=7&limit=2')).toEqual([]);
    expect(apiQueryIssues('/api/v4/catalogs/5/elements', 'filter[id][]=1')).toEqual([]);
    expect(apiQueryIssues('/api/v4/catalogs/5/elements', 'page=2&limit=250')).toEqual([]);
    expect(apiQueryIssues('/api/v4/users', 'with=group&page=2&limit=250')).toEqual([]);
    expect(apiQueryIssues('/api/v4/account', 'with=datetime_settings%2Cusers_groups%2Cis_api_filter_enabled')).toEqual([]);
    expect(
      apiQueryIssues('/api/v4/events', 'filter%5Btype%5D=lead_deleted&filter%5Bentity%5D=lead&filter%5Bcreated_at%5D%5Bfrom%5D=0&page=1&limit=100'),
    ).toEqual([]);
    expect(apiQueryIssues('/api/v4/leads/pipelines', '')).toEqual([]);
    // The attention view's stage moves (stage-entry-fetchers.ts): ten leads a request.
    expect(
      apiQueryIssues(
        '/api/v4/events',
        'filter[type]=lead_status_changed&filter[entity]=lead&filter[entity_id][]=7&filter[entity_id][]=9&page=1&limit=100',
      ),
    ).toEqual([]);
  });

  it("refuses Kommo's full-text search on contacts and companies, paging them, and values the app never sends", () => {
    expect(apiQueryIssues('/api/v4/contacts', 'query=%2B5511')?.map((i) => i.param)).toEqual(['query']);
    expect(apiQueryIssues('/api/v4/companies', 'page=2&limit=250')?.map((i) => i.param)).toEqual(['page']);
    expect(apiQueryIssues('/api/v4/contacts', 'filter[id][]=abc&limit=251')?.map((i) => i.param)).toEqual(['filter[id][]', 'limit']);
    expect(apiQueryIssues('/api/v4/account', 'with=amojo_rights')?.map((i) => i.param)).toEqual(['with']);
    expect(apiQueryIssues('/api/v4/leads/pipelines', 'with=x')?.map((i) => i.param)).toEqual(['with']);
    expect(apiQueryIssues('/api/v4/contacts', 'filter[name]=Ana')?.map((i) => i.param)).toEqual(['filter[name]']);
    expect(apiQueryIssues('/api/v4/events', 'filter[entity_id][]=-1&filter[value_after][x]=1')?.map((i) => i.param)).toEqual([
      'filter[entity_id][]',
      'filter[value_after][x]',
    ]);
  });

  it('leaves the leads list to its own codec', () => {
    expect(apiQueryIssues('/api/v4/leads', 'query=x')).toBeNull();
  });
});
