import { describe, expect, it } from 'vitest';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { computeScorecard, scorecardPeriods } from './compute-scorecard';

function lead(wire: Partial<LeadWire> & { id: number }): Lead {
  return leadSchema.parse({ updated_at: 1_700_000_000, ...wire });
}

const SP = 'America/Sao_Paulo';
// 2026-12-07 12:00 in São Paulo (UTC-3).
const now = Date.parse('2026-12-07T15:00:00Z') / 1000;
const at = (iso: string) => Date.parse(iso) / 1000;
const day = 86_400;

describe('the per-responsible scorecard', () => {
  it('this month and last month run from the first day to the last in the account zone', () => {
    const { current, previous } = scorecardPeriods('month', now, SP);
    expect(current).toEqual({ from: at('2026-12-01T03:00:00Z'), to: at('2026-12-31T23:59:59-03:00') + 0 });
    expect(previous.from).toBe(at('2026-11-01T03:00:00Z'));
    expect(previous.to).toBe(current.from! - 1);
    const quarter = scorecardPeriods('quarter', now, SP);
    expect(quarter.previous.from).toBe(at('2026-07-01T03:00:00Z'));
    expect(quarter.previous.to).toBe(quarter.current.from! - 1);
  });

  it('open value, overdue and age from open leads; won and win rate from leads closed in each period', () => {
    const leads = [
      // Ana (1): two open leads, one overdue; one won and one lost this month; one won last month; one won last year (not counted).
      lead({ id: 1, responsible_user_id: 1, status_id: 11, pipeline_id: 1, price: 1000, created_at: now - 10 * day, closest_task_at: now - 2 * day }),
      lead({ id: 2, responsible_user_id: 1, status_id: 12, pipeline_id: 1, price: 500, created_at: now - 30 * day, closest_task_at: now + day }),
      lead({
        id: 3,
        responsible_user_id: 1,
        status_id: 142,
        pipeline_id: 1,
        price: 4000,
        created_at: now - 90 * day,
        closed_at: at('2026-12-02T12:00:00Z'),
      }),
      lead({
        id: 4,
        responsible_user_id: 1,
        status_id: 143,
        pipeline_id: 1,
        price: 9000,
        created_at: now - 90 * day,
        closed_at: at('2026-12-03T12:00:00Z'),
      }),
      lead({
        id: 5,
        responsible_user_id: 1,
        status_id: 142,
        pipeline_id: 1,
        price: 700,
        created_at: now - 90 * day,
        closed_at: at('2026-11-15T12:00:00Z'),
      }),
      lead({
        id: 6,
        responsible_user_id: 1,
        status_id: 142,
        pipeline_id: 1,
        price: 99,
        created_at: now - 900 * day,
        closed_at: at('2025-11-15T12:00:00Z'),
      }),
      // Bruno (2): one open lead without task, bigger: first.
      lead({ id: 7, responsible_user_id: 2, status_id: 11, pipeline_id: 1, price: 5000, created_at: now - 4 * day, closest_task_at: null }),
    ];
    const [bruno, ana] = computeScorecard(leads, 'month', now, SP);
    expect(bruno).toMatchObject({ userId: 2, openValue: 5000, openCount: 1, overdue: 0, averageOpenAgeDays: 4 });
    expect(bruno?.current.winRate).toBeNull();
    expect(ana).toMatchObject({ userId: 1, openValue: 1500, openCount: 2, overdue: 1, averageOpenAgeDays: 20 });
    expect(ana?.current).toEqual({ won: 1, wonValue: 4000, lost: 1, winRate: 0.5 });
    expect(ana?.previous).toEqual({ won: 1, wonValue: 700, lost: 0, winRate: 1 });
  });
});
