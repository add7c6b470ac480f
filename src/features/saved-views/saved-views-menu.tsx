import { Button } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useMessages } from '@/lib/i18n/language-context';
import { viewKey } from '@/kommo/view-key';
import { parseViewSearch } from '@/lib/url-state/leads-url-codec';
import { navigateToLocalSort, useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import { useColumnPreferencesStore } from '@/lib/leads-list/column-preferences-context';
import { withColumnFirst } from '@/lib/leads-list/column-preferences';
import { ChunkBoundary, ChunkLoader, lazyChunk } from '@/lib/ui/lazy-chunk';
import { LazyPopover } from '@/lib/ui/lazy-popover';
import { BUILT_IN_COLUMN, BUILT_IN_SORT, builtInView, type BuiltInViewId } from './built-in-views';
import { savedViewsButtonMessages } from './saved-views-button-messages';
import { MAX_VIEW_NAME, nameProblem, type SavedView } from './saved-views-storage';
import { useBuiltInReference } from './use-built-in-context';
import { useSavedViews } from './use-saved-views';
import { useCurrentViewName } from './use-current-view-name';

// The menu's contents load on pointing at (or focusing) the Views button, ahead of the click.
const dropdown = lazyChunk(() => import('./saved-views-dropdown').then((m) => m.SavedViewsDropdown));
const PROBLEM_KEY = { empty: 'errEmpty', tooLong: 'errTooLong', duplicate: 'errDuplicate' } as const;
// A long view name ("Visualizações: O que precisa da minha atenção") gives way with an ellipsis: at full
// width it pushed the one-line toolbar past 1440 px in Portuguese and Spanish, where it covered
// "Open leads only" and cut "Filters (2)". The whole name stays the button's accessible name and its title.
// The ellipsis is on a span inside Mantine's label, which stays a centring flex box (made a block
// itself, the label set its text at the top of the button).
const BUTTON_STYLES = {
  root: { maxWidth: 210, flexShrink: 0 },
  label: { minWidth: 0 },
} as const;
const ELLIPSIS = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 } as const;

/** Built-in and saved views: apply, save the current one, rename, delete. */
export function SavedViewsMenu() {
  const t = useMessages(savedViewsButtonMessages);
  const { query, setQuery } = useLeadsUrlQuery();
  const reference = useBuiltInReference();
  const columnStore = useColumnPreferencesStore();
  const { views, save, rename, remove, restore } = useSavedViews();
  const [deleted, setDeleted] = useState<{ view: SavedView; index: number } | null>(null);
  const [opened, setOpened] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Mantine's own focus return misses the first opening (the button is drawn anew inside the popover
  // then): after a choice or Esc, a focus left in the closing menu or on <body> goes back to Views; a click elsewhere keeps its own.
  const close = () => {
    setOpened(false);
    setDeleted(null);
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected || active.closest('.mantine-Popover-dropdown')) buttonRef.current?.focus();
    });
  };
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notStored, setNotStored] = useState(false);
  const current = viewKey(query);
  const currentName = useCurrentViewName();

  const handleBuiltIn = (id: BuiltInViewId) => {
    const view = builtInView(id, reference);
    if (!view) return;
    setQuery(view);
    // Its order (one history entry with the view) and its column up front, e.g. overdue: soonest due, due date beside the name.
    const sort = BUILT_IN_SORT[id];
    if (sort) navigateToLocalSort(sort, { replace: true });
    const column = BUILT_IN_COLUMN[id];
    if (column) columnStore.update((prefs) => withColumnFirst(prefs, column));
    close();
  };
  const handleApply = (view: SavedView) => {
    // Stored text is re-read through the same lenient parser as any URL.
    setQuery(parseViewSearch(view.search).query);
    close();
  };
  const handleSave = (e: FormEvent) => {
    e.preventDefault();
    const problem = nameProblem(name, views);
    if (problem) return setError(t(PROBLEM_KEY[problem], { max: MAX_VIEW_NAME }));
    setNotStored(!save(name, current));
    setName('');
  };
  const handleRename = (id: string, next: string) => setNotStored(!rename(id, next));
  const handleDelete = (id: string) => {
    const index = views.findIndex((v) => v.id === id);
    const view = views[index];
    if (!view) return;
    setDeleted({ view, index });
    setNotStored(!remove(id));
  };
  const handleUndo = () => {
    if (!deleted) return;
    setNotStored(!restore(deleted.view, deleted.index));
    setDeleted(null);
  };

  return (
    <LazyPopover
      opened={opened}
      onChange={(next) => {
        // Undo is offered while the menu that showed the deletion stays open.
        if (next) setOpened(true);
        else close();
      }}
      position="bottom-start"
      width={380}
      shadow="md"
      trapFocus
      target={
        <Button
          ref={buttonRef}
          size="xs"
          variant="default"
          onClick={() => setOpened((o) => !o)}
          onPointerEnter={dropdown.preload}
          onFocus={dropdown.preload}
          aria-haspopup="dialog"
          aria-expanded={opened}
          styles={BUTTON_STYLES}
          title={currentName ? t('buttonCurrent', { name: currentName }) : undefined}
        >
          <span style={ELLIPSIS}>{currentName ? t('buttonCurrent', { name: currentName }) : t('button')}</span>
        </Button>
      }
    >
      {/* Mantine's dropdown is the dialog, named by the Views button. */}
      <ChunkBoundary fallback={<ChunkLoader />}>
        <dropdown.Component
          reference={reference}
          views={views}
          current={current}
          deleted={deleted}
          name={name}
          error={error}
          notStored={notStored}
          onName={(next) => {
            setName(next);
            setError(null);
          }}
          onBuiltIn={handleBuiltIn}
          onApply={handleApply}
          onRename={handleRename}
          onDelete={handleDelete}
          onUndo={handleUndo}
          onSave={handleSave}
        />
      </ChunkBoundary>
    </LazyPopover>
  );
}
