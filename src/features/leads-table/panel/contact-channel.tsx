// One phone or e-mail of a contact, on its own line: a tel:/mailto: link (built from the value
// with a fixed scheme, so a CRM string can never become another kind of link) and a copy button.
import { ActionIcon, CopyButton, Tooltip } from '@mantine/core';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';
import classes from '@/features/leads-table/leads-table.module.css';

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

// Drawn, not a character: the copy sign (⧉) is missing from common system fonts.
function CopyIcon() {
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M3 8.5l3 3 7-7" />
    </svg>
  );
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
              {copied ? <CheckIcon /> : <CopyIcon />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </div>
  );
}
