import { Checkbox, ColorSwatch, Fieldset, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { useMessages } from '@/lib/i18n/language-context';
import { parseStagePairKey, stagePairKey } from '@/kommo/leads-query';
import { filtersMessages } from './filters-messages';

export type StageTreeProps = {
  pipelines: Pipeline[];
  /** Pipelines picked above: the tree shows only them (and any pipeline a picked stage belongs to). */
  chosenPipelineIds?: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
};

/**
 * Pipelines and their coloured stages as a checkbox tree. A stage is a (pipeline, status) pair:
 * "Closed - won" (142) exists in every pipeline and each is picked on its own.
 */
export function StageTree({ pipelines, chosenPipelineIds = [], value, onChange, error }: StageTreeProps) {
  const t = useMessages(filtersMessages);
  const selected = new Set(value);
  const toggle = (keys: string[], on: boolean) => {
    const next = new Set(value);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    // Keep the order of picking stable: existing picks first, new ones after.
    onChange([...value.filter((k) => next.has(k)), ...keys.filter((k) => on && !selected.has(k))]);
  };
  const known = new Set(pipelines.flatMap((p) => p._embedded.statuses.map((s) => stagePairKey(p.id, s.id))));
  const unknown = value.filter((k) => !known.has(k));
  const withPicks = new Set(value.map((k) => String(parseStagePairKey(k)?.pipeline_id)));
  const shown = chosenPipelineIds.length
    ? pipelines.filter((p) => chosenPipelineIds.includes(String(p.id)) || withPicks.has(String(p.id)))
    : pipelines;

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('stages')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('stagesHint')} · {t('stagesSelected', { count: value.length })}
      </Text>
      <ScrollArea.Autosize mah={320} type="auto">
        <Stack gap="xs">
          {shown.map((p) => {
            const keys = [...p._embedded.statuses].sort((a, b) => a.sort - b.sort).map((s) => stagePairKey(p.id, s.id));
            const picked = keys.filter((k) => selected.has(k)).length;
            return (
              <Fieldset key={p.id} legend={p.is_archive ? `${p.name} (${t('archived')})` : p.name} p="xs">
                <Checkbox
                  label={t('allStages')}
                  aria-label={`${p.name}: ${t('stages')}`}
                  checked={picked === keys.length && keys.length > 0}
                  indeterminate={picked > 0 && picked < keys.length}
                  onChange={(e) => toggle(keys, e.currentTarget.checked)}
                  mb={4}
                  fw={500}
                />
                <Stack gap={4} pl="lg">
                  {[...p._embedded.statuses]
                    .sort((a, b) => a.sort - b.sort)
                    .map((s) => {
                      const key = stagePairKey(p.id, s.id);
                      return (
                        <Checkbox
                          key={key}
                          checked={selected.has(key)}
                          onChange={(e) => toggle([key], e.currentTarget.checked)}
                          label={
                            <Group gap={6} wrap="nowrap" component="span">
                              <ColorSwatch color={s.color} size={12} component="span" aria-hidden />
                              <span>{s.name}</span>
                            </Group>
                          }
                        />
                      );
                    })}
                </Stack>
              </Fieldset>
            );
          })}
          {unknown.map((k) => {
            const pair = parseStagePairKey(k);
            return (
              <Checkbox
                key={k}
                checked
                onChange={() => toggle([k], false)}
                label={`${t('unknownPipeline', { id: String(pair?.pipeline_id ?? '?') })} › ${t('unknownStage', { id: String(pair?.status_id ?? '?') })}`}
              />
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
