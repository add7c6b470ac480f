// The name of the view shown now: a saved one first (the user's own word), else a built-in one; null
// for a view of no name. The Views button says it; the export writes it into the file's name.
import { viewKey } from '@/kommo/view-key';
import { useMessages } from '@/lib/i18n/language-context';
import { parseViewSearch } from '@/lib/url-state/leads-url-codec';
import { useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import { BUILT_IN_VIEWS, builtInView } from './built-in-views';
import { savedViewsButtonMessages } from './saved-views-button-messages';
import { useBuiltInReference } from './use-built-in-context';
import { useSavedViews } from './use-saved-views';

export function useCurrentViewName(): string | null {
  const t = useMessages(savedViewsButtonMessages);
  const { query } = useLeadsUrlQuery();
  const reference = useBuiltInReference();
  const { views } = useSavedViews();
  const current = viewKey(query);
  return (
    // Read back through the codec: a view saved by an older version may spell the same view otherwise.
    views.find((v) => viewKey(parseViewSearch(v.search).query) === current)?.name ??
    BUILT_IN_VIEWS.filter((id) => {
      const view = builtInView(id, reference);
      return view !== null && viewKey(view) === current;
    }).map((id) => t(id))[0] ??
    null
  );
}
