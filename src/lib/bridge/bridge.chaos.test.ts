// @vitest-environment jsdom
// Forged postMessage traffic against both ends of the bridge: the iframe's transport and handshake
// (src/lib/bridge) and the Kommo page's widget script (widget/script.js, loaded as Kommo loads it).
// A forged message is "let through" when it settles a pending request, changes the context, or makes
// the widget fetch anything.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { recordFigure } from '../../../e2e/chaos/chaos-figures';
import { createBridgeTransport } from './bridge-transport';
import { connectToKommo } from './kommo-handshake';

const PARENT = 'https://acme.kommo.com';
const DASHBOARD = 'https://dash.example';

const FOREIGN_ORIGINS = [
  'https://evil.example',
  'https://acme.kommo.com.evil.example',
  'http://acme.kommo.com',
  'https://acme.kommo.com:8443',
  'https://evil.kommo.com',
  'null',
  '',
  'https://acme.kommo.co',
  'https://xn--acme-kommo.com',
  'https://ACME.KOMMO.COM.evil',
];

/** Answers shaped wrongly in every way the schemas must catch. */
function malformedAnswers(id: string): unknown[] {
  const ok = { type: 'klb:response', id, status: 200, headers: {}, body: '{}' };
  return [
    null,
    undefined,
    0,
    'klb:response',
    [ok],
    JSON.stringify(ok),
    new Date(),
    { ...ok, type: 'KLB:RESPONSE' },
    { ...ok, status: '200' },
    { ...ok, status: 99 },
    { ...ok, status: 600 },
    { ...ok, status: 200.5 },
    { ...ok, status: Number.NaN },
    { ...ok, body: { a: 1 } },
    { ...ok, body: null },
    { ...ok, headers: null },
    { ...ok, headers: 'content-type: x' },
    { ...ok, headers: { 'content-type': 42 } },
    { ...ok, id: `${id} ` },
    { ...ok, id: '../../etc' },
    { ...ok, id: 'x'.repeat(65) },
    { ...ok, id: [id] },
    { ...ok, type: 'klb:context' },
    { type: 'klb:error', id, reason: 'because' },
    { type: 'klb:error', id, reason: ['network'] },
    { type: 'klb:error', id },
    { ...ok, type: undefined },
    JSON.parse(`{"__proto__":{"type":"klb:response","id":"${id}","status":200,"headers":{},"body":"{}"}}`),
    Object.create({ type: 'klb:response', id, status: 200, headers: {}, body: '{}' }),
  ];
}

/** What postMessage delivers: a structured clone (own data properties only; no functions, no prototypes). */
function cloned(data: unknown): unknown {
  return data === undefined ? undefined : structuredClone(data);
}

const figures = { transportTried: 0, transportLet: 0, handshakeTried: 0, handshakeLet: 0, widgetTried: 0, widgetLet: 0 };
afterAll(() => {
  recordFigure({
    area: 'bridge',
    source: 'iframe transport: forged origins/windows, malformed, unknown and replayed ids',
    tried: figures.transportTried,
    bad: figures.transportLet,
  });
  recordFigure({ area: 'bridge', source: 'iframe handshake: forged contexts', tried: figures.handshakeTried, bad: figures.handshakeLet });
  recordFigure({ area: 'bridge', source: 'widget script (Kommo page): forged requests', tried: figures.widgetTried, bad: figures.widgetLet });
});

const settledState = async (p: Promise<unknown>) => {
  let s = 'pending';
  p.then(
    () => (s = 'resolved'),
    () => (s = 'rejected'),
  );
  await new Promise((r) => setTimeout(r, 0));
  return s;
};

