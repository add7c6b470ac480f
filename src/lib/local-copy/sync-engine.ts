// What the walk, the refresh and the check share of the engine (createLocalCopySync builds it): its
// client, store and clocks, the copy's meta and state, writing a change, and each other, so that
// none of them imports another (a refresh may walk again; a walk ends with a refresh).
import type { LeadsQuery } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { KommoClient } from '@/lib/api/kommo-client';
import type { LeadsPageResult } from '@/lib/leads/leads-fetchers';
import type { KommoClock } from './kommo-clock';
import type { LocalCopyMeta, LocalCopyStore } from './local-copy-store';
import type { LocalCopyState } from './local-copy-state';

export type SyncEngine = {
  readonly client: KommoClient;
  /** The verified origin the copy belongs to. */
  readonly origin: string;
  readonly now: () => number;
  readonly kommoClock: KommoClock;
  /** The store in use (memory once the browser refused to keep the copy). */
  readonly store: LocalCopyStore;
  /** Where the copy stands, as last written or read; null before it is opened or after a reset. */
  meta: LocalCopyMeta | null;
  readonly state: LocalCopyState;
  set(patch: Partial<LocalCopyState>): void;
  /** Stores leads, removals and the meta in one write, and tells the other tabs. */
  write(upsert: readonly Lead[], remove: readonly number[], next: LocalCopyMeta, clear?: boolean): Promise<void>;
  /** A page of leads, counted as the engine's own request. */
  page(query: LeadsQuery, signal: AbortSignal): Promise<LeadsPageResult>;
  /** Requests made by the engine's other readers (events, the check), counted as its own. */
  countRequests(count: number): void;
  /** Requests this engine made so far. */
  readonly ownRequests: number;
  /** Steps aside while the user's own requests are coming in, so theirs go first in the limiter. */
  yieldToUser(signal: AbortSignal): Promise<void>;
  walk(signal: AbortSignal, eventsAfter?: number): Promise<void>;
  refresh(signal: AbortSignal): Promise<void>;
  check(signal: AbortSignal): Promise<void>;
};
