// Renders one lead custom field value by its type, as text only (never HTML): select labels,
// multiselect chips, checkbox, numeric as a number, dates in the account timezone, safe links.
import type { CustomFieldDefinition, CustomFieldValue as CustomFieldValueData } from '../../../kommo/schemas';
import { formatBirthday, formatDate, formatDateTime, formatNumber, safeHref } from './lead-formatters';
import type { LeadsTableT } from '../leads-table-messages';
import classes from '../leads-table.module.css';
import { useQuery } from '@tanstack/react-query';
import { chainedElement, UNREADABLE_MARK, valueToText } from '../../../kommo/custom-field-value-data';
import { valueToSeconds } from '../../../lib/time/kommo-dates';
import { entityQueries } from '../../../lib/api/entity-queries';
import { useKommoClient } from '../../../lib/api/kommo-client-context';

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

/** A value item the app can show as text: an unreadable one is the neutral mark, never its JSON. */
function itemText(item: EnumValue): string {
  if (item.unreadable) return UNREADABLE_MARK;
  const chained = chainedElement(item);
  if (chained && item.value === undefined) return `#${chained.elementId}`;
  return valueToText(item.value);
}

export function customFieldText({ value, definition, timeZone, locale, t }: CustomFieldValueProps): string {
  const type = value.field_type ?? definition?.type ?? 'text';
  const items = value.values;
  if (items.some((i) => i.unreadable)) return items.map(itemText).filter(Boolean).join(', ');
  switch (type) {
    case 'checkbox':
      return items.length === 0 ? '' : items.some((i) => i.value === true || i.value === 'true' || i.value === 1) ? t('yes') : t('no');
    case 'numeric': {
      const n = Number(valueToText(items[0]?.value));
      return items[0] === undefined ? '' : Number.isFinite(n) ? formatNumber(n, locale) : valueToText(items[0].value);
    }
    case 'date':
      return items.map((i) => formatDate(valueToSeconds(i.value, timeZone), timeZone, locale)).join(', ');
    case 'date_time':
      return items.map((i) => formatDateTime(valueToSeconds(i.value, timeZone), timeZone, locale)).join(', ');
    case 'birthday':
      return items.map((i) => formatBirthday(valueToSeconds(i.value, timeZone), timeZone, locale)).join(', ');
    case 'select':
    case 'radiobutton':
    case 'category':
    case 'multiselect':
      return items.map((i) => enumLabel(i, definition)).join(', ');
    default:
      return items.map(itemText).filter(Boolean).join(', ');
  }
}

/** One chained-list element by name, from its catalog (read once for all cells); `#id` until then or if gone. */
function ChainedElementName({ catalogId, elementId }: { catalogId: number; elementId: number }) {
  const client = useKommoClient();
  const catalog = useQuery(entityQueries.catalog(client, catalogId));
  const name = catalog.data?.find((e) => e.id === elementId)?.name;
  return <>{name || `#${elementId}`}</>;
}

export function CustomFieldValue(props: CustomFieldValueProps) {
  const { value, definition } = props;
  const type = value.field_type ?? definition?.type ?? 'text';
  const chained = value.values.map(chainedElement);
  if (type === 'chained_list' || (chained.length > 0 && chained.every(Boolean))) {
    return (
      <span>
        {value.values.map((item, index) => {
          const element = chained[index];
          return (
            <span key={index}>
              {index > 0 ? ', ' : null}
              {element ? <ChainedElementName catalogId={element.catalogId} elementId={element.elementId} /> : itemText(item)}
            </span>
          );
        })}
      </span>
    );
  }
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
