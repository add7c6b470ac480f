// The panel's lines on who keeps the copy (this tab, or another one of this browser) and the last
// comparison with Kommo, as the account's wall clock.
import { Text } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import type { LocalCopyState } from '@/lib/local-copy/local-copy-state';
import { localCopyMessages } from './local-copy-messages';
import { copySyncFacts, copySyncLines } from './local-copy-sync-facts';

export type CopySyncLinesProps = { state: LocalCopyState; clock: (ms: number) => string };

export function CopySyncLines({ state, clock }: CopySyncLinesProps) {
  const t = useMessages(localCopyMessages);
  const facts = copySyncFacts(state);
  const lines = copySyncLines(t, facts, clock);
  return (
    <>
      <Text size="xs" c="dimmed" data-testid="local-copy-syncer">
        {lines.syncer}
      </Text>
      <Text size="xs" c={facts.check.kind === 'repairing' ? 'orange' : 'dimmed'} data-testid="local-copy-check">
        {lines.check}
      </Text>
    </>
  );
}
