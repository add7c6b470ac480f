// What the iframe shows when it was opened for Kommo but cannot talk to it: never a silent fallback.
import { Alert, Center } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import type { EmbeddedErrorReason } from '@/lib/bridge/app-mode';
import { bridgeMessages } from './bridge-messages';

export type EmbeddedStartErrorProps = { reason: EmbeddedErrorReason; parentOrigin: string | null };

export function EmbeddedStartError({ reason, parentOrigin }: EmbeddedStartErrorProps) {
  const t = useMessages(bridgeMessages);
  const text =
    reason === 'config-unavailable'
      ? t('errorConfig')
      : reason === 'parent-not-allowed'
        ? t('errorParent', { origin: parentOrigin ?? t('unknownOrigin') })
        : t('errorNoAnswer');
  return (
    <Center p="md" mih="100%">
      <Alert color="red" title={t('errorTitle')} role="alert" maw={560}>
        {text}
      </Alert>
    </Center>
  );
}