describe('bridge probes: the iframe side', () => {
  it('drops forged, malformed, unknown and replayed answers; the real one still lands', async () => {
    const parent = { postMessage: vi.fn() };
    const strangers = [{ postMessage: vi.fn() }, window, null, window.parent === window ? {} : window.parent];
    let n = 0;
    const transport = createBridgeTransport({
      parentOrigin: PARENT,
      targetWindow: parent as unknown as Window,
      timeoutMs: 60_000,
      createId: () => `chaos-req-${String(++n).padStart(4, '0')}`,
    });
    const deliver = (data: unknown, origin = PARENT, source: unknown = parent) =>
      window.dispatchEvent(new MessageEvent('message', { data: cloned(data), origin, source: source as Window }));

    const first = transport.get({ path: '/api/v4/leads', query: 'page=1', signal: new AbortController().signal });
    const id = 'chaos-req-0001';
    const real = { type: 'klb:response', id, status: 200, headers: { 'content-type': 'application/json' }, body: '{"real":true}' };
    // The right answer from a wrong origin or a wrong window.
    for (const origin of FOREIGN_ORIGINS) {
      figures.transportTried++;
      deliver(real, origin);
    }
    for (const stranger of strangers) {
      figures.transportTried++;
      deliver(real, PARENT, stranger);
    }
    // Wrong shapes from the right window, and answers for ids never asked.
    for (const bad of malformedAnswers(id)) {
      figures.transportTried++;
      deliver(bad);
    }
    for (const unknown of ['chaos-req-0002', 'chaos-req-9999', 'chaos-req-000', 'CHAOS-REQ-0001']) {
      figures.transportTried++;
      deliver({ ...real, id: unknown });
    }
    if ((await settledState(first)) !== 'pending') figures.transportLet++;
    deliver(real);
    await expect(first).resolves.toMatchObject({ body: '{"real":true}' });

    // Replays of the answered id, while a new request waits.
    const second = transport.get({ path: '/api/v4/leads', query: 'page=2', signal: new AbortController().signal });
    for (let i = 0; i < 20; i++) {
      figures.transportTried++;
      deliver({ ...real, body: `replay ${i}` });
      deliver({ type: 'klb:error', id, reason: 'network' });
    }
    if ((await settledState(second)) !== 'pending') figures.transportLet++;
    deliver({ ...real, id: 'chaos-req-0002', body: '{"second":true}' });
    await expect(second).resolves.toMatchObject({ body: '{"second":true}' });
    // Every request went to the exact parent origin, never '*'.
    expect(parent.postMessage.mock.calls.every((call) => call[1] === PARENT)).toBe(true);
    expect(figures.transportLet).toBe(0);
  });

  it('ignores forged contexts before and after the real handshake', async () => {
    const parent = { postMessage: vi.fn() };
    const deliver = (data: unknown, origin = PARENT, source: unknown = parent) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
    const context = (name: string, extra: Record<string, unknown> = {}) => ({
      type: 'klb:context',
      version: 1,
      account: { id: 1, subdomain: 'acme', currency: 'USD', timezone: 'UTC' },
      user: { id: 7, name },
      lang: 'es',
      ...extra,
    });
    const connecting = connectToKommo({ parentOrigin: PARENT, parentWindow: parent as unknown as Window, timeoutMs: 5000, helloIntervalMs: 10_000 });
    const forged = [
      ...FOREIGN_ORIGINS.map((origin) => () => deliver(context('Mallory'), origin)),
      () => deliver(context('Mallory'), PARENT, window),
      () => deliver(context('Mallory'), PARENT, { postMessage: vi.fn() }),
      () => deliver({ ...context('Mallory'), account: { id: 'x' } }),
      () => deliver({ ...context('Mallory'), user: null }),
      () => deliver({ ...context('Mallory'), type: 'klb:hello' }),
      () => deliver({ ...context('Mallory'), lang: 'x'.repeat(5000) }),
    ];
    for (const send of forged) {
      figures.handshakeTried++;
      send();
    }
    if ((await settledState(connecting)) !== 'pending') figures.handshakeLet++;
    deliver(context('Ana'));
    const session = await connecting;
    for (const send of forged.slice(0, FOREIGN_ORIGINS.length + 2)) {
      figures.handshakeTried++;
      send();
    }
    if (session.getContext().user.name !== 'Ana') figures.handshakeLet++;
    session.close();
    expect(figures.handshakeLet).toBe(0);
  });
});

type WidgetCallbacks = { advancedSettings: () => boolean; destroy: () => void };
type WidgetCtor = new () => { callbacks: WidgetCallbacks; get_settings?: () => unknown; system?: () => unknown; langs?: unknown };

function loadWidget(): WidgetCtor {
  const source = readFileSync(join(process.cwd(), 'widget', 'script.js'), 'utf8');
  let factory: ((jq: unknown) => WidgetCtor) | undefined;
  const define = (_deps: string[], f: (jq: unknown) => WidgetCtor) => {
    factory = f;
  };
  // Evaluated in the jsdom global scope, as Kommo's AMD loader would evaluate it in the page.
  new Function('define', source)(define);
  if (!factory) throw new Error('widget/script.js did not call define()');
  const $ = (selector: string) => [document.querySelector(selector)].filter(Boolean);
  return factory($);
}

