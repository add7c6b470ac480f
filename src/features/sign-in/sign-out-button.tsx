// The header's "Signed in as … · Sign out" on a team server; nothing without sign-in.
import { Button, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '@/lib/auth/auth-session';
import { useMessages } from '@/lib/i18n/language-context';
import { sessionMessages } from './session-messages';

export function SignOutButton() {
  const t = useMessages(sessionMessages);
  const session = useQuery(authQueries.session());
  const user = session.data?.user ?? null;
  if (session.data?.auth !== 'kommo' || user === null) return null;
  return (
    <form method="post" action="/auth/sign-out" style={{ display: 'contents' }}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" visibleFrom="sm" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 180 }}>
          {t('signedInAs', { name: user.name })}
        </Text>
        <Button type="submit" size="xs" variant="default">
          {t('signOut')}
        </Button>
      </Group>
    </form>
  );
}
