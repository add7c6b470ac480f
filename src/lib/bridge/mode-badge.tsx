// Shows, in the header, where the data comes from: this server's token or the Kommo user's session.
import { Badge, Tooltip } from '@mantine/core';
import { useMessages } from '../i18n/language-context';
import { useAppMode, useKommoContext } from './app-mode-context';
import { bridgeMessages } from './bridge-messages';

export function ModeBadge() {
  const t = useMessages(bridgeMessages);
  const mode = useAppMode();
  const context = useKommoContext();
  const embedded = mode.kind === 'embedded';
  const hint = context
    ? t('modeEmbeddedHint', { subdomain: context.account.subdomain, user: context.user.name })
    : t('modeStandaloneHint');
  return (
    <Tooltip label={hint} multiline maw={320} withArrow>
      <Badge variant="light" color={embedded ? 'teal' : 'gray'} data-testid="app-mode" data-mode={mode.kind} tabIndex={0}>
        {embedded ? t('modeEmbedded') : t('modeStandalone')}
        {context ? ` · ${context.account.subdomain} · ${context.user.name}` : ''}
      </Badge>
    </Tooltip>
  );
}
