// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hang, jsonResponse, noContent, type FakeHandler } from '@/lib/api/fake-transport.testing';
import { renderWithProviders } from '@/test-utils/render';
import { COLUMN_PREFERENCES_KEY, loadPreferences } from '@/lib/leads-list/column-preferences';
import { DEFAULT_HIDDEN_COLUMNS, LEAD_COLUMNS } from '@/lib/leads-list/lead-column-registry';
import { visibleColumnIds } from '@/lib/leads-list/visible-column-ids';
import { leadColumnMessages } from '@/lib/leads-list/lead-column-messages';
import { LeadsTable } from './leads-table';

const ANSWERS: Record<string, unknown> = {
  '/api/v4/account': { id: 1, name: 'Acme', subdomain: 'acme', currency: 'EUR', datetime_settings: { timezone: 'Europe/Madrid' } },
  '/api/v4/leads/pipelines': {
    _embedded: {
      pipelines: [
        {
          id: 10,
          name: 'Ventas',
          sort: 1,
          is_main: true,
          _embedded: { statuses: [{ id: 100, name: 'Nuevo', sort: 1, color: '#99ccff', type: 0, pipeline_id: 10 }] },
        },
      ],
    },
  },
  '/api/v4/users': { _embedded: { users: [{ id: 5, name: 'Lucía Pérez', rights: { is_active: true } }] } },
  '/api/v4/leads': {
    _embedded: {
      leads: [
        {
          id: 42,
          name: 'Gran trato',
          price: 1234.5,
          status_id: 100,
          pipeline_id: 10,
          responsible_user_id: 5,
          created_at: 1704067140,
          updated_at: 1704067140,
        },
      ],
    },
  },
};

const handler: FakeHandler = ({ path }) => (path in ANSWERS ? jsonResponse(200, ANSWERS[path]) : noContent);

function renderTable(language: string, answer: FakeHandler = handler) {
  renderWithProviders(<LeadsTable />, { language, answer });
}

// jsdom lays nothing out: the grid gets a desktop-sized viewport, as in a browser, so the columns
// in view are rendered (only those are: the center columns are virtualized).
const VIEWPORT = { width: 1600, height: 800 };
let viewportWidth = VIEWPORT.width;

beforeEach(() => {
  for (const [prop, size] of [
    ['clientWidth', () => viewportWidth],
    ['clientHeight', () => VIEWPORT.height],
  ] as const) {
    vi.spyOn(HTMLElement.prototype, prop, 'get').mockImplementation(function (this: HTMLElement) {
      return this.dataset.testid === 'leads-scroll' ? size() : 0;
    });
  }
});

