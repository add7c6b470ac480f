// The export's progress beside its buttons: rows the XLSX worker has written, then the zip, with a
// Cancel that stops the export at once (no file is written).
import { Button, Group, Progress, Text } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import { exportMessages } from './export-messages';
import type { XlsxProgress } from './xlsx-in-worker';

export type ExportProgressProps = { progress: XlsxProgress | null; onCancel: () => void };

export function ExportProgress({ progress, onCancel }: ExportProgressProps) {
  const t = useMessages(exportMessages);
  const share = progress === null ? 0 : progress.phase === 'zip' ? 100 : progress.total === 0 ? 100 : (100 * progress.done) / progress.total;
  const text =
    progress === null ? t('exporting') : progress.phase === 'zip' ? t('zipping') : t('writingRows', { done: progress.done, total: progress.total });
  return (
    <Group gap={6} wrap="nowrap">
      {progress ? (
        <Progress
          w={80}
          size="sm"
          value={share}
          animated={progress.phase === 'zip'}
          striped={progress.phase === 'zip'}
          aria-label={t('progressLabel')}
        />
      ) : null}
      <Text size="xs" c="dimmed" role="status" data-testid="export-progress">
        {text}
      </Text>
      <Button size="compact-xs" variant="default" onClick={onCancel}>
        {t('cancel')}
      </Button>
    </Group>
  );
}
