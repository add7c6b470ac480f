// Draws one lead custom field value: the value its column reads (src/lib/leads-list/custom-field-value),
// with multiselect options as chips and safe URLs as links. Text only, never HTML.
import type { CustomFieldDefinition, CustomFieldValue as CustomFieldValueData } from '@/kommo/custom-field-schema';
import { valueToText } from '@/kommo/custom-field-value-data';
import { displayText, TABLE_LIST_SEPARATOR, type ColumnValue } from '@/lib/leads-list/column-value';
import { customFieldValue, fieldTypeOf } from '@/lib/leads-list/custom-field-value';
import { safeHref } from '@/lib/leads-list/lead-formatters';
import { useLeadsTableContext } from '@/features/leads-table/leads-table-context';
import classes from '@/features/leads-table/leads-table.module.css';
import { ValueText } from './lead-cells';

export type CustomFieldValueProps = {
  value: CustomFieldValueData;
  definition?: CustomFieldDefinition | undefined;
};

const itemsOf = (value: ColumnValue): readonly ColumnValue[] => (value.kind === 'list' ? value.items : [value]);

export function CustomFieldValue({ value, definition }: CustomFieldValueProps) {
  const { columns, display } = useLeadsTableContext();
  const read = customFieldValue(value, definition, columns);
  const type = fieldTypeOf(value, definition);
  if (type === 'multiselect' && read.kind !== 'pending' && read.kind !== 'empty') {
    return (
      <span className={classes.chips}>
        {itemsOf(read).map((item, index) => (
          <span key={index}>
            {index > 0 ? <span className={classes.listSeparator}>{TABLE_LIST_SEPARATOR}</span> : null}
            <span className={classes.chip}>{displayText(item, display)}</span>
          </span>
        ))}
      </span>
    );
  }
  if (type === 'url' && !value.values.some((i) => i.unreadable)) {
    return (
      <span>
        {value.values.map((item, index) => {
          const text = valueToText(item.value);
          const href = safeHref(text);
          return (
            <span key={index}>
              {index > 0 ? TABLE_LIST_SEPARATOR : null}
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
  return (
    <span>
      <ValueText value={read} />
    </span>
  );
}
