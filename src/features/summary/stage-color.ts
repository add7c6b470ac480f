import { LOST_STATUS_ID, WON_STATUS_ID, type StageBucket } from './compute-summary';

/**
 * Bar colours told apart at a glance: Kommo's stage colours are pastels that often look alike, so
 * stages take a categorical palette by their place in the pipeline; won is green, lost red.
 */
const STAGE_PALETTE = ['blue.6', 'orange.6', 'grape.6', 'cyan.7', 'pink.6', 'lime.8', 'indigo.6', 'yellow.8', 'violet.6', 'teal.6'] as const;

export function stageColor(b: StageBucket, index: number): string {
  if (b.statusId === WON_STATUS_ID) return 'green.7';
  if (b.statusId === LOST_STATUS_ID) return 'red.6';
  return STAGE_PALETTE[index % STAGE_PALETTE.length] ?? 'gray.6';
}

/** A Mantine colour name ('blue.6') as CSS, for the tables' swatches beside the bars. */
export const cssColor = (name: string) => `var(--mantine-color-${name.replace('.', '-')})`;
