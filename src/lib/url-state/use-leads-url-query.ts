// The URL is the single source of truth for the view. Components read it through this hook and
// write it with setQuery; back/forward (popstate) and our own pushState both re-render readers.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { LeadsQuery, LeadsView, QueryIssue } from '../../kommo/leads-query';
import { parseViewSearch, viewHref, viewSearch, type ParsedLeadsView } from './leads-url-codec';

const URL_CHANGE_EVENT = 'klb:urlchange';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(URL_CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(URL_CHANGE_EVENT, onChange);
  };
}

function getSearch(): string {
  return window.location.search;
}

function getServerSearch(): string {
  return '';
}

// One entry per distinct search string seen recently, so every reader gets the same object while
// the string is unchanged and React Query keys built from it do not churn. Bounded: back/forward
// between a handful of views stays cached, a long session does not grow it.
const CACHE_SIZE = 16;
const cache = new Map<string, ParsedLeadsView>();

/** The parsed view for a search string; the same object for the same string. */
export function parseViewSearchCached(search: string): ParsedLeadsView {
  const hit = cache.get(search);
  if (hit) {
    cache.delete(search);
    cache.set(search, hit);
    return hit;
  }
  const parsed = parseViewSearch(search);
  cache.set(search, parsed);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return parsed;
}

export type SetQueryOptions = { replace?: boolean };

/**
 * Writes a view into the address bar (push by default, replace on request) and notifies readers.
 * Writing the view already shown does nothing, so Apply twice does not add history entries.
 */
export function navigateToView(next: LeadsQuery, options?: SetQueryOptions): void {
  const search = viewSearch(next, window.location.search);
  const current = window.location.search.replace(/^\?/, '');
  if (search === current) return;
  const href = viewHref(next, window.location);
  if (options?.replace) window.history.replaceState(window.history.state, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(URL_CHANGE_EVENT));
}

export type LeadsUrlQuery = {
  query: LeadsView;
  issues: QueryIssue[];
  setQuery(next: LeadsQuery, options?: SetQueryOptions): void;
};

export function useLeadsUrlQuery(): LeadsUrlQuery {
  const search = useSyncExternalStore(subscribe, getSearch, getServerSearch);
  const { query, issues } = parseViewSearchCached(search);
  const setQuery = useCallback((next: LeadsQuery, options?: SetQueryOptions) => navigateToView(next, options), []);
  return useMemo(() => ({ query, issues, setQuery }), [query, issues, setQuery]);
}
