// The header's local-copy control: one button saying where the current view comes from (the copy,
// as of when, or live, and why), and a panel with the offer and its estimate, the first sync's
// progress, pause and resume, refresh and "Forget local data" (asked once, then undoable for a few
// seconds). The copy is the app's (LocalCopyProvider); this control shows it and sends the user's choices.
import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useApiErrorText } from '@/lib/api/api-error-messages';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';
import { formatAccountClock } from '@/lib/time/account-time';
import { accountDatePatterns, accountTimePattern } from '@/lib/time/account-date-format';
import type { MessageValues } from '@/lib/i18n/define-messages';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { useLeadsListQuery } from '@/lib/leads-list/use-leads-list-query';
import { enableLocalCopy, forgetLocalCopy } from '@/lib/local-copy/local-copy-forget';
import type { LocalCopyState } from '@/lib/local-copy/local-copy-state';
import { useViewSource, type ViewSource } from '@/lib/local-copy/use-view-source';
import { VisibleLeadsScope } from '@/lib/rights/visible-leads-scope';
import { CopySyncLines } from './copy-sync-lines';
import { ForgetUndoNotice } from './forget-undo-notice';
import { LocalCopyOffer } from './local-copy-offer';
import { localCopyMessages } from './local-copy-messages';
import { useLocalCopy } from './use-local-copy';

type T = (key: keyof typeof localCopyMessages.en, values?: MessageValues) => string;

