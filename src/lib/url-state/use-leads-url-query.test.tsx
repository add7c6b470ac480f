// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { navigateToView, parseViewSearchCached, useLeadsUrlQuery } from './use-leads-url-query';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('useLeadsUrlQuery', () => {
  it('reads the view from the address bar and keeps it referentially stable', () => {
    window.history.replaceState(null, '', '/?filter[responsible_user_id][]=5&order[id]=asc');
    const { result, rerender } = renderHook(() => useLeadsUrlQuery());
    const first = result.current.query;
    expect(first).toEqual({ order: { field: 'id', direction: 'asc' }, filter: { responsible_user_id: [5] } });
    rerender();
    expect(result.current.query).toBe(first);
  });

  it('pushes a new history entry on setQuery and re-renders readers', () => {
    const { result } = renderHook(() => useLeadsUrlQuery());
    const before = window.history.length;
    act(() => result.current.setQuery({ query: 'acme', filter: { statuses: [{ pipeline_id: 1, status_id: 2 }] } }));
    expect(window.location.search).toBe('?query=acme&filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=2');
    expect(window.history.length).toBe(before + 1);
    expect(result.current.query.query).toBe('acme');
  });

  it('does not add a history entry for the view already shown', () => {
    window.history.replaceState(null, '', '/?query=x');
    const before = window.history.length;
    navigateToView({ query: 'x' });
    expect(window.history.length).toBe(before);
  });

  it('replaces the entry on request and drops paging', () => {
    const { result } = renderHook(() => useLeadsUrlQuery());
    const before = window.history.length;
    act(() => result.current.setQuery({ page: 3, limit: 10, order: { field: 'created_at', direction: 'desc' } }, { replace: true }));
    expect(window.location.search).toBe('?order[created_at]=desc');
    expect(window.history.length).toBe(before);
  });

  it('follows back and forward (popstate)', () => {
    window.history.replaceState(null, '', '/?query=a');
    const { result } = renderHook(() => useLeadsUrlQuery());
    act(() => {
      window.history.replaceState(null, '', '/?query=b');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(result.current.query.query).toBe('b');
  });

  it('lists what it ignored, including paging, and applies the rest', () => {
    const { query, issues } = parseViewSearchCached('?page=2&foo=1&query=ok');
    expect(query).toEqual({ query: 'ok' });
    expect(issues.map((i) => i.param).sort()).toEqual(['foo', 'page']);
  });

  it('keeps the hash when writing', () => {
    window.history.replaceState(null, '', '/leads#top');
    navigateToView({ query: 'z' });
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/leads?query=z#top');
  });
});
