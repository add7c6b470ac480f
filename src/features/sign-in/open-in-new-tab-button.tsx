// Inside Kommo: "Open in a new tab" opens this view on the team server, signed in as the Kommo user.
import { Button } from '@mantine/core';
import { useAppMode, useShareableUrl } from '@/lib/bridge/app-mode-context';
import { requestOpenInNewTab, viewPathOf } from '@/lib/bridge/open-in-new-tab';
import { useMessages } from '@/lib/i18n/language-context';
import { sessionMessages } from './session-messages';

export function OpenInNewTabButton() {
  const t = useMessages(sessionMessages);
  const mode = useAppMode();
  const shareableUrl = useShareableUrl();
  if (mode.kind !== 'embedded') return null;
  const parentOrigin = mode.session.parentOrigin;
  return (
    <Button size="xs" variant="default" onClick={() => requestOpenInNewTab(window.parent, parentOrigin, viewPathOf(shareableUrl()))}>
      {t('openInNewTab')}
    </Button>
  );
}
