// The local-copy panel's words on who keeps the copy and its last comparison with Kommo, from the
// engine's state, in the three languages.
import { describe, expect, it } from 'vitest';
import { formatMessage, type MessageValues } from '@/lib/i18n/define-messages';
import type { Language } from '@/lib/i18n/languages';
import type { LocalCopyState } from '@/lib/local-copy/local-copy-state';
import { localCopyMessages } from './local-copy-messages';
import { copySyncFacts, copySyncLines } from './local-copy-sync-facts';

const AT = Date.UTC(2026, 11, 7, 10, 42);
const clock = (ms: number) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(ms);
const tIn = (language: Language, locale: string) => (key: keyof typeof localCopyMessages.en, values?: MessageValues) =>
  formatMessage(localCopyMessages[language][key], values, locale);
const en = tIn('en', 'en-US');

type Facts = Pick<LocalCopyState, 'role' | 'stale' | 'lastCheck'>;
const check = (differing: number, repaired: number) => ({ at: AT, differing, repaired, requests: 3 });
const lines = (state: Facts, t = en) => copySyncLines(t, copySyncFacts(state), clock);

describe('who keeps the copy, and its last check against Kommo', () => {
  it('says which tab syncs: this one (it holds the lock) or another one whose copy this tab reads', () => {
    expect(lines({ role: 'syncing', stale: false, lastCheck: null }).syncer).toBe('This tab keeps the copy in step with Kommo.');
    expect(lines({ role: 'reading', stale: false, lastCheck: null }).syncer).toBe('Synced by another tab of this browser: this one reads its copy.');
  });

  it('says when the hourly check last ran, in the account’s clock, and what it found', () => {
    expect(lines({ role: 'syncing', stale: false, lastCheck: check(0, 0) }).check).toBe('Checked against Kommo at 10:42: the same.');
    expect(lines({ role: 'reading', stale: false, lastCheck: check(2, 1) }).check).toBe(
      'Checked against Kommo at 10:42: it differed, 1 lead repaired.',
    );
    expect(lines({ role: 'syncing', stale: false, lastCheck: check(1, 37) }).check).toBe(
      'Checked against Kommo at 10:42: it differed, 37 leads repaired.',
    );
    expect(lines({ role: 'syncing', stale: false, lastCheck: null }).check).toBe(
      'Not yet checked against Kommo: the hourly check follows the first refresh.',
    );
  });

  it('while a difference is found and not yet repaired, says so (whatever the last check said)', () => {
    expect(copySyncFacts({ role: 'syncing', stale: true, lastCheck: check(0, 0) }).check).toEqual({ kind: 'repairing' });
    expect(lines({ role: 'reading', stale: true, lastCheck: null }).check).toBe(
      'Checked against Kommo: it differs, repairing. Views come live from Kommo meanwhile.',
    );
  });

  it('speaks Spanish and Portuguese', () => {
    const es = tIn('es', 'es-ES');
    const pt = tIn('pt', 'pt-BR');
    expect(lines({ role: 'reading', stale: false, lastCheck: check(0, 0) }, es)).toEqual({
      syncer: 'La sincroniza otra pestaña de este navegador: esta lee su copia.',
      check: 'Comprobada con Kommo a las 10:42: igual.',
    });
    expect(lines({ role: 'syncing', stale: false, lastCheck: check(3, 2) }, pt)).toEqual({
      syncer: 'Esta aba mantém a cópia em dia com o Kommo.',
      check: 'Verificada com o Kommo às 10:42: havia diferenças, 2 leads corrigidos.',
    });
  });
});
