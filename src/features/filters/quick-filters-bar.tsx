import { Chip, CloseButton, Group, NativeSelect, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { LeadsQuery } from '@/kommo/leads-query';
import { activePipelines } from '@/kommo/pipeline-stages';
import { useMessages } from '@/lib/i18n/language-context';
import { filtersMessages } from './filters-messages';
import { quickState, teamIds, withOpenOnly, withPipeline, withResponsible, withSearch } from './quick-filters';
import type { FilterReference } from './use-filter-reference';

export type QuickFiltersBarProps = {
  query: LeadsQuery;
  reference: FilterReference;
  onChange: (next: LeadsQuery) => void;
  /** Which part to draw: phones keep the search in the bar and fold the toggles into a menu. */
  part?: 'all' | 'search' | 'toggles';
  /** A wide screen's toolbar: one line, the search and the pipeline narrowing before anything wraps. */
  oneLine?: boolean;
};

const SHRINK_SEARCH = { flex: '0 1 200px', minWidth: 120 } as const;
const SHRINK_SELECT = { flex: '0 1 170px', minWidth: 120 } as const;
const ONE_LINE = { flex: '0 1 auto', minWidth: 0 } as const;

// "All pipelines" has a value of its own, never confused with a pipeline id.
const ALL = 'all';

/** Search, me, my team, pipeline and open leads only: always in view, each one URL write. */
export function QuickFiltersBar({ query, reference, onChange, part = 'all', oneLine = false }: QuickFiltersBarProps) {
  const t = useMessages(filtersMessages);
  const { users, pipelines, currentUserId } = reference;
  const state = quickState(query, users, pipelines, currentUserId);
  const team = teamIds(users, currentUserId);
  const [text, setText] = useState(state.search);
  // Back/forward, a chip or a saved view changed the search: the box shows the URL's again.
  useEffect(() => setText(state.search), [state.search]);
  const handleSearch = (e: FormEvent) => {
    e.preventDefault();
    onChange(withSearch(query, text));
  };
  const shown = activePipelines(pipelines);
  const pipelineOptions = [
    { value: ALL, label: t('quickAllPipelines') },
    ...shown.map((p) => ({ value: String(p.id), label: p.name })),
    // A link's archived or unknown pipeline still shows what the view is limited to.
    ...(state.pipelineId !== null && !shown.some((p) => p.id === state.pipelineId)
      ? [
          {
            value: String(state.pipelineId),
            label: pipelines.find((p) => p.id === state.pipelineId)?.name ?? t('unknownPipeline', { id: String(state.pipelineId) }),
          },
        ]
      : []),
  ];
  const search = (
    <form onSubmit={handleSearch} role="search" style={oneLine ? SHRINK_SEARCH : undefined}>
      <TextInput
        size="xs"
        type="search"
        aria-label={t('quickSearch')}
        placeholder={t('quickSearchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        w={oneLine ? '100%' : part === 'search' ? 150 : 200}
        rightSection={
          state.search ? (
            <CloseButton
              size="xs"
              aria-label={t('quickSearchClear')}
              onClick={() => {
                setText('');
                onChange(withSearch(query, ''));
              }}
            />
          ) : null
        }
      />
    </form>
  );
  const toggles = (
    <>
      <Chip
        size="xs"
        checked={state.me}
        disabled={currentUserId === null}
        onChange={(on) => onChange(withResponsible(query, on && currentUserId !== null ? [currentUserId] : null))}
      >
        {t('quickMe')}
      </Chip>
      <Chip size="xs" checked={state.team} disabled={team.length < 2} onChange={(on) => onChange(withResponsible(query, on ? team : null))}>
        {t('quickTeam')}
      </Chip>
      {/* The browser's own select (a few pipelines need no search): Mantine's Select would bring its
          combobox and floating-ui into the first bundle for this one control. */}
      <NativeSelect
        size="xs"
        w={oneLine ? undefined : 170}
        style={oneLine ? SHRINK_SELECT : undefined}
        aria-label={t('quickPipeline')}
        value={state.pipelineId === null ? ALL : String(state.pipelineId)}
        data={pipelineOptions}
        onChange={(e) => {
          const value = e.currentTarget.value;
          onChange(withPipeline(query, value === ALL ? null : Number(value), pipelines));
        }}
      />
      <Chip size="xs" checked={state.openOnly} disabled={!shown.length} onChange={(on) => onChange(withOpenOnly(query, on))}>
        {t('quickOpenOnly')}
      </Chip>
    </>
  );
  return (
    <Group
      gap={6}
      wrap={oneLine ? 'nowrap' : 'wrap'}
      style={oneLine ? ONE_LINE : undefined}
      role="group"
      aria-label={t('quickFiltersLabel')}
      data-testid="quick-filters"
    >
      {part !== 'toggles' && search}
      {part !== 'search' && toggles}
    </Group>
  );
}
