// Hostile query strings for the app's address bar, deterministic from a seed, and the oracle that
// says which parameters of one were neither applied nor named in the notice. Shared by the
// in-process parser suite (src/lib/url-state/leads-url-codec.chaos.test.ts) and the browser suite.
import { encodeLeadsQuery, type LeadsQuery, type ParsedLeadsQuery } from '../../src/kommo/leads-query';
import { isAppParam } from '../../src/lib/url-state/leads-url-codec';

export type HostileUrlKind = 'random' | 'truncated' | 'oversized' | 'wrong-type' | 'prototype' | 'broken-percent' | 'duplicate';
export type HostileUrl = { kind: HostileUrlKind; search: string };

/** mulberry32: small, fast and good enough to spread cases. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof createRandom>;

const KNOWN_KEYS = [
  'with',
  'page',
  'limit',
  'query',
  'order[id]',
  'order[created_at]',
  'order[updated_at]',
  'order[price]',
  'filter[id][]',
  'filter[id]',
  'filter[id][0]',
  'filter[name][]',
  'filter[responsible_user_id][]',
  'filter[pipeline_id][]',
  'filter[created_by][]',
  'filter[updated_by][]',
  'filter[price]',
  'filter[price][from]',
  'filter[price][to]',
  'filter[created_at][from]',
  'filter[created_at][to]',
  'filter[updated_at][from]',
  'filter[closed_at][to]',
  'filter[closest_task_at][from]',
  'filter[statuses][0][pipeline_id]',
  'filter[statuses][0][status_id]',
  'filter[statuses][1][pipeline_id]',
  'filter[statuses][999][status_id]',
];
const ODD_KEYS = [
  'filter',
  'order',
  'filter[]',
  'filter[statuses]',
  'filter[statuses][0]',
  'filter[statuses][x][pipeline_id]',
  'with[]',
  'page[]',
  'limit[]',
  'query[]',
  'filter[id][][]',
  'filter[price][from][x]',
  'filter[tags][]',
  'utm_source',
  'embedded',
  'lang',
  '',
  'FILTER[ID][]',
  'Page',
  'filter[created_at]',
  'filter[name]',
  'order[]',
  'order[id][x]',
  'callback',
  'redirect',
];
const PROTO_KEYS = [
  '__proto__',
  '__proto__[polluted]',
  'constructor',
  'constructor[prototype][polluted]',
  'prototype',
  'filter[__proto__]',
  'filter[__proto__][polluted]',
  'filter[constructor][prototype][polluted]',
  'order[__proto__]',
  'order[constructor]',
  'filter[statuses][0][__proto__]',
  'filter[statuses][__proto__][pipeline_id]',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'filter[id][__proto__]',
  '__defineGetter__',
  'with[__proto__]',
];
const VALUES = [
  '1',
  '0',
  '-1',
  '42',
  '007',
  ' 12 ',
  '1.5',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '-0',
  '99999999999999999999',
  '9007199254740993',
  'asc',
  'desc',
  'DESC',
  'sideways',
  'contacts',
  'contacts,loss_reason',
  'contacts,,catalog_elements',
  'only_deleted',
  'everything',
  '',
  ' ',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '{"a":1}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u202Eevil',
  '👩‍👩‍👧‍👦',
  'ação',
  '%',
  '1,2,3',
  '../../etc/passwd',
  'a'.repeat(501),
];
const BROKEN_PERCENT = ['%', '%G1', '%E2%82', '%uD800', '%%', '%C0%AF', '%ED%A0%80', '%FF%FE', '%0', '%2', '%zz', '%E0%A4%A'];
const ENCODED_CONTROL = ['%00', '%0d%0a', '%0A', '%1b', '%7f', '%e2%80%ae'];

function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}
function pair(key: string, value: string, raw = false): string {
  return raw ? `${key}=${value}` : `${encodeKey(key)}=${encodeURIComponent(value)}`;
}

function validQuery(r: Random): LeadsQuery {
  const q: LeadsQuery = {};
  if (r.next() < 0.5) q.with = ['contacts'];
  if (r.next() < 0.5) q.query = r.pick(['acme', 'ação', 'a b', '<b>', '100%']);
  if (r.next() < 0.5) q.order = { field: r.pick(['id', 'created_at', 'updated_at'] as const), direction: r.pick(['asc', 'desc'] as const) };
  q.filter = {};
  if (r.next() < 0.6) q.filter.id = Array.from({ length: r.int(1, 4) }, () => r.int(1, 99_999_999));
  if (r.next() < 0.5) q.filter.price = { from: r.int(0, 500), to: r.int(500, 100_000) };
  if (r.next() < 0.5) q.filter.statuses = [{ pipeline_id: r.int(1, 9_999_999), status_id: r.pick([142, 143, r.int(1, 99_999_999)]) }];
  if (r.next() < 0.4) q.filter.created_at = { from: 1_600_000_000, to: 1_700_000_000 + r.int(0, 9_999_999) };
  if (r.next() < 0.3) q.filter.name = ['Deal ' + r.int(1, 999)];
  return q;
}

function generate(kind: HostileUrlKind, r: Random): string {
  switch (kind) {
    case 'random':
      return Array.from({ length: r.int(1, 12) }, () => pair(r.pick(r.next() < 0.7 ? KNOWN_KEYS : ODD_KEYS), r.pick(VALUES))).join('&');
    case 'truncated': {
      const full = encodeLeadsQuery(validQuery(r)) || 'filter[id][]=1&query=%E2%82%AC';
      return full.slice(0, r.int(1, Math.max(1, full.length - 1)));
    }
    case 'oversized': {
      const shape = r.int(0, 3);
      if (shape === 0) return Array.from({ length: r.int(260, 600) }, (_, i) => pair('filter[id][]', String(i + 1))).join('&');
      if (shape === 1) return pair('query', 'x'.repeat(r.int(501, 6000)));
      if (shape === 2) return Array.from({ length: r.int(200, 500) }, (_, i) => pair(`unknown_${i}`, 'v')).join('&');
      return Array.from({ length: r.int(120, 300) }, (_, i) => `${pair(`filter[statuses][${i}][pipeline_id]`, String(i))}`).join('&');
    }
    case 'wrong-type':
      return Array.from({ length: r.int(1, 5) }, () =>
        pair(
          r.pick(KNOWN_KEYS),
          r.pick(['abc', '-1', '1.5', '1e3', '0x1f', '[1,2]', '{"from":1}', 'yesterday', '2024-01-01', 'true', '', '+5', '٣', '１２']),
        ),
      ).join('&');
    case 'prototype':
      return Array.from({ length: r.int(1, 4) }, () => pair(r.pick(PROTO_KEYS), r.pick(['1', 'polluted', 'asc', '{"x":1}', '']))).join('&');
    case 'broken-percent':
      return Array.from({ length: r.int(1, 4) }, () => {
        const bad = r.pick([...BROKEN_PERCENT, ...ENCODED_CONTROL]);
        return r.next() < 0.5 ? pair(r.pick(KNOWN_KEYS), `1${bad}`, true) : `${encodeKey(r.pick(KNOWN_KEYS)).slice(0, 6)}${bad}=1`;
      }).join('&');
    case 'duplicate': {
      const key = r.pick([
        'query',
        'filter[created_at][from]',
        'filter[price][to]',
        'order[id]',
        'filter[statuses][0][pipeline_id]',
        'filter[price]',
        'with',
      ]);
      const value = () =>
        key === 'query'
          ? r.pick(['alpha', 'beta'])
          : key === 'order[id]'
            ? r.pick(['asc', 'desc'])
            : key === 'with'
              ? 'contacts'
              : String(r.int(1, 9));
      const extra = key.startsWith('filter[statuses]') ? `&${pair('filter[statuses][0][status_id]', '142')}` : '';
      return `${pair(key, value())}&${pair(key, value())}${extra}`;
    }
  }
}

const KINDS: readonly HostileUrlKind[] = ['random', 'truncated', 'oversized', 'wrong-type', 'prototype', 'broken-percent', 'duplicate'];

/** `count` search strings (without '?'), kinds in turn, the same list for the same seed. */
export function generateHostileUrls(count: number, seed = 7): HostileUrl[] {
  const r = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length] as HostileUrlKind;
    return { kind, search: generate(kind, r) };
  });
}

