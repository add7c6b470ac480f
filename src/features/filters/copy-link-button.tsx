import { Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useShareableUrl } from '@/lib/bridge/app-mode-context';
import { useMessages } from '@/lib/i18n/language-context';
import { copyText } from './copy-link';
import { filtersMessages } from './filters-messages';

type CopyState = 'idle' | 'copied' | 'failed';
const CONFIRM_MS = 2500;

/** Copies the current view's URL (the address bar is the view) and confirms in a live region. */
export function CopyLinkButton() {
  const t = useMessages(filtersMessages);
  const [state, setState] = useState<CopyState>('idle');
  // Inside Kommo the address is the iframe's: copy the standalone link to the same view instead.
  const shareableUrl = useShareableUrl();
  useEffect(() => {
    if (state === 'idle') return;
    const id = window.setTimeout(() => setState('idle'), CONFIRM_MS);
    return () => window.clearTimeout(id);
  }, [state]);
  const handleCopy = async () => setState((await copyText(shareableUrl())) ? 'copied' : 'failed');
  return (
    <Group gap={6} wrap="nowrap">
      <Button variant="default" size="xs" onClick={handleCopy}>
        {t('copyLink')}
      </Button>
      <Text size="xs" c={state === 'failed' ? 'red' : 'teal'} role="status" aria-live="polite">
        {state === 'copied' ? t('linkCopied') : state === 'failed' ? t('linkCopyFailed') : ''}
      </Text>
    </Group>
  );
}
