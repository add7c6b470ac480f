import type { Row } from '@tanstack/react-table';
import type { Lead } from '@/kommo/lead-schema';
import { useLeadTitle } from './lead-cells';
import { useLeadsTableContext } from '@/features/leads-table/leads-table-context';
import { leadPanelChunk } from '@/features/leads-table/panel/lead-panel-chunk';
import { expandedPanelId } from '@/features/leads-table/panel/expanded-panel-id';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import classes from '@/features/leads-table/leads-table.module.css';

export function ExpandToggle({ row }: { row: Row<LeadsTableFeatures, Lead> }) {
  const { t } = useLeadsTableContext();
  const expanded = row.getIsExpanded();
  const name = useLeadTitle(row.original);
  return (
    // A plain button, not Mantine's ActionIcon: one is mounted per visible row on every scroll step.
    <button
      type="button"
      className={classes.toggle}
      data-expanded={expanded || undefined}
      // The grid handles Enter/Space on the active row: one tab stop for the whole grid, not one per row.
      tabIndex={-1}
      aria-expanded={expanded}
      aria-controls={expanded ? expandedPanelId(row.original.id) : undefined}
      aria-label={expanded ? t('collapseRow', { name }) : t('expandRow', { name })}
      onClick={() => row.toggleExpanded()}
      onPointerEnter={leadPanelChunk.preload}
    >
      <span aria-hidden="true" className={classes.toggleIcon}>
        ▶
      </span>
    </button>
  );
}
