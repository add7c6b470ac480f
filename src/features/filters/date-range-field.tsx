import { DatePickerInput } from '@mantine/dates';
import { useMemo } from 'react';
import { useMessages } from '@/lib/i18n/language-context';
import { QUICK_RANGES, quickRangeDates, type CalendarRange } from '@/lib/time/account-time';
import { matchingQuickRange } from './filter-form-values';
import { filtersMessages } from './filters-messages';

export type DateRangeFieldProps = {
  label: string;
  value: CalendarRange;
  onChange: (value: CalendarRange) => void;
  timezone: string;
  error?: string;
};

/** A day range in the account's zone, with quick ranges computed for the account's "today". */
export function DateRangeField({ label, value, onChange, timezone, error }: DateRangeFieldProps) {
  const t = useMessages(filtersMessages);
  const presets = useMemo(() => {
    const now = Math.floor(Date.now() / 1000);
    return QUICK_RANGES.map((r) => ({ value: quickRangeDates(r, now, timezone), label: t(r) }));
  }, [timezone, t]);
  const rolling = matchingQuickRange(value, timezone);
  return (
    <DatePickerInput
      type="range"
      label={label}
      placeholder={t('pickDates')}
      value={value}
      onChange={(v) => onChange([v[0] ?? null, v[1] ?? null])}
      presets={presets}
      allowSingleDateInRange
      clearable
      valueFormat="YYYY-MM-DD"
      error={error}
      description={rolling ? t('rollingHint', { preset: t(rolling) }) : undefined}
      // Back to the input when a preset or a day closes the calendar: its buttons vanish with it, and focus fell to the page.
      popoverProps={{ withinPortal: true, returnFocus: true }}
    />
  );
}