describe('bridge probes: the widget script in the Kommo page', () => {
  it("relays only the real iframe's well-formed GETs and drops everything else", async () => {
    const fetchSpy = vi.fn(async () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchSpy);
    document.body.innerHTML = '<div id="work-area-klb_leads_browser"></div>';
    const Widget = loadWidget();
    const widget = new Widget();
    widget.get_settings = () => ({ widget_code: 'klb_leads_browser', dashboard_url: `${DASHBOARD}/` });
    widget.system = () => ({ area: 'advanced_settings' });
    expect(widget.callbacks.advancedSettings()).toBe(true);
    const iframe = document.querySelector<HTMLIFrameElement>('iframe[data-klb-frame]');
    expect(iframe?.contentWindow).toBeTruthy();
    const frameWindow = iframe!.contentWindow!;
    const answers: unknown[] = [];
    const targets: string[] = [];
    frameWindow.postMessage = ((message: unknown, targetOrigin: string) => {
      answers.push(message);
      targets.push(targetOrigin);
    }) as Window['postMessage'];
    const other = document.createElement('iframe');
    document.body.appendChild(other);

    const deliver = (data: unknown, origin = DASHBOARD, source: unknown = frameWindow) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
    const request = (id: string, path = '/api/v4/leads', query = 'limit=1') => ({ type: 'klb:request', id, path, query });
    const flush = () => new Promise((r) => setTimeout(r, 0));

    const forged: (() => void)[] = [
      ...FOREIGN_ORIGINS.map((origin) => () => deliver(request('forged-origin-01'), origin)),
      ...[window, other.contentWindow, null, { postMessage: vi.fn() }].map((source) => () => deliver(request('forged-window-01'), DASHBOARD, source)),
      ...[
        '/api/v4/leads/1/notes',
        '/api/v4/../v4/leads',
        '/api/v4/leads%2F..',
        '/api/v4//leads',
        '/api/v4/leads\\x',
        '/api/v4/leads\n',
        'https://evil.example/api/v4/leads',
        '//evil.example/api/v4/leads',
        '/api/v4/webhooks',
        '/oauth2/access_token',
        '',
        '/api/v4/leads?x=1',
      ].map((path) => () => deliver(request('forged-path-0001', path))),
      ...['a#b', 'a?b', 'x'.repeat(8001)].map((query) => () => deliver(request('forged-query-001', '/api/v4/leads', query))),
      ...[
        null,
        'klb:request',
        { type: 'klb:request' },
        { ...request('short'), id: 'short' },
        { ...request('x'), id: 42 },
        { ...request('x'), id: '../../x' },
      ].map((data) => () => deliver(data)),
      () => deliver({ type: 'klb:cancel', id: 'never-existed-01' }),
      () => deliver({ type: 'klb:hello', version: 1 }, 'https://evil.example'),
    ];
    for (const send of forged) {
      figures.widgetTried++;
      send();
    }
    await flush();
    const fetchedForForged = fetchSpy.mock.calls.length;
    figures.widgetLet += fetchedForForged;
    // Context only ever goes to the dashboard's origin, and only after a real hello.
    expect(answers.filter((a) => (a as { type: string }).type === 'klb:context')).toEqual([]);

    // The real iframe, the real request: relayed once; the same id replayed while in flight is dropped.
    let release: (r: Response) => void = () => undefined;
    fetchSpy.mockImplementationOnce(() => new Promise<Response>((resolve) => (release = resolve)));
    deliver(request('real-request-0001'));
    deliver(request('real-request-0001'));
    figures.widgetTried++;
    await flush();
    expect(fetchSpy.mock.calls.length - fetchedForForged).toBe(1);
    if (fetchSpy.mock.calls.length - fetchedForForged > 1) figures.widgetLet++;
    release(new Response('{"ok":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
    await flush();
    await flush();
    // Answered, then replayed: the completed id is remembered and refused (no second fetch, no answer).
    const answered = answers.length;
    deliver(request('real-request-0001'));
    figures.widgetTried++;
    await flush();
    expect(fetchSpy.mock.calls.length - fetchedForForged).toBe(1);
    expect(answers.length).toBe(answered);
    deliver({ type: 'klb:hello', version: 1 });
    expect(
      answers.some((a) => (a as { type: string; id?: string }).type === 'klb:response' && (a as { id: string }).id === 'real-request-0001'),
    ).toBe(true);
    expect(answers.some((a) => (a as { type: string }).type === 'klb:context')).toBe(true);
    expect(targets.every((t) => t === DASHBOARD)).toBe(true);
    // The completed id again (issue 11): remembered, not fetched a second time, not answered again.
    const fetchesBefore = fetchSpy.mock.calls.length;
    const answersBefore = answers.length;
    deliver(request('real-request-0001'));
    figures.widgetTried++;
    await flush();
    await flush();
    if (fetchSpy.mock.calls.length > fetchesBefore) figures.widgetLet++;
    expect(fetchSpy.mock.calls.length).toBe(fetchesBefore);
    expect(answers.length).toBe(answersBefore);
    expect(figures.widgetLet).toBe(0);
    widget.callbacks.destroy();
    vi.unstubAllGlobals();
  });
});