afterEach(() => {
  viewportWidth = VIEWPORT.width;
  vi.restoreAllMocks();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('LeadsTable', () => {
  it('shows Spanish headers, status line and Spanish-formatted money', async () => {
    renderTable('es');
    expect(await screen.findByRole('grid', { name: 'Leads' })).toBeTruthy();
    for (const header of ['Nombre', 'Precio', 'Etapa', 'Responsable', 'Creado el', 'Etiquetas']) {
      expect(screen.getByRole('columnheader', { name: new RegExp(`^${header}`) })).toBeTruthy();
    }
    expect(screen.queryByRole('columnheader', { name: /^(Name|Price|Stage)$/ })).toBeNull();
    const status = screen.getByTestId('leads-status');
    expect(status.textContent).toContain('1 lead cargado');
    // es-ES groups from five digits: 1234,50 €.
    expect(status.textContent).toMatch(/Precio total: 1234,50\s€/);
    expect(screen.getByRole('button', { name: 'Columnas' })).toBeTruthy();
  });

  it('draws the rows before tags, catalogs, sources and loss reasons arrive; a name on its way is a quiet placeholder, never the id', async () => {
    let answerLossReasons: () => void = () => undefined;
    const lossReasonsAnswered = new Promise<void>((resolve) => (answerLossReasons = resolve));
    viewportWidth = 4000;
    const lost = { ...(ANSWERS['/api/v4/leads'] as { _embedded: { leads: Array<Record<string, unknown>> } })._embedded.leads[0], loss_reason_id: 7 };
    renderTable('en', async (request, index) => {
      if (request.path === '/api/v4/leads/tags' || request.path === '/api/v4/catalogs' || request.path === '/api/v4/sources') return hang();
      if (request.path === '/api/v4/leads/loss_reasons') {
        await lossReasonsAnswered;
        return jsonResponse(200, { _embedded: { loss_reasons: [{ id: 7, name: 'Price too high', sort: 1 }] } });
      }
      if (request.path === '/api/v4/leads') return jsonResponse(200, { _embedded: { leads: [lost] } });
      return handler(request, index);
    });
    expect(await screen.findByRole('gridcell', { name: /Gran trato/ })).toBeTruthy();
    const waiting = screen.getByLabelText('Name loading');
    expect(waiting.textContent).toBe('');
    expect(screen.queryByText('7')).toBeNull();
    answerLossReasons();
    expect(await screen.findByText('Price too high')).toBeTruthy();
    expect(screen.queryByLabelText('Name loading')).toBeNull();
  });

  describe('a stage selection', () => {
    const STAGES = [100, 101, 102, 103];
    const pipelines = {
      _embedded: {
        pipelines: [
          {
            id: 10,
            name: 'Ventas',
            sort: 1,
            is_main: true,
            _embedded: { statuses: STAGES.map((id, i) => ({ id, name: `S${id}`, sort: i, color: '#99ccff', type: 0, pipeline_id: 10 })) },
          },
        ],
      },
    };
    const stagesUrl = (ids: number[]) =>
      '/?' + ids.map((id, i) => `filter[statuses][${i}][pipeline_id]=10&filter[statuses][${i}][status_id]=${id}`).join('&');
    const leadIn = (status: number) => ({
      id: status,
      name: `Lead ${status}`,
      price: 1,
      status_id: status,
      pipeline_id: 10,
      responsible_user_id: 5,
      created_at: 1,
      updated_at: 1,
    });

    it('of a whole pipeline asks Kommo once, by pipeline', async () => {
      window.history.replaceState(null, '', stagesUrl(STAGES));
      const leadsRequests: string[] = [];
      renderTable('en', (request, index) => {
        if (request.path === '/api/v4/leads/pipelines') return jsonResponse(200, pipelines);
        if (request.path === '/api/v4/leads') {
          leadsRequests.push(decodeURIComponent(request.query));
          return jsonResponse(200, { _embedded: { leads: STAGES.map(leadIn) } });
        }
        return handler(request, index);
      });
      expect(await screen.findByRole('gridcell', { name: /Lead 103/ })).toBeTruthy();
      expect(leadsRequests).toHaveLength(1);
      expect(leadsRequests[0]).toContain('filter[pipeline_id][]=10');
      expect(leadsRequests[0]).not.toContain('filter[statuses]');
    });

    it('of some stages says how many stages have answered while it waits for the others', async () => {
      window.history.replaceState(null, '', stagesUrl([100, 101, 102]));
      let answerLast: () => void = () => undefined;
      const lastAnswered = new Promise<void>((resolve) => (answerLast = resolve));
      renderTable('en', async (request, index) => {
        if (request.path === '/api/v4/leads/pipelines') return jsonResponse(200, pipelines);
        if (request.path === '/api/v4/leads') {
          const status = Number(new URLSearchParams(request.query).get('filter[statuses][0][status_id]'));
          if (status === 102) await lastAnswered;
          return jsonResponse(200, { _embedded: { leads: [leadIn(status)] } });
        }
        return handler(request, index);
      });
      expect(await screen.findByText('Loading 2 of 3 stages…')).toBeTruthy();
      answerLast();
      expect(await screen.findByRole('gridcell', { name: /Lead 102/ })).toBeTruthy();
      expect(screen.queryByText(/of 3 stages/)).toBeNull();
    });
  });

  it('without tasks: keeps checking further pages while none has matched, instead of showing "No leads"', async () => {
    // 60 pages of leads that all have a task, then one without: past the fetch layer's per-chunk page bound.
    const LAST = 61;
    const leadsPages: FakeHandler = (request, index) => {
      const { path, query } = request;
      if (path !== '/api/v4/leads') return handler(request, index);
      const page = Number(new URLSearchParams(query).get('page') ?? '1');
      const lead = (id: number, task: number | null) => ({
        id,
        name: `Lead ${id}`,
        price: 1,
        status_id: 100,
        pipeline_id: 10,
        responsible_user_id: 5,
        created_at: 1704067140,
        updated_at: 1704067140,
        closest_task_at: task,
      });
      const leads = page === LAST ? [lead(page, null)] : [lead(page, 1704067140)];
      return jsonResponse(200, {
        _page: page,
        _links: page < LAST ? { next: { href: `/api/v4/leads?page=${page + 1}` } } : {},
        _embedded: { leads },
      });
    };
    window.history.replaceState(null, '', '/?tasks=none');
    renderTable('en', leadsPages);
    expect(await screen.findByText(/None of the leads checked so far match/)).toBeTruthy();
    // jsdom lays nothing out, so the virtualized rows are not drawn: the grid and its status line say it.
    const grid = await screen.findByRole('grid', { name: 'Leads' }, { timeout: 10_000 });
    // The header, the one lead, and the totals row (every page checked: the whole view's totals).
    expect(grid.getAttribute('aria-rowcount')).toBe('3');
    expect(within(screen.getByTestId('leads-totals')).getByRole('rowheader').textContent).toBe('TotalsWhole view: 1 lead');
    expect(screen.queryByText('No leads')).toBeNull();
    expect(screen.getByTestId('leads-status').textContent).toContain('1 lead loaded');
  });

  it('shows its columns in the order the export writes them (the saved order, name pinned first, hidden ones left out)', async () => {
    const saved = { visibility: { price: false, pipeline: true }, order: ['stage', 'tags', 'name', 'id'], sizing: {}, density: 'normal' };
    window.localStorage.setItem(COLUMN_PREFERENCES_KEY, JSON.stringify(saved));
    renderTable('en');
    await screen.findByRole('grid', { name: 'Leads' });
    const shown = screen
      .getAllByRole('columnheader')
      .sort((a, b) => Number(a.getAttribute('aria-colindex')) - Number(b.getAttribute('aria-colindex')))
      .map((h) => h.getAttribute('aria-label'))
      .slice(1);
    const label = (id: string) => {
      const header = LEAD_COLUMNS.find((c) => c.id === id)?.header;
      return header ? leadColumnMessages.en[header.key] : id;
    };
    const exported = visibleColumnIds(loadPreferences(DEFAULT_HIDDEN_COLUMNS), []);
    expect(exported.slice(0, 4)).toEqual(['name', 'stage', 'tags', 'id']);
    expect(shown).toEqual(exported.map(label));
  });

  it('resizes a column from the keyboard: arrows, Shift for larger steps, Home to reset', async () => {
    renderTable('en');
    const handle = await screen.findByRole('separator', { name: 'Resize Price' });
    // Not a Tab stop of its own (the header row is one); it still takes the keys once clicked.
    expect(handle.getAttribute('tabindex')).toBe('-1');
    const width = () => Number(screen.getByRole('separator', { name: 'Resize Price' }).getAttribute('aria-valuenow'));
    const start = width();
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(width()).toBe(start + 10);
    fireEvent.keyDown(handle, { key: 'ArrowLeft', shiftKey: true });
    expect(width()).toBe(start - 40);
    // Saved once the resizing settles.
    await waitFor(() => expect(JSON.parse(window.localStorage.getItem('klb.leadsTable.columns.v1') ?? '{}').sizing?.price).toBe(start - 40));
    fireEvent.keyDown(handle, { key: 'Home' });
    expect(width()).toBe(start);
    // The column header keeps its own name, not the handle's.
    expect(screen.getByRole('columnheader', { name: 'Price' })).toBeTruthy();
  });

  it('makes the header row one Tab stop: arrows move between sort buttons, Shift+arrows resize', async () => {
    renderTable('en');
    await screen.findByRole('separator', { name: 'Resize Price' });
    const header = screen.getAllByRole('row')[0]!;
    const stops = () => [...header.querySelectorAll('[tabindex="0"]')];
    expect(stops()).toHaveLength(1);
    const first = stops()[0] as HTMLElement;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    const second = document.activeElement as HTMLElement;
    expect(second).not.toBe(first);
    expect(second.tagName).toBe('BUTTON');
    // The Tab stop follows the focus, so Tab comes back to the button last used.
    expect(stops()).toEqual([second]);
    fireEvent.keyDown(second, { key: 'End' });
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(first);
    const price = within(screen.getByRole('columnheader', { name: 'Price' })).getByRole('button');
    const width = () => Number(screen.getByRole('separator', { name: 'Resize Price' }).getAttribute('aria-valuenow'));
    const start = width();
    price.focus();
    fireEvent.keyDown(price, { key: 'ArrowRight', shiftKey: true });
    expect(width()).toBe(start + 10);
    expect(document.activeElement).toBe(price);
  });

  it('renders only the row cells in view, pinned ones always, with their index over all shown columns', async () => {
    viewportWidth = 700;
    renderTable('en');
    const grid = await screen.findByRole('grid', { name: 'Leads' });
    const colCount = Number(grid.getAttribute('aria-colcount'));
    // Every header is rendered (its sort button reachable with the arrows), indexed 1..n.
    const headerCols = screen.getAllByRole('columnheader').map((h) => Number(h.getAttribute('aria-colindex')));
    expect(headerCols).toEqual(Array.from({ length: colCount }, (_, i) => i + 1));
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-colindex')).toBe('2');
    const row = await screen.findByRole('row', { name: /Gran trato/ });
    const cells = () => [...row.querySelectorAll('[role=gridcell]')];
    const cellCols = () => cells().map((c) => c.getAttribute('data-col'));
    await waitFor(() => expect(cellCols()).toContain('price'));
    expect(cellCols()).not.toContain('tags');
    expect(cells().length).toBeLessThan(colCount);

    // Scrolled to the right end: the far columns are rendered, the pinned ones still are, and each
    // cell has the index of its column's header.
    grid.scrollLeft = 5000;
    fireEvent.scroll(grid);
    await waitFor(() => expect(cellCols()).toContain('tags'));
    expect(cellCols()).not.toContain('id');
    expect(cellCols().slice(0, 2)).toEqual(['expand', 'name']);
    const headerIndexByLabel = new Map(
      screen.getAllByRole('columnheader').map((h) => [h.getAttribute('aria-label'), h.getAttribute('aria-colindex')]),
    );
    const tagsCell = row.querySelector('[role=gridcell][data-col=tags]');
    expect(tagsCell?.getAttribute('aria-colindex')).toBe(headerIndexByLabel.get('Tags'));
    expect(Math.max(...cells().map((c) => Number(c.getAttribute('aria-colindex'))))).toBe(colCount);
  });

  it('keeps the column of a focused cell rendered while the grid scrolls sideways, until focus leaves', async () => {
    viewportWidth = 700;
    renderTable('en');
    const grid = await screen.findByRole('grid', { name: 'Leads' });
    const row = await screen.findByRole('row', { name: /Gran trato/ });
    const cellCols = () => [...row.querySelectorAll('[role=gridcell]')].map((c) => c.getAttribute('data-col'));
    await waitFor(() => expect(cellCols()).toContain('price'));
    fireEvent.focusIn(row.querySelector('[role=gridcell][data-col=price]')!);
    grid.scrollLeft = 5000;
    fireEvent.scroll(grid);
    await waitFor(() => expect(cellCols()).toContain('tags'));
    expect(cellCols()).toContain('price');
    fireEvent.focusOut(row.querySelector('[role=gridcell][data-col=price]')!, { relatedTarget: document.body });
    await waitFor(() => expect(cellCols()).not.toContain('price'));
    expect(cellCols()).toContain('tags');
  });
});
