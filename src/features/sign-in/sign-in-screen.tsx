// The page a team server shows without a session (`/sign-in`): why signing in is needed, how to do
// it (from Kommo, "Open in a new tab"), why the last attempt was refused, and on the demo account
// its team to sign in as. The server sends every page navigation without a session here, with the
// link that was opened in `return`; nothing on this page calls the API.
import { Alert, Box, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { authQueries, returnPathOf } from '@/lib/auth/auth-session';
import { useMessages } from '@/lib/i18n/language-context';
import { DemoTeamList } from './demo-team-list';
import { signInMessages } from './sign-in-messages';

type SignInKey = keyof (typeof signInMessages)['en'];

function reasonKey(reason: string | null): SignInKey | null {
  const key = `reason_${reason ?? ''}`;
  return key in signInMessages.en ? (key as SignInKey) : null;
}

export type SignInScreenProps = { search: string };

export function SignInScreen({ search }: SignInScreenProps) {
  const t = useMessages(signInMessages);
  const session = useQuery(authQueries.session());
  const returnPath = returnPathOf(search);
  const reason = reasonKey(new URLSearchParams(search).get('reason'));
  const user = session.data?.user ?? null;

  return (
    <Box component="main" maw={640} mx="auto" p="lg">
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        {reason !== null && user === null && (
          <Alert color={reason === 'reason_signed-out' ? 'blue' : 'yellow'} role="status">
            {t(reason)}
          </Alert>
        )}
        {session.isPending && <Text c="dimmed">{t('loading')}</Text>}
        {session.isError && <Alert color="red">{t('unreachable')}</Alert>}
        {user !== null ? (
          <Stack gap="sm" align="flex-start">
            <Text>{t('signedInAs', { name: user.name })}</Text>
            <Button component="a" href={returnPath}>
              {t('continue')}
            </Button>
          </Stack>
        ) : (
          <>
            <Text>{t('explain')}</Text>
            <Text>{t('howTo')}</Text>
            {session.data?.accountUrl !== null && session.data?.accountUrl !== undefined && /^https?:\/\//.test(session.data.accountUrl) && (
              <Box>
                <Button component="a" href={`${session.data.accountUrl}/leads/`} variant="default" rel="noopener noreferrer">
                  {t('openKommo')}
                </Button>
              </Box>
            )}
            {session.data?.demoTeam === true && (
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('demoTitle')}
                  </Title>
                  <Text size="sm">{t('demoExplain')}</Text>
                  <DemoTeamList returnPath={returnPath} />
                </Stack>
              </Paper>
            )}
          </>
        )}
      </Stack>
    </Box>
  );
}
