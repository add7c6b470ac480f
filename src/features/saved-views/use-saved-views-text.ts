// The Views menu's words: its own catalogue (loaded with the menu's chunk) and the button's (the
// views' names, the name checks), read as one.
import { useCallback } from 'react';
import { useMessages } from '@/lib/i18n/language-context';
import { savedViewsButtonMessages, type SavedViewsButtonMessageKey } from './saved-views-button-messages';
import { savedViewsMessages, type SavedViewsMessageKey, type SavedViewsT } from './saved-views-messages';

const isButtonKey = (key: string): key is SavedViewsButtonMessageKey => Object.hasOwn(savedViewsButtonMessages.en, key);

export function useSavedViewsText(): SavedViewsT {
  const menu = useMessages(savedViewsMessages);
  const button = useMessages(savedViewsButtonMessages);
  return useCallback(
    (key: SavedViewsMessageKey | SavedViewsButtonMessageKey, values?: Record<string, string | number>) =>
      isButtonKey(key) ? button(key, values) : menu(key, values),
    [menu, button],
  );
}
