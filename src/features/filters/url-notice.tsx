import { Alert, List, Text } from '@mantine/core';
import { useState } from 'react';
import type { QueryIssue, QueryIssueReason } from '@/kommo/leads-query';
import { useMessages } from '@/lib/i18n/language-context';
import { filtersMessages, type FiltersMessageKey } from './filters-messages';
import { noticeItems } from './notice-items';

export type UrlNoticeProps = { issues: QueryIssue[] };

const REASON_KEY: Record<QueryIssueReason, FiltersMessageKey> = {
  'unknown-parameter': 'reason_unknown_parameter',
  'not-an-integer': 'reason_not_an_integer',
  'out-of-range': 'reason_out_of_range',
  'invalid-direction': 'reason_invalid_direction',
  'invalid-with': 'reason_invalid_with',
  'limit-too-large': 'reason_limit_too_large',
  'too-many-values': 'reason_too_many_values',
  'incomplete-stage': 'reason_incomplete_stage',
  'several-orders': 'reason_several_orders',
  'inverted-range': 'reason_inverted_range',
  'too-long': 'reason_too_long',
  empty: 'reason_empty',
};
// A pasted URL can hold thousands of bad parameters; the notice stays readable.
const SHOWN = 8;
const PARAM_CLIP = 60;

const clip = (s: string) => (s.length > PARAM_CLIP ? `${s.slice(0, PARAM_CLIP)}…` : s);

/** What the URL held that the view could not apply, and why. Closable; comes back for a new URL. */
export function UrlNotice({ issues }: UrlNoticeProps) {
  const t = useMessages(filtersMessages);
  const [dismissed, setDismissed] = useState<QueryIssue[] | null>(null);
  if (!issues.length || dismissed === issues) return null;
  const items = noticeItems(issues);
  const shown = items.slice(0, SHOWN);
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('noticeTitle')}
      withCloseButton
      closeButtonLabel={t('noticeClose')}
      onClose={() => setDismissed(issues)}
      data-testid="url-notice"
    >
      <Text size="sm">{t('noticeIntro')}</Text>
      <List size="sm" mt={4}>
        {shown.map((item) => (
          <List.Item key={item.key}>
            {item.label ? t(item.label) : <code>{clip(item.raw)}</code>}: {t(REASON_KEY[item.reason])}
            {item.count > 1 ? ` ${t('noticeTimes', { count: item.count })}` : ''}
          </List.Item>
        ))}
      </List>
      {items.length > SHOWN && (
        <Text size="sm" mt={4}>
          {t('noticeMore', { count: items.length - SHOWN })}
        </Text>
      )}
    </Alert>
  );
}
