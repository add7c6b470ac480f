import { describe, expect, it } from 'vitest';
import { formatMessage } from '@/lib/i18n/define-messages';
import { leadColumnMessages } from '@/lib/leads-list/lead-column-messages';
import { EXPAND_COLUMN_ID, LEAD_COLUMN_IDS } from '@/lib/leads-list/lead-column-registry';
import { buildLeadColumns } from './leads-columns';

const text = (key: keyof (typeof leadColumnMessages)['en']) => formatMessage(leadColumnMessages.en[key], undefined, 'en');

describe('buildLeadColumns', () => {
  // The table draws the registry's definitions: a table column outside it would have no value for
  // the browser sort or the files.
  it('are the registry columns, in its order, after the expand toggle, each with its definition', () => {
    const columns = buildLeadColumns([], text);
    expect(columns.map((c) => c.id)).toEqual([EXPAND_COLUMN_ID, ...LEAD_COLUMN_IDS]);
    for (const c of columns.slice(1)) expect(c.meta?.definition?.id).toBe(c.id);
  });

  it('leaves the files-only columns (every contact, the link to the card) out of the table', () => {
    const ids = buildLeadColumns([], text).map((c) => c.id);
    expect(ids).not.toContain('contacts');
    expect(ids).not.toContain('kommo_link');
  });
});
