// What the local-copy panel says about who keeps the copy and its last comparison with Kommo: which
// tab of this browser syncs it (one holds its Web Lock, the others read what it writes), and when the
// hourly anti-entropy check last ran and what it found. Pure, so each wording is tested from a state.
import type { MessageValues } from '@/lib/i18n/define-messages';
import type { LocalCopyState } from '@/lib/local-copy/local-copy-state';
import type { localCopyMessages } from './local-copy-messages';

export type CopySyncer = 'this-tab' | 'other-tab';

export type CopyCheckFact =
  /** No comparison yet (the first one follows the first walk's refresh). */
  | { kind: 'never' }
  /** A comparison found a difference and its repair is not written yet: views go live meanwhile. */
  | { kind: 'repairing' }
  | { kind: 'same'; at: number }
  | { kind: 'repaired'; at: number; leads: number };

export type CopySyncFacts = { syncer: CopySyncer; check: CopyCheckFact };

export function copySyncFacts(state: Pick<LocalCopyState, 'role' | 'stale' | 'lastCheck'>): CopySyncFacts {
  const syncer: CopySyncer = state.role === 'reading' ? 'other-tab' : 'this-tab';
  const last = state.lastCheck;
  if (state.stale) return { syncer, check: { kind: 'repairing' } };
  if (last === null) return { syncer, check: { kind: 'never' } };
  if (last.differing === 0) return { syncer, check: { kind: 'same', at: last.at } };
  return { syncer, check: { kind: 'repaired', at: last.at, leads: last.repaired } };
}

type T = (key: keyof typeof localCopyMessages.en, values?: MessageValues) => string;

/** The panel's two lines; `clock` writes a time as the account's wall clock (HH:MM). */
export function copySyncLines(t: T, facts: CopySyncFacts, clock: (ms: number) => string): { syncer: string; check: string } {
  const syncer = facts.syncer === 'other-tab' ? t('syncedByOtherTab') : t('syncedByThisTab');
  const { check } = facts;
  switch (check.kind) {
    case 'never':
      return { syncer, check: t('checkNever') };
    case 'repairing':
      return { syncer, check: t('checkRepairing') };
    case 'same':
      return { syncer, check: t('checkSame', { time: clock(check.at) }) };
    case 'repaired':
      return { syncer, check: t('checkRepaired', { time: clock(check.at), count: check.leads }) };
  }
}
