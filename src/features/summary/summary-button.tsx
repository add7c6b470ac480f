// The "Summary" button and its drawer. The panel (and recharts behind @mantine/charts) is loaded
// only when the drawer first opens, so the first paint of the table does not pay for the charts.
import { Button, Drawer, Group, Loader } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { LeadsView } from '../../kommo/leads-query';
import { useMessages } from '../../lib/i18n/language-context';
import { summaryMessages } from './summary-messages';

const SummaryPanel = lazy(() => import('./summary-panel').then((m) => ({ default: m.SummaryPanel })));

export type SummaryButtonProps = { listQuery: LeadsView };

export function SummaryButton({ listQuery }: SummaryButtonProps) {
  const t = useMessages(summaryMessages);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpened(true)}>
        {t('summary')}
      </Button>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" size="xl" title={t('title')} closeButtonProps={{ 'aria-label': t('close') }}>
        {opened ? (
          <Suspense
            fallback={
              <Group justify="center" p="md">
                <Loader size="sm" aria-label={t('computing')} />
              </Group>
            }
          >
            <SummaryPanel listQuery={listQuery} />
          </Suspense>
        ) : null}
      </Drawer>
    </>
  );
}
