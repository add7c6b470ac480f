// The summary's drawer with its panel: one lazy chunk with the charts, so the first screen loads
// neither the drawer machinery (modal base, focus trap, scroll lock) nor recharts.
// The drawer's styles travel with it (the filter panel imports the same for its own).
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Drawer.css';
import { SideDrawer } from '@/lib/ui/side-drawer';
import type { LeadsView } from '@/kommo/leads-query';
import { useMessages } from '@/lib/i18n/language-context';
import { summaryMessages } from './summary-messages';
import { SummaryPanel } from './summary-panel';

export type SummaryDrawerProps = { opened: boolean; onClose: () => void; listQuery: LeadsView };

/** The button hands focus back itself: Mantine's return misses the first opening (the drawer mounts open). */
export function SummaryDrawer({ opened, onClose, listQuery }: SummaryDrawerProps) {
  const t = useMessages(summaryMessages);
  return (
    <SideDrawer opened={opened} onClose={onClose} position="right" size="xl" title={t('title')} closeLabel={t('close')} returnFocus={false}>
      {opened ? <SummaryPanel listQuery={listQuery} /> : null}
    </SideDrawer>
  );
}
