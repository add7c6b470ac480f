import { Button, CloseButton, ColorSwatch, Group, Pill } from '@mantine/core';
import type { LeadsQuery } from '@/kommo/leads-query';
import { useMessages } from '@/lib/i18n/language-context';
import type { FilterChip } from './filter-chips';
import { filtersMessages } from './filters-messages';

export type ActiveFilterChipsProps = {
  /** Built once by the bar, which also counts them on the Filters button. */
  chips: FilterChip[];
  onChange: (next: LeadsQuery) => void;
  /** On a phone the chips take one line that scrolls sideways, not a third of the screen. */
  oneLine?: boolean;
};

const NO_SHRINK = { flexShrink: 0 } as const;
const ONE_LINE = { overflowX: 'auto', scrollbarWidth: 'thin', paddingBottom: 2 } as const;

/** The applied view as removable chips, with names instead of ids. */
export function ActiveFilterChips({ chips, onChange, oneLine = false }: ActiveFilterChipsProps) {
  const t = useMessages(filtersMessages);
  if (!chips.length) return null;
  return (
    // "Clear all" sits beside the list, not in it: a list may hold list items only (axe's aria-required-children).
    <Group gap={6} data-testid="active-filter-chips" wrap={oneLine ? 'nowrap' : 'wrap'} style={oneLine ? ONE_LINE : undefined}>
      <Group gap={6} role="list" aria-label={t('chipsLabel')} wrap={oneLine ? 'nowrap' : 'wrap'}>
        {chips.map((chip) => (
          <Pill key={chip.key} role="listitem" size="md" style={oneLine ? NO_SHRINK : undefined}>
            <Group gap={4} wrap="nowrap" component="span">
              {chip.color && <ColorSwatch color={chip.color} size={10} component="span" aria-hidden />}
              <span>{chip.label}</span>
              <CloseButton size="xs" aria-label={t('removeChip', { label: chip.label })} onClick={() => onChange(chip.next)} />
            </Group>
          </Pill>
        ))}
      </Group>
      {chips.length > 1 && (
        <Button size="compact-xs" variant="subtle" onClick={() => onChange({})} style={oneLine ? NO_SHRINK : undefined}>
          {t('clearAll')}
        </Button>
      )}
    </Group>
  );
}
