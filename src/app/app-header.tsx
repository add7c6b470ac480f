// The header: product name, one badge for where the data comes from (demo, a Kommo account, or
// inside Kommo), language and theme. At narrow widths the badge truncates first, then the title; on a
// phone the badge is left out.
import { ActionIcon, Box, Group, NativeSelect, Title, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';
import { ModeBadge, type StandaloneUpstream } from '@/lib/embedded-ui/mode-badge';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { LANGUAGE_NAMES, LANGUAGES, toLanguage } from '@/lib/i18n/languages';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';
import { appMessages } from './app-messages';
import { useServerMode } from './use-server-mode';

// Issue 16 seam: the local copy's control (sync progress, local or live, forget). A chunk of its own:
// the first rows never wait for the sync engine, which starts as soon as the chunk arrives.
// "Signed in as … · Sign out" (a team server) and "Open in a new tab" (inside Kommo): chunks, since a
// standalone dashboard without sign-in draws neither.
const signOutButton = lazyChunk(() => import('@/features/sign-in/sign-out-button').then((m) => m.SignOutButton));
const openInNewTabButton = lazyChunk(() => import('@/features/sign-in/open-in-new-tab-button').then((m) => m.OpenInNewTabButton));

const localCopyControl = lazyChunk(() => import('@/features/local-copy/local-copy-control').then((m) => m.LocalCopyControl));

const ACCOUNT = ['account'] as const;
const TITLE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 } as const;
// On a phone the title keeps the width of its longest word pair ("Kommo Leads"): the controls beside it
// give way instead (the local copy's button wraps its words), whatever the language makes them.
const PHONE_TITLE = {
  minWidth: '7.5em',
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
} as const;

export function AppHeader() {
  const t = useMessages(appMessages);
  const client = useKommoClient();
  const { account } = useReferenceData(ACCOUNT).data;
  // Through the bridge (inside Kommo) there is no server of ours to ask: it is always a real account.
  const server = useServerMode(client.transportKind === 'proxy');
  const upstream: StandaloneUpstream = client.transportKind === 'bridge' ? 'real' : server.isPending ? 'pending' : (server.mode ?? 'real');
  const { language, setLanguage } = useLanguage();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  // A phone: the title takes two short lines instead of shrinking to "Komm…", and the language shows its code.
  const phone = useMediaQuery('(max-width: 40em)') ?? false;

  return (
    <Group h="100%" px="md" gap="sm" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: phone ? PHONE_TITLE.minWidth : 0, flex: 1 }}>
        <Title order={1} size={phone ? 'h5' : 'h4'} lh={phone ? 1.15 : undefined} style={phone ? PHONE_TITLE : TITLE}>
          {t('productName')}
        </Title>
        {/* On a phone the title and the header's controls take the row; the badge would sit under them. */}
        <Box visibleFrom="xs" style={{ minWidth: 0 }}>
          <ModeBadge upstream={upstream} accountName={account?.name ?? null} />
        </Box>
      </Group>
      <Group gap="xs" wrap="nowrap" style={phone ? { flexShrink: 1, minWidth: 0 } : { flexShrink: 0 }}>
        <ChunkBoundary compact>
          <localCopyControl.Component />
        </ChunkBoundary>
        <ChunkBoundary compact>{client.transportKind === 'proxy' ? <signOutButton.Component /> : <openInNewTabButton.Component />}</ChunkBoundary>
        <NativeSelect
          size="xs"
          style={{ flexShrink: 0 }}
          aria-label={t('language')}
          value={language}
          onChange={(e) => {
            const next = toLanguage(e.currentTarget.value);
            if (next) setLanguage(next);
          }}
          data={LANGUAGES.map((l) => ({ value: l, label: phone ? l.toUpperCase() : LANGUAGE_NAMES[l] }))}
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
