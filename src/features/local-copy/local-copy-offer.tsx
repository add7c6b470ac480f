// The offer, while the copy is off: what it does, how long the first sync takes and how much it keeps
// (an estimate: the leads the user can see, counted when the offer is shown, times the bench's figures).
import { Button, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useApiErrorText } from '@/lib/api/api-error-messages';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { leadCountQueries } from '@/lib/leads/lead-count-queries';
import { estimateLocalCopy } from './local-copy-estimate';
import { localCopyMessages } from './local-copy-messages';

function formatDuration(seconds: number, locale: string): string {
  const [value, unit] = seconds < 90 ? [seconds, 'second'] : seconds < 90 * 60 ? [Math.round(seconds / 60), 'minute'] : [seconds / 3600, 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
}

function formatSize(bytes: number, locale: string): string {
  const megabytes = bytes / 1_000_000;
  const [value, unit] = megabytes < 1000 ? [megabytes, 'megabyte'] : [megabytes / 1000, 'gigabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

export type LocalCopyOfferProps = { onEnable: () => void; viewText: string };

export function LocalCopyOffer({ onEnable, viewText }: LocalCopyOfferProps) {
  const t = useMessages(localCopyMessages);
  const errorText = useApiErrorText();
  const { locale } = useLanguage();
  const count = useQuery(leadCountQueries.visible(useKommoClient()));
  const estimate = count.data === undefined ? null : estimateLocalCopy(count.data);
  return (
    <>
      <Text size="sm">{t('explainOff')}</Text>
      <Text size="sm" data-testid="local-copy-estimate" role="status" aria-live="polite">
        {estimate
          ? t('estimate', { count: estimate.leads, duration: formatDuration(estimate.seconds, locale), size: formatSize(estimate.bytes, locale) })
          : count.isError
            ? t('estimateFailed', { detail: errorText(count.error) })
            : t('estimating')}
      </Text>
      <Text size="sm" c="dimmed">
        {viewText}
      </Text>
      <Button size="xs" onClick={onEnable}>
        {t('enable')}
      </Button>
    </>
  );
}
