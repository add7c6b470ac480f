import { describe, expect, it } from 'vitest';
import { datePresetRange, resolveDatePresets } from './account-time';
import { encodeViewSearch, parseViewSearch } from '@/lib/url-state/leads-url-codec';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('rolling date presets in the URL', () => {
  it('round-trip as date[field]=preset, never as frozen seconds', () => {
    const search = 'filter[pipeline_id][]=3&date[closed_at]=thisQuarter&date[closest_task_at]=beforeNow';
    const { query, issues } = parseViewSearch(search);
    expect(issues).toEqual([]);
    expect(query).toEqual({ filter: { pipeline_id: [3] }, dates: { closed_at: 'thisQuarter', closest_task_at: 'beforeNow' } });
    expect(encodeViewSearch(query)).toBe(search);
  });

  it('names what it cannot read and keeps the preset over a fixed range of the same field', () => {
    const { query, issues } = parseViewSearch(
      'date[nope]=today&date[created_at]=someday&filter[closed_at][from]=5&date[closed_at]=today&date[closed_at]=yesterday',
    );
    expect(query).toEqual({ dates: { closed_at: 'today' } });
    expect(issues.map((i) => i.param)).toEqual(['date[nope]', 'date[created_at]', 'date[closed_at]', 'filter[closed_at]']);
  });

  it('a rolling closest-task range and tasks=none cannot go together', () => {
    const { query, issues } = parseViewSearch('date[closest_task_at]=beforeNow&tasks=none');
    expect(query.tasks).toBeUndefined();
    expect(issues).toHaveLength(1);
  });

  it('resolves to Kommo ranges at the moment given, in the account zone', () => {
    const now = utc('2025-06-02T15:00:00Z');
    const resolved = resolveDatePresets(
      { dates: { closed_at: 'thisMonth', closest_task_at: 'beforeNow' }, filter: { pipeline_id: [1] } },
      now,
      'America/Sao_Paulo',
    );
    expect(resolved).toEqual({
      filter: { pipeline_id: [1], closed_at: { from: utc('2025-06-01T03:00:00Z'), to: utc('2025-07-01T02:59:59Z') }, closest_task_at: { to: now } },
    });
    // The same link a quarter later means the next quarter.
    expect(datePresetRange('thisQuarter', utc('2025-10-02T15:00:00Z'), 'UTC')).toEqual({
      from: utc('2025-10-01T00:00:00Z'),
      to: utc('2025-12-31T23:59:59Z'),
    });
  });
});
