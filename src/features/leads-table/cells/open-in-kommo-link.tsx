// "Open in Kommo": the account's own lead card. A new tab when standalone; inside Kommo a plain
// click asks the Kommo page to open the card itself (the frame's sandbox may not navigate it),
// while Ctrl/⌘/middle click still opens a new tab. The demo account has no Kommo page: no link.
import type { MouseEvent } from 'react';
import type { KommoLeadLink } from '@/lib/bridge/use-kommo-lead-link';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';
import classes from '@/features/leads-table/leads-table.module.css';

export type OpenInKommoLinkProps = {
  link: KommoLeadLink;
  leadId: number;
  name: string;
  /** The row's compact arrow (out of the Tab order: the grid moves by rows) or the panel's labelled link. */
  variant: 'row' | 'panel';
  t: LeadsTableT;
};

export function OpenInKommoLink({ link, leadId, name, variant, t }: OpenInKommoLinkProps) {
  if (link.kind !== 'link') {
    if (variant === 'row' || link.kind === 'pending') return null;
    return <p className={classes.panelNone}>{t('openInKommoDemo')}</p>;
  }
  const href = link.href(leadId);
  if (href === null) return null;
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // The row must not toggle or take the click.
    event.stopPropagation();
    if (!link.open || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    link.open(leadId);
  };
  const label = t('openInKommoNamed', { name });
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className={variant === 'row' ? classes.kommoRowLink : classes.kommoPanelLink}
      aria-label={variant === 'row' ? label : undefined}
      title={label}
      tabIndex={variant === 'row' ? -1 : undefined}
      onClick={handleClick}
      data-testid={variant === 'row' ? 'open-in-kommo-row' : 'open-in-kommo'}
    >
      {variant === 'row' ? <span aria-hidden="true">↗</span> : `${t('openInKommo')} ↗`}
    </a>
  );
}
