// A built-in view's name in the Views menu; "What needs my attention" with how many of my open leads
// need action now ("(12)", or "(2,000+)" past the walk's cap). The count is asked only while the
// menu is open (this is drawn only then), and cached five minutes: opening it again costs nothing.
import { useQuery } from '@tanstack/react-query';
import type { LeadsView } from '@/kommo/leads-query';
import { resolveOpenStages } from '@/kommo/pipeline-stages';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { attentionCountQueries } from '@/lib/leads-list/attention-count-queries';
import { builtInView, type BuiltInViewId } from './built-in-views';
import type { BuiltInReference } from './use-built-in-context';
import { useSavedViewsText } from './use-saved-views-text';

export type BuiltInViewLabelProps = { id: BuiltInViewId; reference: BuiltInReference };

export function BuiltInViewLabel({ id, reference }: BuiltInViewLabelProps) {
  const t = useSavedViewsText();
  if (id !== 'needsAttention') return <>{t(id)}</>;
  return <AttentionViewLabel reference={reference} />;
}

function AttentionViewLabel({ reference }: { reference: BuiltInReference }) {
  const t = useSavedViewsText();
  const client = useKommoClient();
  const view = builtInView('needsAttention', reference);
  // A built-in view has no paging: only the count walk pages it.
  const { page: _page, limit: _limit, ...rest } = view ? resolveOpenStages(view, reference.pipelines) : {};
  const resolved: LeadsView | null = view ? rest : null;
  const count = useQuery({ ...attentionCountQueries.view(client, resolved ?? {}, reference.pipelines), enabled: resolved !== null });
  const name = t('needsAttention');
  if (!count.data) return <>{name}</>;
  return <>{t(count.data.complete ? 'viewCount' : 'viewCountAtLeast', { name, count: count.data.count })}</>;
}
