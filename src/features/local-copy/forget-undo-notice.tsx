// After "Forget local data": the copy is off at once (views live, other tabs too), and for a few
// seconds this notice offers Undo while the database is still there.
import '@mantine/core/styles/Affix.css';
import '@mantine/core/styles/Notification.css';
import { Affix, Button, Group, Notification, Text } from '@mantine/core';
import { undoForget } from '@/lib/local-copy/local-copy-forget';
import type { LocalCopyHub } from '@/lib/local-copy/local-copy-hub';
import { useMessages } from '@/lib/i18n/language-context';
import { localCopyMessages } from './local-copy-messages';

export type ForgetUndoNoticeProps = { hub: LocalCopyHub };

export function ForgetUndoNotice({ hub }: ForgetUndoNoticeProps) {
  const t = useMessages(localCopyMessages);
  return (
    <Affix position={{ bottom: 20, right: 20 }}>
      <Notification withCloseButton={false} role="status" aria-live="polite" data-testid="local-copy-forgotten" maw={420}>
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Text size="sm">{t('forgotten')}</Text>
          <Button size="xs" variant="default" onClick={() => undoForget(hub)}>
            {t('undo')}
          </Button>
        </Group>
      </Notification>
    </Affix>
  );
}
