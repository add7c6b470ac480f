// The "Summary" button. Its drawer, the panel and recharts behind @mantine/charts are one chunk
// loaded when the drawer first opens, so the first paint of the table pays for none of them.
import { Button, Loader } from '@mantine/core';
import { useRef, useState } from 'react';
import type { LeadsView } from '@/kommo/leads-query';
import { useMessages } from '@/lib/i18n/language-context';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';
import { summaryButtonMessages } from './summary-button-messages';

const summaryDrawer = lazyChunk(() => import('./summary-drawer').then((m) => m.SummaryDrawer));

export type SummaryButtonProps = { listQuery: LeadsView };

export function SummaryButton({ listQuery }: SummaryButtonProps) {
  const t = useMessages(summaryButtonMessages);
  const [opened, setOpened] = useState(false);
  // Mounted from the first opening on, so closing plays the drawer's transition.
  const [mounted, setMounted] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Esc, × or a click outside: the keyboard goes on from Summary, not from <body>.
  const close = () => {
    setOpened(false);
    buttonRef.current?.focus();
  };
  const open = () => {
    setMounted(true);
    setOpened(true);
  };
  return (
    <>
      <Button ref={buttonRef} size="xs" variant="light" onClick={open} onPointerEnter={summaryDrawer.preload} onFocus={summaryDrawer.preload}>
        {t('summary')}
      </Button>
      {mounted ? (
        <ChunkBoundary fallback={<Loader size="xs" role="status" aria-label={t('computing')} />}>
          <summaryDrawer.Component opened={opened} onClose={close} listQuery={listQuery} />
        </ChunkBoundary>
      ) : null}
    </>
  );
}
