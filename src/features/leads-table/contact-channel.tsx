// One phone or e-mail of a contact, on its own line: a tel:/mailto: link (built from the value
// with a fixed scheme, so a CRM string can never become another kind of link) and a copy button.
import { ActionIcon, CopyButton, Tooltip } from '@mantine/core';
import type { LeadsTableT } from './leads-table-messages';
import classes from './leads-table.module.css';

export type ContactChannelProps = { kind: 'phone' | 'email'; value: string; t: LeadsTableT };

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** The link target for a phone or e-mail, or null when the value cannot be dialled or written to. */
export function contactHref(kind: ContactChannelProps['kind'], value: string): string | null {
  if (kind === 'phone') {
    // Digits, a leading +, and the dialling pauses; spaces, dashes and brackets are presentation.
    const dial = value.replace(/[^\d+*#,;]/g, '');
    return /\d{3,}/.test(dial) ? `tel:${dial}` : null;
  }
  const email = value.trim();
  return EMAIL_RE.test(email) ? `mailto:${email}` : null;
}

export function ContactChannel({ kind, value, t }: ContactChannelProps) {
  const href = contactHref(kind, value);
  const label = kind === 'phone' ? t('callPhone', { phone: value }) : t('writeEmail', { email: value });
  return (
    <div className={classes.channel}>
      {href ? (
        <a href={href} aria-label={label} className={classes.channelLink}>
          {value}
        </a>
      ) : (
        <span>{value}</span>
      )}
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('copied') : t('copyValue', { value })} withArrow position="right">
            <ActionIcon size="xs" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('copyValue', { value })}>
              <span aria-hidden="true">{copied ? '✓' : '⧉'}</span>
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </div>
  );
}
