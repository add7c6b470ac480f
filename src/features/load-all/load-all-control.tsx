// The "Load all" button and, while a walk runs, its progress: pages, leads, rate and elapsed time
// (no time left: Kommo gives no total count, so the end is unknown until `next` is missing).
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useApiErrorText } from '@/lib/api/api-error-messages';
import { useState } from 'react';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { ChunkFailedMessage } from '@/lib/ui/lazy-chunk';
import { loadAllMessages } from './load-all-messages';
import { VisibleLeadsScope } from '@/lib/rights/visible-leads-scope';
import { preloadLoadAll, type LoadAllHandle } from './use-load-all';
import classes from './load-all-control.module.css';

export type LoadAllControlProps = { handle: LoadAllHandle };

function formatElapsed(ms: number, locale: string): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const f = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 });
  return `${minutes}:${f.format(seconds % 60)}`;
}

const DONE_STYLE = { maxWidth: 120, lineHeight: 1.15 } as const;

export function LoadAllControl({ handle }: LoadAllControlProps) {
  const t = useMessages(loadAllMessages);
  const errorText = useApiErrorText();
  const { locale } = useLanguage();
  const s = handle.snapshot;
  // The walk's code is a chunk: when it cannot be downloaded, the button says so and offers a retry.
  const [chunkFailed, setChunkFailed] = useState(false);
  const start = () => {
    setChunkFailed(false);
    handle.start().catch(() => setChunkFailed(true));
  };
  const active = s !== null && (s.status === 'running' || s.status === 'paused' || s.status === 'confirming' || s.status === 'error');

  if (!active) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" variant="light" title={t('loadAllHint')} onClick={start} onPointerEnter={preloadLoadAll} onFocus={preloadLoadAll}>
          {t('loadAll')}
        </Button>
        {chunkFailed ? <ChunkFailedMessage onRetry={start} /> : null}
        {s?.status === 'done' ? (
          // Two short lines rather than one long one where it shows (the phone's sheet, narrower screens);
          // on a wide toolbar "Todos os 103 leads carregados" pushed Portuguese and Spanish past 1440 px,
          // where the quick filters ran under the Views button.
          <Text size="xs" c="dimmed" role="status" style={DONE_STYLE} className={classes.done}>
            {t('done', { leads: s.leads })}
          </Text>
        ) : null}
        {s?.status === 'done' ? <VisibleLeadsScope size="xs" /> : null}
        {s?.status === 'cancelled' ? (
          <Text size="xs" c="dimmed" role="status">
            {t('cancelled', { leads: s.leads })}
          </Text>
        ) : null}
      </Group>
    );
  }

  const rate = s.leadsPerSecond !== null ? t('rate', { rate: Math.round(s.leadsPerSecond) }) : null;
  const detail = s.error ? errorText(s.error) : '';
  return (
    <Stack gap={4} style={{ minWidth: 260 }}>
      <Progress
        value={100}
        striped
        animated={s.status === 'running'}
        aria-label={t('progressLabel')}
        color={s.status === 'error' ? 'red' : s.status === 'running' ? 'blue' : 'gray'}
      />
      <Text size="xs" role="status" aria-live="polite" data-testid="load-all-progress">
        {t('progress', { pages: s.pages, leads: s.leads })}
        {rate ? ` · ${rate}` : ''} · {t('elapsed', { time: formatElapsed(s.elapsedMs, locale) })}
      </Text>
      <VisibleLeadsScope size="xs" />
      <Text size="xs" c="dimmed">
        {s.status === 'paused' ? `${t('paused')} · ` : ''}
        {t('timeLeftUnknown')}
      </Text>
      {s.status === 'confirming' ? (
        <Alert title={t('confirmTitle')} color="yellow" p="xs">
          <Text size="xs">{t('confirmText', { leads: s.leads })}</Text>
          <Group gap="xs" mt={6}>
            <Button size="compact-xs" onClick={() => handle.confirm(true)}>
              {t('confirmContinue')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => handle.confirm(false)}>
              {t('confirmStop')}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {s.status === 'error' ? (
        <Text size="xs" c="red" role="alert">
          {t('failed', { detail })}
        </Text>
      ) : null}
      <Group gap="xs">
        {s.status === 'running' ? (
          <Button size="compact-xs" variant="default" onClick={handle.pause}>
            {t('pause')}
          </Button>
        ) : null}
        {s.status === 'paused' || s.status === 'error' ? (
          <Button size="compact-xs" variant="default" onClick={handle.resume}>
            {s.status === 'error' ? t('retry') : t('resume')}
          </Button>
        ) : null}
        <Button size="compact-xs" variant="subtle" color="red" onClick={handle.cancel}>
          {t('cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
