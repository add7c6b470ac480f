// One plain line per endpoint Kommo refused this user for a missing right (a JSON 403): what shows
// as ids instead of names, and why. Nothing is stopped: the block message is for real blocks only.
// A chunk of its own, drawn by refused-endpoints-gate.tsx only once something was refused.
import { Alert, List } from '@mantine/core';
import { useKommoClientState } from '@/lib/api/kommo-client-context';
import { useMessages } from '@/lib/i18n/language-context';
import { refusedEndpointsMessages } from './refused-endpoints-messages';

type RefusedKey =
  | 'refusedUsers'
  | 'refusedSources'
  | 'refusedCatalogs'
  | 'refusedLossReasons'
  | 'refusedTags'
  | 'refusedContacts'
  | 'refusedCompanies'
  | 'refusedEvents';

const LINES: Record<string, RefusedKey> = {
  '/api/v4/users': 'refusedUsers',
  '/api/v4/sources': 'refusedSources',
  '/api/v4/catalogs': 'refusedCatalogs',
  '/api/v4/leads/loss_reasons': 'refusedLossReasons',
  '/api/v4/leads/tags': 'refusedTags',
  '/api/v4/contacts': 'refusedContacts',
  '/api/v4/companies': 'refusedCompanies',
  '/api/v4/events': 'refusedEvents',
};

export function RefusedEndpointsNotice() {
  const t = useMessages(refusedEndpointsMessages);
  // refused-endpoints-gate.tsx draws this only when something was refused and nothing is blocked.
  const { refused } = useKommoClientState();
  return (
    <Alert color="blue" variant="light" title={t('refusedTitle')} mx="sm" my={4} py={6} data-testid="refused-notice">
      <List size="sm" spacing={2}>
        {refused.map((path) => {
          const key = LINES[path];
          return <List.Item key={path}>{key ? t(key) : t('refusedOther', { path: path.replace('/api/v4/', '') })}</List.Item>;
        })}
      </List>
    </Alert>
  );
}
