// Renders one lead custom field value by its type, as text only (never HTML): select labels,
// multiselect chips, checkbox, numeric as a number, dates in the account timezone, safe links.
import type { CustomFieldDefinition, CustomFieldValue as CustomFieldValueData } from '../../kommo/schemas';
import { formatBirthday, formatDate, formatDateTime, formatNumber, safeHref } from './lead-formatters';
import type { LeadsTableT } from './leads-table-messages';
import classes from './leads-table.module.css';
import { valueToSeconds, valueToText } from '../../kommo/custom-field-value-data';

export type CustomFieldValueProps = {
  value: CustomFieldValueData;
  definition?: CustomFieldDefinition | undefined;
  timeZone: string;
  locale: string;
  t: LeadsTableT;
};

type EnumValue = CustomFieldValueData['values'][number];

function enumLabel(item: EnumValue, definition: CustomFieldDefinition | undefined): string {
  if (typeof item.value === 'string' && item.value) return item.value;
  const fromDefinition = definition?.enums.find((e) => e.id === item.enum_id)?.value;
  return fromDefinition ?? valueToText(item.value);
}

export function customFieldText({ value, definition, timeZone, locale, t }: CustomFieldValueProps): string {
  const type = value.field_type ?? definition?.type ?? 'text';
  const items = value.values;
  switch (type) {
    case 'checkbox':
      return items.length === 0 ? '' : items.some((i) => i.value === true || i.value === 'true' || i.value === 1) ? t('yes') : t('no');
    case 'numeric': {
      const n = Number(valueToText(items[0]?.value));
      return items[0] === undefined ? '' : Number.isFinite(n) ? formatNumber(n, locale) : valueToText(items[0].value);
    }
    case 'date':
      return items.map((i) => formatDate(valueToSeconds(i.value), timeZone, locale)).join(', ');
    case 'date_time':
      return items.map((i) => formatDateTime(valueToSeconds(i.value), timeZone, locale)).join(', ');
    case 'birthday':
      return items.map((i) => formatBirthday(valueToSeconds(i.value), timeZone, locale)).join(', ');
    case 'select':
    case 'radiobutton':
    case 'category':
    case 'multiselect':
      return items.map((i) => enumLabel(i, definition)).join(', ');
    default:
      return items.map((i) => valueToText(i.value)).filter(Boolean).join(', ');
  }
}

export function CustomFieldValue(props: CustomFieldValueProps) {
  const { value, definition } = props;
  const type = value.field_type ?? definition?.type ?? 'text';
  if (type === 'multiselect') {
    return (
      <span className={classes.chips}>
        {value.values.map((item, index) => (
          <span key={item.enum_id ?? index} className={classes.chip}>
            {enumLabel(item, definition)}
          </span>
        ))}
      </span>
    );
  }
  if (type === 'url') {
    return (
      <span>
        {value.values.map((item, index) => {
          const text = valueToText(item.value);
          const href = safeHref(text);
          return (
            <span key={index}>
              {index > 0 ? ', ' : null}
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {text}
                </a>
              ) : (
                text
              )}
            </span>
          );
        })}
      </span>
    );
  }
  return <span>{customFieldText(props)}</span>;
}