const INT = /^\s*\d{1,16}\s*$/;
const intOf = (raw: string) => (INT.test(raw) ? Number(raw.trim()) : NaN);

/**
 * The parameter occurrences of `search` that the parsed view neither applied nor reported: each
 * must be either visible in `parsed.query` or named (by its key, or its range/stage) in an issue.
 */
export function unaccountedParams(search: string, parsed: ParsedLeadsQuery): string[] {
  const issueParams = new Set(parsed.issues.map((i) => i.param));
  const named = (...params: string[]) => params.some((p) => issueParams.has(p));
  const q = parsed.query;
  const f = q.filter ?? {};
  const out: string[] = [];
  for (const [key, raw] of new URLSearchParams(search)) {
    if (named(key) || isAppParam(key, raw)) continue;
    let reflected = false;
    const n = intOf(raw);
    const list = /^filter\[(id|created_by|updated_by|responsible_user_id|pipeline_id|name)\](?:\[\d*\])?$/.exec(key);
    const range = /^filter\[(created_at|updated_at|closed_at|closest_task_at|price)\]\[(from|to)\]$/.exec(key);
    const stage = /^filter\[statuses\]\[(\d{1,3})\]\[(pipeline_id|status_id)\]$/.exec(key);
    const order = /^order\[([^\]]*)\]$/.exec(key);
    if (key === 'with') {
      const parts = raw
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      reflected = parts.every((p) => (q.with as string[] | undefined)?.includes(p));
    } else if (key === 'query') {
      reflected = raw.trim() === '' || q.query === raw.trim();
    } else if (list) {
      const values: unknown[] = (f as Record<string, unknown[] | undefined>)[list[1] as string] ?? [];
      reflected = list[1] === 'name' ? values.includes(raw.trim()) : values.includes(n);
    } else if (key === 'filter[price]') {
      reflected = f.price === n;
    } else if (range) {
      const value = (f as Record<string, unknown>)[range[1] as string];
      reflected = typeof value === 'object' && value !== null && (value as Record<string, number>)[range[2] as string] === n;
      reflected ||= named(`filter[${range[1]}]`);
    } else if (stage) {
      reflected = (f.statuses ?? []).some((s) => s[stage[2] as 'pipeline_id' | 'status_id'] === n) || named(`filter[statuses][${Number(stage[1])}]`);
    } else if (order) {
      reflected = q.order?.field === order[1] && q.order?.direction === raw.trim().toLowerCase();
    }
    if (!reflected) out.push(`${key}=${raw.slice(0, 40)}`);
  }
  return out;
}
