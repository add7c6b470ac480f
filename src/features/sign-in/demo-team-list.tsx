// The demo's "Sign in as…": one form per team member, posted to the server, which mints the
// one-time token Kommo would give that person and signs in with it through the same checks.
import { Button, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '@/lib/auth/auth-session';
import { useMessages } from '@/lib/i18n/language-context';
import { signInMessages } from './sign-in-messages';

const ROLE_KEYS = ['owner', 'admin', 'sales-lead', 'team-manager', 'manager-own', 'manager-no-export'] as const;
type RoleKey = (typeof ROLE_KEYS)[number];
const isRole = (key: string): key is RoleKey => (ROLE_KEYS as readonly string[]).includes(key);

export function DemoTeamList({ returnPath }: { returnPath: string }) {
  const t = useMessages(signInMessages);
  const team = useQuery(authQueries.demoTeam());
  if (team.isPending) return <Text c="dimmed">{t('loading')}</Text>;
  if (team.isError) return <Text c="red">{t('unreachable')}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {team.data.team.map((member) => (
        <li key={member.id}>
          <form method="post" action="/auth/demo/sign-in">
            <input type="hidden" name="user_id" value={member.id} />
            <input type="hidden" name="return" value={returnPath} />
            <Button type="submit" variant="light" fullWidth justify="space-between" rightSection={null}>
              {t('signInAs', { name: member.name })}
            </Button>
            <Text size="xs" c="dimmed" mt={2}>
              {isRole(member.key) ? t(`role_${member.key}`) : t('role_other')}
            </Text>
          </form>
        </li>
      ))}
    </Stack>
  );
}
