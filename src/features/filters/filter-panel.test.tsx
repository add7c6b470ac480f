// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LeadsQuery } from '@/kommo/leads-query';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { User } from '@/kommo/user-schema';
import { renderWithProviders } from '@/test-utils/render';
import { FilterPanel } from './filter-panel';
import type { FilterReference } from './use-filter-reference';

const users: User[] = [
  { id: 1, name: 'Ana Souza', rights: { is_active: true } },
  { id: 2, name: 'Bruno Lima', rights: { is_active: false } },
];
const pipelines: Pipeline[] = [
  {
    id: 10,
    name: 'Sales',
    sort: 1,
    is_main: true,
    _embedded: {
      statuses: [
        { id: 100, name: 'Negotiation', sort: 20, color: '#ffcc66', type: 0, pipeline_id: 10 },
        { id: 142, name: 'Won', sort: 10000, color: '#ccff66', type: 0, pipeline_id: 10 },
      ],
    },
  },
  {
    id: 20,
    name: 'Partners',
    sort: 2,
    is_main: false,
    _embedded: { statuses: [{ id: 142, name: 'Won', sort: 10000, color: '#ccff66', type: 0, pipeline_id: 20 }] },
  },
];
const reference: FilterReference = { users, pipelines, timezone: 'America/Sao_Paulo', currentUserId: 1, loading: false };

function renderPanel(query: LeadsQuery = {}) {
  const onApply = vi.fn<(q: LeadsQuery) => void>();
  const onClose = vi.fn();
  const view = renderWithProviders(<FilterPanel opened onClose={onClose} query={query} reference={reference} onApply={onApply} />);
  const rerender = (next: LeadsQuery) =>
    view.rerenderWithProviders(<FilterPanel opened onClose={onClose} query={next} reference={reference} onApply={onApply} />);
  return { onApply, onClose, rerender };
}

// A full Mantine form in jsdom is slow to type into; the budget is generous so a loaded CI box passes.
describe('FilterPanel', { timeout: 60_000 }, () => {
  it('shows the URL state and applies the form as Kommo parameters', async () => {
    const user = userEvent.setup({ delay: null });
    const { onApply, onClose } = renderPanel({ query: 'acme', filter: { statuses: [{ pipeline_id: 10, status_id: 100 }] } });
    expect(screen.getByLabelText('Search text')).toHaveProperty('value', 'acme');
    const sales = screen.getByRole('group', { name: 'Sales' });
    expect(within(sales).getByRole('checkbox', { name: 'Negotiation' })).toHaveProperty('checked', true);

    await user.click(within(screen.getByRole('group', { name: 'Partners' })).getByRole('checkbox', { name: 'Won' }));
    await user.type(screen.getByLabelText('Price equals'), '5000');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(onApply).toHaveBeenCalledTimes(1));
    expect(onApply.mock.calls[0]?.[0]).toEqual({
      query: 'acme',
      filter: {
        price: 5000,
        statuses: [
          { pipeline_id: 10, status_id: 100 },
          { pipeline_id: 20, status_id: 142 },
        ],
      },
    });
    expect(onClose).toHaveBeenCalled();
  });

  it('shows inline messages and does not apply an invalid form', async () => {
    const user = userEvent.setup({ delay: null });
    const { onApply } = renderPanel();
    await user.type(
      screen.getAllByLabelText('Lead IDs').find((el) => el.tagName === 'INPUT' && el.getAttribute('type') !== 'hidden')!,
      '12{enter}abc{enter}',
    );
    await user.click(screen.getByRole('radio', { name: 'From / to' }));
    await user.type(screen.getByLabelText('Price from'), '10');
    await user.type(screen.getByLabelText('Price to'), '5');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('"abc" is not a whole number')).toBeTruthy();
    expect(screen.getByText('"From" is after "to"')).toBeTruthy();
    expect(onApply).not.toHaveBeenCalled();
  });

  it('resets to the URL whenever the URL changes (back/forward)', async () => {
    const user = userEvent.setup({ delay: null });
    const { rerender } = renderPanel({ query: 'first' });
    await user.clear(screen.getByLabelText('Search text'));
    await user.type(screen.getByLabelText('Search text'), 'edited');
    rerender({ query: 'second' });
    await waitFor(() => expect(screen.getByLabelText('Search text')).toHaveProperty('value', 'second'));
  });

  it('Reset returns to the URL state, Clear all empties the form', async () => {
    const user = userEvent.setup({ delay: null });
    const { onApply } = renderPanel({ query: 'kept' });
    await user.type(screen.getByLabelText('Search text'), ' more');
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.getByLabelText('Search text')).toHaveProperty('value', 'kept');
    await user.click(screen.getByRole('button', { name: 'Clear all' }));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(onApply).toHaveBeenCalledWith({}));
  });

  it('marks inactive users and explains the deleted-leads mode', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel({ with: ['only_deleted'], filter: { responsible_user_id: [2] } });
    expect(screen.getAllByText(/Bruno Lima \(inactive\)/)[0]).toBeTruthy();
    expect(screen.getByText(/only deleted leads that can still be restored/)).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: 'Deleted leads only' }));
    expect(screen.queryByText(/only deleted leads that can still be restored/)).toBeNull();
  });

  it('"only leads without tasks" applies tasks=none, and explains inline why it cannot go with a closest-task range', async () => {
    const user = userEvent.setup({ delay: null });
    const first = renderPanel();
    await user.click(screen.getByRole('switch', { name: /Only leads without tasks/ }));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(first.onApply).toHaveBeenCalledWith({ tasks: 'none' }));

    // A view with a closest-task range: switching "without tasks" on is refused with the reason.
    first.rerender({ filter: { closest_task_at: { from: 1748750400 } } });
    await waitFor(() => expect(screen.getByRole('switch', { name: /Only leads without tasks/ })).toHaveProperty('checked', false));
    await user.click(screen.getByRole('switch', { name: /Only leads without tasks/ }));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText(/A closest-task date range only matches leads that have a task/)).toBeTruthy();
    expect(first.onApply).toHaveBeenCalledTimes(1);
  });
});
