// Where a leads list is answered from: Kommo (live) or the local copy. The list query takes the source
// as an input and its key names it, so a view answered from the copy and the same view answered live
// are two entries: a list never mixes the two, and a change of source is a new list, never a flip inside one.
import type { LeadsView } from '@/kommo/leads-query';
import type { LeadsCursor, LocalLeadsChunk } from './leads-stream';

/** Reads `size` leads of a view from the copy, from the cursor's offset (0 for the first chunk). */
export type LocalViewRead = (view: LeadsView, cursor: LeadsCursor, size: number) => Promise<LocalLeadsChunk>;

export type LiveLeadsSource = { kind: 'live'; key: 'live' };
/** `key` names the copy (its database: origin, account and user), so two copies never share an entry. */
export type LocalLeadsSource = { kind: 'local'; key: `local:${string}`; read: LocalViewRead };
export type LeadsSource = LiveLeadsSource | LocalLeadsSource;

export const LIVE_SOURCE: LiveLeadsSource = { kind: 'live', key: 'live' };

/** A view the copy answers starts at offset 0 of the copy's answer. */
export const FIRST_LOCAL_CURSOR: LeadsCursor = { streams: [], localOffset: 0 };
