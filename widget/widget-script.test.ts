// The pure parts of widget/script.js (it cannot import TypeScript, so it is loaded as Kommo would:
// an AMD factory), checked against the app's own rules where the two must agree.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MAX_FILTER_VALUES } from '../src/kommo/leads-query';
import { parseLeadsQuery } from '../src/kommo/parse-leads-query';
import { closeMessageSchema, requestMessageSchema } from '../src/lib/bridge/bridge-protocol';

type ReplayGuard = { has: (id: string) => boolean; remember: (id: string) => void };
type WidgetModule = {
  parseDashboardUrl: (raw: unknown) => URL | null;
  selectedLeadIds: (listed: unknown) => number[];
  readSelection: (listed: unknown) => { ids: number[]; count: number };
  readPageConstants: (app: unknown, user: unknown) => Record<string, unknown> | null;
  splitIntoViews: (ids: number[], size: number) => number[][];
  dashboardUrlForLeads: (url: URL, ids: number[]) => URL;
  createReplayGuard: (windowMs: number, max: number, now?: () => number) => ReplayGuard;
  isCloseMessage: (data: unknown) => boolean;
  IDS_PER_VIEW: number;
};

function loadWidgetModule(): WidgetModule {
  const source = readFileSync(new URL('./script.js', import.meta.url), 'utf8');
  let factory: ((...deps: unknown[]) => WidgetModule) | undefined;
  runInNewContext(source, { URL, Date, define: (_deps: string[], f: (...deps: unknown[]) => WidgetModule) => (factory = f) });
  if (!factory) throw new Error('script.js did not call define()');
  return factory(
    () => [],
    function Modal() {},
  );
}

const widget = loadWidgetModule();

