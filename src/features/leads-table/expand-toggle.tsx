import { ActionIcon } from '@mantine/core';
import type { Row } from '@tanstack/react-table';
import type { Lead } from '../../kommo/schemas';
import { leadTitle } from './lead-cells';
import { useLeadsTableContext } from './leads-table-context';
import type { LeadsTableFeatures } from './leads-table-features';

export function expandedPanelId(leadId: number): string {
  return `lead-panel-${leadId}`;
}

export function ExpandToggle({ row }: { row: Row<LeadsTableFeatures, Lead> }) {
  const { t } = useLeadsTableContext();
  const expanded = row.getIsExpanded();
  const name = leadTitle(row.original, () => t('untitledLead', { id: row.original.id }));
  return (
    <ActionIcon
      variant="subtle"
      size="sm"
      // The grid handles Enter/Space on the active row: one tab stop for the whole grid, not one per row.
      tabIndex={-1}
      aria-expanded={expanded}
      aria-controls={expanded ? expandedPanelId(row.original.id) : undefined}
      aria-label={expanded ? t('collapseRow', { name }) : t('expandRow', { name })}
      onClick={() => row.toggleExpanded()}
    >
      <span aria-hidden="true" style={{ display: 'inline-block', transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }}>
        ▶
      </span>
    </ActionIcon>
  );
}
