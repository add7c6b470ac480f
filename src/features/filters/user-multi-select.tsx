import { MultiSelect } from '@mantine/core';
import { useMemo } from 'react';
import type { User } from '@/kommo/user-schema';
import { useMessages } from '@/lib/i18n/language-context';
import { DROPDOWN_IN_DRAWER } from './dropdown-in-drawer';
import { filtersMessages } from './filters-messages';

export type UserMultiSelectProps = {
  label: string;
  users: User[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
};

/** Searchable users, active ones first; inactive users stay pickable (old leads keep them) but marked. */
export function UserMultiSelect({ label, users, value, onChange, error }: UserMultiSelectProps) {
  const t = useMessages(filtersMessages);
  const data = useMemo(() => {
    const known = new Set(users.map((u) => String(u.id)));
    const sorted = [...users].sort(
      (a, b) => Number(b.rights?.is_active ?? true) - Number(a.rights?.is_active ?? true) || a.name.localeCompare(b.name),
    );
    const options = sorted.map((u) => ({
      value: String(u.id),
      label: u.rights?.is_active === false ? `${u.name} (${t('inactive')})` : u.name,
    }));
    // Ids from a link that the users list does not know still show (and can be removed).
    for (const id of value) if (!known.has(id)) options.push({ value: id, label: t('unknownUser', { id }) });
    return options;
  }, [users, value, t]);
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : t('pickUsers')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      hidePickedOptions
      error={error}
      comboboxProps={DROPDOWN_IN_DRAWER}
    />
  );
}
