// The views menu's contents: built-in views with their hints, saved views (apply, rename, delete,
// undo) and the save form. A chunk of its own, fetched on pointing at or focusing the Views button
// (the first screen shows only the button); the state stays in the menu, so closing and reopening
// keeps a half-typed name and the undo offer as before.
import { Button, Divider, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { BUILT_IN_VIEWS, builtInUnavailable, type BuiltInViewId } from './built-in-views';
import { BuiltInViewLabel } from './built-in-view-label';
import { SavedViewRow } from './saved-view-row';
import type { SavedView } from './saved-views-storage';
import type { BuiltInReference } from './use-built-in-context';
import { useSavedViewsText } from './use-saved-views-text';

const HINT_KEY = {
  needsAttention: 'needsAttentionHint',
  myOpenLeads: 'myOpenLeadsHint',
  wonThisMonth: 'wonThisMonthHint',
  lostThisMonth: 'lostThisMonthHint',
  overdueTasks: 'overdueTasksHint',
  withoutTasks: 'withoutTasksHint',
} as const satisfies Record<BuiltInViewId, string>;

export type SavedViewsDropdownProps = {
  reference: BuiltInReference;
  views: SavedView[];
  current: string;
  deleted: { view: SavedView; index: number } | null;
  name: string;
  error: string | null;
  notStored: boolean;
  onName: (name: string) => void;
  onBuiltIn: (id: BuiltInViewId) => void;
  onApply: (view: SavedView) => void;
  onRename: (id: string, next: string) => void;
  onDelete: (id: string) => void;
  onUndo: () => void;
  onSave: (e: FormEvent) => void;
};

/** ArrowDown/ArrowUp (Home/End) move between the views, built-in and saved, as in a menu; Tab still reaches everything. */
function handleArrows(event: KeyboardEvent<HTMLDivElement>) {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-view-item]:not(:disabled)')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  // Arrows inside the name field move its caret, not the menu.
  if (at === -1 && event.target instanceof HTMLInputElement) return;
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? items.length - 1
        : event.key === 'ArrowDown'
          ? (at + 1) % items.length
          : (at - 1 + items.length) % items.length;
  const item = items[next];
  if (!item) return;
  event.preventDefault();
  item.focus();
}

export function SavedViewsDropdown({
  reference,
  views,
  current,
  deleted,
  name,
  error,
  notStored,
  onName,
  onBuiltIn,
  onApply,
  onRename,
  onDelete,
  onUndo,
  onSave,
}: SavedViewsDropdownProps) {
  const t = useSavedViewsText();
  const box = useRef<HTMLDivElement>(null);
  // Opened before this chunk arrived, the focus trap found nothing to focus and left the keyboard on
  // the dropdown's own box, outside these views: no arrow reached them. Start on the first view then,
  // as the trap does when the views are already drawn; a focus anywhere else is the user's own.
  useEffect(() => {
    const active = document.activeElement;
    const popover = box.current?.closest('.mantine-Popover-dropdown');
    if (active !== null && active !== document.body && active !== popover) return;
    box.current?.querySelector<HTMLButtonElement>('button[data-view-item]:not(:disabled)')?.focus();
  }, []);
  return (
    <Stack ref={box} gap="xs" onKeyDown={handleArrows}>
      <Text size="xs" fw={700} c="dimmed">
        {t('builtInTitle')}
      </Text>
      <Stack gap={2}>
        {BUILT_IN_VIEWS.map((id) => {
          const unavailable = builtInUnavailable(id, reference);
          return (
            <Tooltip key={id} label={t(unavailable ?? HINT_KEY[id])} multiline w={320} withinPortal={false}>
              <Button size="xs" variant="subtle" justify="flex-start" data-view-item disabled={unavailable !== null} onClick={() => onBuiltIn(id)}>
                <BuiltInViewLabel id={id} reference={reference} />
              </Button>
            </Tooltip>
          );
        })}
      </Stack>
      <Divider />
      <Text size="xs" fw={700} c="dimmed">
        {t('savedTitle')}
      </Text>
      {views.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('noSaved')}
        </Text>
      ) : (
        <Stack gap={2} role="list" aria-label={t('savedTitle')}>
          {views.map((v) => (
            <SavedViewRow
              key={v.id}
              view={v}
              views={views}
              isCurrent={v.search === current}
              onApply={onApply}
              onRename={onRename}
              onDelete={onDelete}
            />
          ))}
        </Stack>
      )}
      {deleted && (
        <Group gap="xs" wrap="nowrap" role="status">
          <Text size="xs" style={{ flex: 1 }}>
            {t('deleted', { name: deleted.view.name })}
          </Text>
          <Button size="compact-xs" variant="light" onClick={onUndo}>
            {t('undo')}
          </Button>
        </Group>
      )}
      <Divider />
      <form onSubmit={onSave}>
        <Group gap={4} align="flex-end" wrap="nowrap">
          <TextInput
            size="xs"
            label={t('saveLabel')}
            placeholder={t('savePlaceholder')}
            value={name}
            onChange={(e) => onName(e.currentTarget.value)}
            error={error}
            style={{ flex: 1 }}
          />
          <Button size="xs" type="submit">
            {t('save')}
          </Button>
        </Group>
      </form>
      {notStored && (
        <Text size="xs" c="orange" role="status">
          {t('notStored')}
        </Text>
      )}
    </Stack>
  );
}
