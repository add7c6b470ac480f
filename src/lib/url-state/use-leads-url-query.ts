// The URL is the single source of truth for the view. Components read it through this hook and
// write it with setQuery; back/forward (popstate) and our own pushState both re-render readers.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { LeadsQuery, LeadsView, QueryIssue } from '@/kommo/leads-query';
import { parseViewSearch, readLocalSort, viewHref, viewSearch, withLocalSort, type LocalSort, type ParsedLeadsView } from './leads-url-codec';

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

export type LocalSortState = {
  /** The browser-side sort the URL asks for (see SORT_PARAM), or null. */
  sort: LocalSort | null;
  /** Writes (or with null removes) the sort, leaving the view alone: a history entry, like any view change. */
  setSort(next: LocalSort | null, options?: SetQueryOptions): void;
};

const sortCache = new Map<string, LocalSort | null>();
function readLocalSortCached(search: string): LocalSort | null {
  if (!sortCache.has(search)) {
    if (sortCache.size > CACHE_SIZE) sortCache.clear();
    sortCache.set(search, readLocalSort(search));
  }
  return sortCache.get(search) ?? null;
}

export function navigateToLocalSort(next: LocalSort | null, options?: SetQueryOptions): void {
  const current = window.location.search.replace(/^\?/, '');
  const search = withLocalSort(current, next);
  if (search === current) return;
  const href = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
  if (options?.replace) window.history.replaceState(window.history.state, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(URL_CHANGE_EVENT));
}

export function useLocalSort(): LocalSortState {
  const search = useSyncExternalStore(subscribe, getSearch, getServerSearch);
  const sort = readLocalSortCached(search);
  const setSort = useCallback((next: LocalSort | null, options?: SetQueryOptions) => navigateToLocalSort(next, options), []);
  return useMemo(() => ({ sort, setSort }), [sort, setSort]);
}
