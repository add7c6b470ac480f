import { describe, expect, it } from 'vitest';
import { leadAttention, STALE_DAYS } from './lead-attention';

const now = Date.parse('2026-12-07T12:00:00Z');
const daysAgo = (d: number) => Math.floor(now / 1000) - d * 86_400;

describe('why a lead needs attention', () => {
  it('an overdue task, counted in whole days late, whatever else is true', () => {
    expect(leadAttention({ closest_task_at: daysAgo(3), updated_at: daysAgo(40) }, now)).toMatchObject({ reason: 'overdue', days: 3 });
    expect(leadAttention({ closest_task_at: daysAgo(0) - 60, updated_at: daysAgo(0) }, now)).toMatchObject({ reason: 'overdue', days: 0 });
  });

  it('no task at all, with how long since anything changed', () => {
    expect(leadAttention({ closest_task_at: null, updated_at: daysAgo(2) }, now)).toMatchObject({ reason: 'noTask', days: 2 });
  });

  it(`no change for ${STALE_DAYS} days or more with a task still ahead; fresher leads need nothing`, () => {
    const ahead = daysAgo(-5);
    expect(leadAttention({ closest_task_at: ahead, updated_at: daysAgo(STALE_DAYS) }, now)).toMatchObject({ reason: 'stale', days: STALE_DAYS });
    expect(leadAttention({ closest_task_at: ahead, updated_at: daysAgo(STALE_DAYS - 1) }, now)).toBeNull();
  });

  it('ranks worst first: any overdue task above any lead without one, above any stale one; longer is worse within each', () => {
    const rank = (closest: number | null, updated: number) => leadAttention({ closest_task_at: closest, updated_at: updated }, now)?.severity ?? 0;
    const ahead = daysAgo(-5);
    const ranked = [
      rank(ahead, daysAgo(300)),
      rank(daysAgo(1), daysAgo(0)),
      rank(null, daysAgo(1)),
      rank(daysAgo(9), daysAgo(0)),
      rank(null, daysAgo(30)),
      rank(ahead, daysAgo(20)),
    ];
    expect([...ranked].sort((a, b) => b - a)).toEqual([ranked[3], ranked[1], ranked[4], ranked[2], ranked[0], ranked[5]]);
  });
});
