// The one badge in the header that says where the data comes from: the demo account, a Kommo
// account through this server's token, or Kommo itself (embedded, with the signed-in user's rights).
import { Badge } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import { LazyTooltip } from '@/lib/ui/lazy-tooltip';
import { useAppMode, useKommoContext } from '@/lib/bridge/app-mode-context';
import { bridgeMessages } from './bridge-messages';

/** What this server proxies to when standalone; 'pending' until the server has said. */
export type StandaloneUpstream = 'demo' | 'real' | 'pending';

export type ModeBadgeProps = {
  upstream: StandaloneUpstream;
  /** The account's name from /account, once loaded. */
  accountName: string | null;
};

const DOT_COLOR = { demo: 'var(--mantine-color-orange-6)', real: 'var(--mantine-color-blue-6)', embedded: 'var(--mantine-color-teal-6)' } as const;

export function ModeBadge({ upstream, accountName }: ModeBadgeProps) {
  const t = useMessages(bridgeMessages);
  const mode = useAppMode();
  const context = useKommoContext();
  if (mode.kind !== 'embedded' && upstream === 'pending') return null;

  const kind = context ? 'embedded' : upstream === 'demo' ? 'demo' : 'real';
  const label = context
    ? t('modeEmbeddedLabel', { account: context.account.subdomain, user: context.user.name })
    : kind === 'demo'
      ? t('modeDemo')
      : accountName
        ? t('modeKommoLabel', { account: accountName })
        : t('modeKommo');
  const hint = context
    ? t('modeEmbeddedHint', { subdomain: context.account.subdomain, user: context.user.name })
    : kind === 'demo'
      ? t('modeDemoHint')
      : t('modeStandaloneHint');
  return (
    <LazyTooltip label={hint} multiline maw={320} withArrow>
      <Badge
        variant="default"
        size="lg"
        tt="none"
        fw={500}
        maw="100%"
        data-testid="app-mode"
        data-mode={mode.kind}
        data-source={kind}
        tabIndex={0}
        // A drawn dot, not a character: the badge's text stays exactly its label.
        leftSection={
          <span aria-hidden="true" style={{ display: 'inline-block', width: 8, height: 8, borderRadius: '50%', backgroundColor: DOT_COLOR[kind] }} />
        }
        style={{ minWidth: 0, flexShrink: 1 }}
      >
        {label}
      </Badge>
    </LazyTooltip>
  );
}
