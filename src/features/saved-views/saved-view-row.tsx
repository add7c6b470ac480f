import { ActionIcon, Badge, Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { MAX_VIEW_NAME, nameProblem, type SavedView } from './saved-views-storage';
import { useSavedViewsText } from './use-saved-views-text';

export type SavedViewRowProps = {
  view: SavedView;
  views: SavedView[];
  isCurrent: boolean;
  onApply: (view: SavedView) => void;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
};

const PROBLEM_KEY = { empty: 'errEmpty', tooLong: 'errTooLong', duplicate: 'errDuplicate' } as const;

export function SavedViewRow({ view, views, isCurrent, onApply, onRename, onDelete }: SavedViewRowProps) {
  const t = useSavedViewsText();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(view.name);
  const [error, setError] = useState<string | null>(null);

  const handleRename = (e: FormEvent) => {
    e.preventDefault();
    const problem = nameProblem(name, views, view.id);
    if (problem) return setError(t(PROBLEM_KEY[problem], { max: MAX_VIEW_NAME }));
    onRename(view.id, name);
    setEditing(false);
  };

  if (editing) {
    return (
      <form onSubmit={handleRename}>
        <Group gap={4} align="flex-start" wrap="nowrap">
          <TextInput
            size="xs"
            aria-label={t('renameLabel', { name: view.name })}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            autoFocus
            style={{ flex: 1 }}
          />
          <Button size="xs" type="submit">
            {t('renameSave')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setEditing(false)}>
            {t('cancel')}
          </Button>
        </Group>
      </form>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" role="listitem">
      <Button
        size="xs"
        variant="subtle"
        justify="flex-start"
        style={{ flex: 1 }}
        data-view-item
        aria-label={t('apply', { name: view.name })}
        onClick={() => onApply(view)}
      >
        {view.name}
      </Button>
      {isCurrent && (
        <Badge size="xs" variant="light">
          {t('current')}
        </Badge>
      )}
      <ActionIcon
        size="sm"
        variant="subtle"
        aria-label={t('rename', { name: view.name })}
        onClick={() => {
          setName(view.name);
          setEditing(true);
        }}
      >
        ✎
      </ActionIcon>
      <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('delete', { name: view.name })} onClick={() => onDelete(view.id)}>
        ✕
      </ActionIcon>
    </Group>
  );
}
