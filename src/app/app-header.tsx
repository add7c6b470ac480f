// The header: product name, account name, where the data comes from, language and theme.
import { ActionIcon, Badge, Group, NativeSelect, Text, Title, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useKommoClient } from '../lib/api/kommo-client-context';
import { referenceQueries } from '../lib/api/reference-queries';
import { ModeBadge } from '../lib/bridge/mode-badge';
import { useLanguage, useMessages } from '../lib/i18n/language-context';
import { LANGUAGE_NAMES, LANGUAGES, toLanguage } from '../lib/i18n/languages';
import { appMessages } from './app-messages';
import { useServerMode } from './use-server-mode';

export function AppHeader() {
  const t = useMessages(appMessages);
  const client = useKommoClient();
  const account = useQuery(referenceQueries.account(client));
  // Through the bridge (inside Kommo) there is no server of ours to ask: it is always a real account.
  const serverMode = useServerMode(client.transportKind === 'proxy');
  const mode = client.transportKind === 'bridge' ? 'real' : serverMode;
  const { language, setLanguage } = useLanguage();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
          {t('productName')}
        </Title>
        {account.data ? (
          <Text size="sm" truncate aria-label={t('accountLabel', { name: account.data.name })}>
            {account.data.name}
          </Text>
        ) : null}
        {mode ? (
          <Badge variant="default" leftSection={<span aria-hidden="true" style={{ color: mode === 'demo' ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-blue-6)' }}>●</span>}>
            {mode === 'demo' ? t('modeDemo') : t('modeKommo')}
          </Badge>
        ) : null}
        <ModeBadge />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <NativeSelect
          size="xs"
          aria-label={t('language')}
          value={language}
          onChange={(e) => {
            const next = toLanguage(e.currentTarget.value);
            if (next) setLanguage(next);
          }}
          data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        />
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={scheme === 'dark' ? t('themeToLight') : t('themeToDark')}
          onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
        >
          <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
        </ActionIcon>
      </Group>
    </Group>
  );
}