function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function triggerText(t: T, state: LocalCopyState | null, enabled: boolean, viewIsLocal: boolean, time: string): string {
  if (!enabled) return t('triggerOff');
  if (!state) return t('triggerOpening');
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

function viewText(t: T, view: ViewSource): string {
  if (view.local) return t('viewLocal');
  switch (view.reason) {
    case 'full-text-search':
      return t('viewLiveSearch');
    case 'deleted-leads':
      return t('viewLiveDeleted');
    case 'off':
      return t('viewLive');
    case 'deciding':
      return t('viewDeciding');
    case 'differs':
      return t('viewLiveDiffers');
    case 'stale':
      return t('viewLiveStale');
    case 'syncing':
      return t('viewLiveNotReady');
  }
}

function statusText(t: T, state: LocalCopyState, errorText: (e: unknown) => string, time: string): string {
  switch (state.status) {
    case 'opening':
      return t('statusOpening');
    case 'walking':
      return t('statusWalking');
    case 'paused':
      return t('statusPaused');
    case 'refreshing':
      return t('statusRefreshing');
    case 'error':
      return t('error', { detail: errorText(state.error) });
    case 'ready':
      return t('statusReady', { count: state.size, time });
  }
}

const ACCOUNT = ['account'] as const;

const TRIGGER_STYLES = {
  root: { height: 'auto', minHeight: 30, maxWidth: '100%' },
  label: { whiteSpace: 'normal', lineHeight: 1.15, paddingBlock: 2, textAlign: 'center' },
} as const;

export function LocalCopyControl() {
  const t = useMessages(localCopyMessages);
  const errorText = useApiErrorText();
  const { locale } = useLanguage();
  const view = useViewSource(useLeadsListQuery());
  const { account } = useReferenceData(ACCOUNT).data;
  const { hub, snapshot } = useLocalCopy();
  const [confirming, setConfirming] = useState(false);
  const [opened, setOpened] = useState(false);
  const forgetButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // "Keep it" unmounts the button that had the keyboard: it goes back to the one that asked, inside the
  // panel (on <body> no Esc would reach the panel).
  useEffect(() => {
    if (wasConfirming.current && !confirming) forgetButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const { state, copy, enabled, pendingForget } = snapshot;
  const notice = pendingForget ? <ForgetUndoNotice hub={hub} /> : null;
  if (snapshot.owner === null) return notice;

  const clock = (ms: number) =>
    formatAccountClock(ms, locale, account?.datetime_settings?.timezone ?? '', accountTimePattern(accountDatePatterns(account)));
  const time = state?.syncedAt ? clock(state.syncedAt) : '';
  const forget = () => {
    setConfirming(false);
    setOpened(false);
    forgetLocalCopy(hub);
  };

  return (
    <>
      {/* A dialog for the keyboard too: opened, it takes the focus (Tab reaches its buttons, portalled at the
          page's end), so Esc closes it and gives the focus back to the button. Before, the focus stayed on the
          button, Esc went nowhere and the panel stayed over the page (on a phone, over More). */}
      <Popover width={360} position="bottom-end" shadow="md" withArrow opened={opened} onChange={setOpened} trapFocus returnFocus>
        <Popover.Target>
          <Button
            size="xs"
            variant={view.local ? 'light' : 'default'}
            data-testid="local-copy-trigger"
            // Where the header is short of room (a phone, a long language) the words wrap to two lines
            // rather than squeezing the product's name.
            styles={TRIGGER_STYLES}
            onClick={() => setOpened((o) => !o)}
          >
            {triggerText(t, state, enabled, view.local, time)}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          {/* The focus starts on the panel itself, not on its first button: a second Enter must not turn the copy on. */}
          <Stack gap="xs" aria-label={t('title')} role="group" tabIndex={-1} data-autofocus>
            <Text fw={600} size="sm">
              {t('title')}
            </Text>
            <VisibleLeadsScope />
            {snapshot.expired ? (
              <Text size="sm" c="orange" role="alert" data-testid="local-copy-expired">
                {t('expired')}
              </Text>
            ) : null}
            {!enabled || !state ? (
              enabled ? (
                <Text size="sm">{t('statusOpening')}</Text>
              ) : (
                <LocalCopyOffer onEnable={() => enableLocalCopy(hub)} viewText={viewText(t, view)} />
              )
            ) : (
              <>
                <Text size="sm" role="status" aria-live="polite" data-testid="local-copy-status">
                  {statusText(t, state, errorText, time)}
                </Text>
                <Text size="sm" data-testid="local-copy-progress">
                  {t('progress', {
                    count: state.size,
                    pages: state.pages,
                    rate: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(state.ratePerSecond),
                    elapsed: formatElapsed(state.elapsedMs),
                  })}
                </Text>
                {state.storageRefused || !state.persistent ? (
                  <Text size="sm" c="orange" role="alert" data-testid="local-copy-storage">
                    {t('storageMemory')}
                  </Text>
                ) : null}
                {state.lastRefresh ? (
                  <Text size="xs" c="dimmed">
                    {t('lastRefresh', state.lastRefresh)}
                  </Text>
                ) : null}
                <CopySyncLines state={state} clock={clock} />
                <Text size="sm" c="dimmed" data-testid="local-copy-view">
                  {viewText(t, view)}
                </Text>
                {confirming ? (
                  <Stack gap={6} role="alertdialog" aria-label={t('forget')}>
                    <Text size="sm">{t('forgetConfirm', { count: state.size })}</Text>
                    <Group gap="xs">
                      <Button size="xs" color="red" onClick={forget}>
                        {t('forgetYes')}
                      </Button>
                      {/* Asked, the keyboard is on the safe answer (the button that asked is gone). */}
                      <Button size="xs" variant="default" onClick={() => setConfirming(false)} autoFocus>
                        {t('forgetNo')}
                      </Button>
                    </Group>
                  </Stack>
                ) : (
                  <Group gap="xs">
                    {state.status === 'walking' ? (
                      <Button size="xs" variant="default" onClick={() => copy?.pause()}>
                        {t('pause')}
                      </Button>
                    ) : null}
                    {state.status === 'paused' || state.status === 'error' ? (
                      <Button size="xs" variant="default" onClick={() => void copy?.resume()}>
                        {t('resume')}
                      </Button>
                    ) : null}
                    {state.status === 'ready' ? (
                      <Button size="xs" variant="default" onClick={() => void copy?.refresh()}>
                        {t('refresh')}
                      </Button>
                    ) : null}
                    <Button ref={forgetButton} size="xs" variant="light" color="red" onClick={() => setConfirming(true)}>
                      {t('forget')}
                    </Button>
                  </Group>
                )}
              </>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {notice}
    </>
  );
}