describe('the dashboard URL setting', () => {
  it('takes https addresses, and http only on a loopback host (development)', () => {
    for (const ok of [
      'https://leads.example.com/',
      ' https://leads.example.com:8443/app/ ',
      'http://localhost:3000/',
      'http://127.0.0.1:4319/',
      'http://[::1]:3000/',
    ]) {
      expect(widget.parseDashboardUrl(ok), ok).not.toBeNull();
    }
  });

  it('refuses http elsewhere, other schemes, credentials and garbage', () => {
    for (const bad of [
      'http://leads.example.com/',
      'http://localhost.evil.com/',
      'http://127.0.0.1.evil.com/',
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.example/',
      'https://user:pw@leads.example.com/',
      'leads.example.com',
      '',
      '   ',
      42,
      null,
    ]) {
      expect(widget.parseDashboardUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('the page constants handed to the dashboard', () => {
  it('carry names, groups and the lead rights only: never a login, an API key, or anything that cannot be cloned', () => {
    const constants: Record<string, unknown> = {
      managers: {
        '7': { id: '7', title: 'Ana', active: true, login: 'ana@acme.example', is_admin: 'N', group: 'group_3', amojo_id: 'x', avatar: '/a.png' },
      },
      groups: { group_3: 'Sales' },
      user_rights: {
        is_admin: false,
        leads: { view: 'M', export: 'D', edit: 'M' },
        base_rights: { leads: { view: 'M', export: 'D' }, contacts: { view: 'A' } },
        status_rights: { 10: { 142: { view: 'D' } } },
        mail_admin: true,
      },
    };
    const app = { constant: (key: string) => constants[key], secret: () => 'x' };
    const user = { id: 7, name: 'Ana', login: 'ana@acme.example', api_key: 'abcdef0123456789', group_mates_ids: [7, 8], settings: { f: () => 1 } };
    const page = widget.readPageConstants(app, user);
    expect(page).toEqual({
      managers: { '7': { title: 'Ana', active: true, is_admin: 'N', group: 'group_3' } },
      groups: { group_3: 'Sales' },
      user: { id: 7, group_mates_ids: [7, 8] },
      user_rights: {
        is_admin: false,
        leads: { view: 'M', export: 'D' },
        base_rights: { leads: { view: 'M', export: 'D' } },
        status_rights: { 10: { 142: { view: 'D' } } },
      },
    });
    expect(JSON.stringify(page)).not.toMatch(/ana@acme|abcdef0123456789/);
    expect(
      widget.readPageConstants(
        {
          constant: () => {
            throw new Error('no APP');
          },
        },
        {},
      ),
    ).toMatchObject({ managers: {}, user: {} });
  });
});

describe('ticked leads', () => {
  it('reads the ids of list_selected().selected, once each, dropping anything that is not a lead id', () => {
    const listed = {
      count_selected: 6,
      selected: [{ id: 12, emails: [], phones: [], type: 'lead' }, { id: '15' }, { id: 12 }, { id: -1 }, { id: 1.5 }, { id: 'x' }, null, { id: 99 }],
    };
    expect(widget.selectedLeadIds(listed)).toEqual([12, 15, 99]);
    expect(widget.selectedLeadIds(null)).toEqual([]);
    expect(widget.selectedLeadIds({ selected: 'nope' })).toEqual([]);
  });

  it('reads every shape list_selected() may give: rows, rows keyed by id, bare ids, wrapped in an array', () => {
    expect(widget.readSelection({ selected: [{ id: 3 }, { id: 4 }] })).toEqual({ ids: [3, 4], count: 2 });
    expect(widget.readSelection({ count_selected: 2, selected: { '31': { id: 31, type: 'lead' }, '32': { id: 32 } } })).toEqual({
      ids: [31, 32],
      count: 2,
    });
    expect(widget.readSelection({ selected: { '41': true, '42': {} } })).toEqual({ ids: [41, 42], count: 2 });
    expect(widget.readSelection([{ count_selected: 1, selected: [{ id: 5 }] }])).toEqual({ ids: [5], count: 1 });
    expect(widget.readSelection([{ id: 6 }, 7, '8'])).toEqual({ ids: [6, 7, 8], count: 3 });
    expect(widget.readSelection({ selected: { __proto__x: 1, 'not-an-id': 2 } })).toEqual({ ids: [], count: 0 });
  });

  it('says when "select all" covers more leads than the ids Kommo gave', () => {
    const listed = { count_selected: 1250, selected: [{ id: 1 }, { id: 2 }, { id: 3 }] };
    expect(widget.readSelection(listed)).toEqual({ ids: [1, 2, 3], count: 1250 });
    expect(widget.readSelection({ count_selected: '1250', selected: [] })).toEqual({ ids: [], count: 1250 });
    expect(widget.readSelection({ count_selected: 1, selected: [{ id: 1 }, { id: 2 }] })).toEqual({ ids: [1, 2], count: 2 });
  });

  it('opens the dashboard on exactly those ids, as the app reads filter[id][]', () => {
    const url = widget.dashboardUrlForLeads(new URL('https://leads.example.com/app/?limit=50'), [12, 15, 99]);
    expect(url.origin + url.pathname).toBe('https://leads.example.com/app/');
    const parsed = parseLeadsQuery(url.search);
    expect(parsed.query.filter?.id).toEqual([12, 15, 99]);
  });

  it('splits past one view: each view within what the app reads and the bridge carries', () => {
    expect(widget.IDS_PER_VIEW).toBe(MAX_FILTER_VALUES);
    const ids = Array.from({ length: 601 }, (_, i) => 9_000_000_000 + i);
    const views = widget.splitIntoViews(ids, widget.IDS_PER_VIEW);
    expect(views.map((v) => v.length)).toEqual([250, 250, 101]);
    expect(views.flat()).toEqual(ids);
    for (const view of views) {
      const url = widget.dashboardUrlForLeads(new URL('https://leads.example.com/'), view);
      const parsed = parseLeadsQuery(url.search);
      expect(parsed.query.filter?.id).toEqual(view);
      expect(parsed.issues).toEqual([]);
      // The query the app then sends over the bridge for these ids passes the request schema.
      const request = { type: 'klb:request', id: 'abcdefgh-1234', path: '/api/v4/leads', query: `limit=250&with=contacts&${url.search.slice(1)}` };
      expect(requestMessageSchema.safeParse(request).success).toBe(true);
    }
  });
});

describe('the replay guard', () => {
  it('refuses an id it has seen within the window, and forgets it after', () => {
    let now = 1_000;
    const guard = widget.createReplayGuard(60_000, 100, () => now);
    expect(guard.has('req-00000001')).toBe(false);
    guard.remember('req-00000001');
    expect(guard.has('req-00000001')).toBe(true);
    now += 59_999;
    expect(guard.has('req-00000001')).toBe(true);
    now += 2;
    expect(guard.has('req-00000001')).toBe(false);
  });

  it('keeps at most `max` ids, forgetting the oldest first', () => {
    const guard = widget.createReplayGuard(60_000, 3, () => 0);
    for (const id of ['a0000001', 'a0000002', 'a0000003', 'a0000004']) guard.remember(id);
    expect(['a0000001', 'a0000002', 'a0000003', 'a0000004'].map((id) => guard.has(id))).toEqual([false, true, true, true]);
  });
});

describe('the close message', () => {
  it('is exactly {type:"klb:close"} on both sides', () => {
    const samples: unknown[] = [{ type: 'klb:close' }, { type: 'klb:close', extra: 1 }, { type: 'klb:hello' }, 'klb:close', null, []];
    for (const sample of samples) expect(widget.isCloseMessage(sample), JSON.stringify(sample)).toBe(closeMessageSchema.safeParse(sample).success);
    expect(widget.isCloseMessage({ type: 'klb:close' })).toBe(true);
  });
});
