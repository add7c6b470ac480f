// Where "open in Kommo" goes. Standalone: the real account's origin as the server knows it
// (/app-config.json; the demo account has no Kommo page, so no link). Embedded: the Kommo page the
// app is framed by, which is asked over the bridge to open the card in place.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useAppMode } from './app-mode-context';
import { kommoLeadUrl, requestOpenLead } from './kommo-lead-url';
import { serverQueries } from './server-queries';

export type KommoLeadLink =
  { kind: 'link'; href: (leadId: number) => string | null; open: ((leadId: number) => void) | null } | { kind: 'demo' } | { kind: 'pending' };

const PENDING: KommoLeadLink = { kind: 'pending' };
const DEMO: KommoLeadLink = { kind: 'demo' };

export function useKommoLeadLink(): KommoLeadLink {
  const mode = useAppMode();
  const standalone = mode.kind === 'standalone';
  const config = useQuery({ ...serverQueries.appConfig(), enabled: standalone });
  const base = standalone ? (config.data?.kommoBaseUrl ?? null) : mode.kind === 'embedded' ? mode.session.parentOrigin : null;
  return useMemo(() => {
    if (mode.kind === 'embedded') {
      const parentOrigin = mode.session.parentOrigin;
      return { kind: 'link', href: (id) => kommoLeadUrl(parentOrigin, id), open: (id) => requestOpenLead(window.parent, parentOrigin, id) };
    }
    // Unknown (still loading, or the settings could not be read): no link and no claim either way.
    if (standalone && (config.isPending || config.isError)) return PENDING;
    if (base === null) return DEMO;
    return { kind: 'link', href: (id) => kommoLeadUrl(base, id), open: null };
  }, [mode, standalone, config.isPending, config.isError, base]);
}
