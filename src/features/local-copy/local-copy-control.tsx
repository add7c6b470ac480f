// The header's local-copy control: one button saying where the current view comes from (the copy,
// as of when, or live), and a panel with the first sync's progress, pause and resume, refresh and
// "Forget local data".
import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useApiErrorText } from '../../lib/api/api-error-messages';
import type { MessageValues } from '../../lib/i18n/define-messages';
import { useLanguage, useMessages } from '../../lib/i18n/language-context';
import { notLocalReason } from '../../lib/local-copy/local-leads-index';
import type { LocalCopyState } from '../../lib/local-copy/local-copy-sync';
import { useLeadsUrlQuery } from '../../lib/url-state/use-leads-url-query';
import { localCopyMessages } from './local-copy-messages';
import { VisibleLeadsScope } from '../../lib/rights/visible-leads-scope';
import { useLocalCopy } from './use-local-copy';

type T = (key: keyof typeof localCopyMessages.en, values?: MessageValues) => string;

function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function triggerText(t: T, state: LocalCopyState | null, enabled: boolean, viewIsLocal: boolean, time: string): string {
  if (!enabled || !state) return t('triggerOff');
  switch (state.status) {
    case 'opening':
      return t('triggerOpening');
    case 'walking':
      return t('triggerWalking', { count: state.size });
    case 'paused':
      return t('triggerPaused');
    case 'error':
      return t('triggerError');
    case 'refreshing':
      return state.syncedAt === null ? t('triggerStale') : viewIsLocal ? t('triggerLocal', { time }) : t('triggerStale');
    case 'ready':
      return viewIsLocal ? t('triggerLocal', { time }) : t('triggerLive');
  }
}

export function LocalCopyControl() {
  const t = useMessages(localCopyMessages);
  const errorText = useApiErrorText();
  const { locale } = useLanguage();
  const { query } = useLeadsUrlQuery();
  const copy = useLocalCopy();
  const { state, sync, enabled } = copy;
  if (!copy.available) return null;

  const reason = notLocalReason(query);
  const fresh = sync?.isFresh() ?? false;
  const viewIsLocal = enabled && fresh && reason === null;
  const time = state?.syncedAt ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(state.syncedAt) : '';
  const viewText = viewIsLocal
    ? t('viewLocal')
    : reason === 'full-text-search'
      ? t('viewLiveSearch')
      : reason === 'deleted-leads'
        ? t('viewLiveDeleted')
        : enabled
          ? t('viewLiveNotReady')
          : t('viewLive');

  return (
    <Popover width={360} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button size="xs" variant={viewIsLocal ? 'light' : 'default'} data-testid="local-copy-trigger">
          {triggerText(t, state, enabled, viewIsLocal, time)}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" aria-label={t('title')} role="group">
          <Text fw={600} size="sm">
            {t('title')}
          </Text>
          <VisibleLeadsScope />
          {!enabled || !state ? (
            <>
              <Text size="sm">{t('explainOff')}</Text>
              <Text size="sm" c="dimmed">
                {viewText}
              </Text>
              <Button size="xs" onClick={copy.enable}>
                {t('enable')}
              </Button>
            </>
          ) : (
            <>
              <Text size="sm" role="status" aria-live="polite" data-testid="local-copy-status">
                {state.status === 'opening'
                  ? t('statusOpening')
                  : state.status === 'walking'
                    ? t('statusWalking')
                    : state.status === 'paused'
                      ? t('statusPaused')
                      : state.status === 'refreshing'
                        ? t('statusRefreshing')
                        : state.status === 'error'
                          ? t('error', { detail: errorText(state.error) })
                          : t('statusReady', { count: state.size, time })}
              </Text>
              <Text size="sm" data-testid="local-copy-progress">
                {t('progress', {
                  count: state.size,
                  pages: state.pages,
                  rate: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(state.ratePerSecond),
                  elapsed: formatElapsed(state.elapsedMs),
                })}
              </Text>
              {state.lastRefresh ? (
                <Text size="xs" c="dimmed">
                  {t('lastRefresh', state.lastRefresh)}
                </Text>
              ) : null}
              <Text size="sm" c="dimmed" data-testid="local-copy-view">
                {viewText}
              </Text>
              <Group gap="xs">
                {state.status === 'walking' ? (
                  <Button size="xs" variant="default" onClick={() => sync?.pause()}>
                    {t('pause')}
                  </Button>
                ) : null}
                {state.status === 'paused' || state.status === 'error' ? (
                  <Button size="xs" variant="default" onClick={() => void sync?.resume()}>
                    {t('resume')}
                  </Button>
                ) : null}
                {state.status === 'ready' ? (
                  <Button size="xs" variant="default" onClick={() => void sync?.refresh()}>
                    {t('refresh')}
                  </Button>
                ) : null}
                <Button size="xs" variant="light" color="red" onClick={() => void copy.forget()}>
                  {t('forget')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
