// "The leads you can see": said beside counts and totals (table, summary, load all, local copy,
// export) when the signed-in user is not an administrator, so a total is never read as the account's.
import { Text, type TextProps } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import { rightsMessages } from './rights-messages';
import { useLeadRights } from './use-lead-rights';

export function VisibleLeadsScope(props: TextProps) {
  const t = useMessages(rightsMessages);
  const { limited } = useLeadRights();
  if (!limited) return null;
  return (
    <Text size="sm" c="dimmed" title={t('scopeHint')} data-testid="leads-scope" {...props}>
      {t('scope')}
    </Text>
  );
}
