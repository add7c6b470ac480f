// Per responsible user, the numbers a sales manager is judged by, from the loaded leads of the view:
// open value (price of leads not in 142/143), won this period (142, `closed_at` in the period: count
// and price), win rate (won / (won + lost) closed in the period), overdue (open leads whose next task,
// `closest_task_at`, is before now), average age of open leads (now − `created_at`, in days). Each
// "this period" figure comes with the same for the period before (last week, month or quarter, in
// the account's zone). Leads of other views, or not loaded, are not counted: the panel says so.
import type { Lead } from '@/kommo/lead-schema';
import type { Range } from '@/kommo/leads-query';
import { quickRangeUnix } from '@/lib/time/account-time';
import { LOST_STATUS_ID, WON_STATUS_ID } from './compute-summary';

export const SCORECARD_PERIODS = ['week', 'month', 'quarter'] as const;
export type ScorecardPeriod = (typeof SCORECARD_PERIODS)[number];

const THIS: Record<ScorecardPeriod, 'thisWeek' | 'thisMonth' | 'thisQuarter'> = { week: 'thisWeek', month: 'thisMonth', quarter: 'thisQuarter' };

export type PeriodFigures = { won: number; wonValue: number; lost: number; /** Null when nothing closed. */ winRate: number | null };

export type ScorecardRow = {
  userId: number | null;
  openCount: number;
  openValue: number;
  overdue: number;
  /** Null without open leads. */
  averageOpenAgeDays: number | null;
  current: PeriodFigures;
  previous: PeriodFigures;
};

/** This period (from its first day to its last, in the account's zone) and the one before it. */
export function scorecardPeriods(period: ScorecardPeriod, nowSeconds: number, zone: string): { current: Range; previous: Range } {
  const current = quickRangeUnix(THIS[period], nowSeconds, zone);
  // The period that holds the second before this one began: last week, month or quarter.
  const previous = quickRangeUnix(THIS[period], (current.from ?? nowSeconds) - 1, zone);
  return { current, previous };
}

const within = (at: number | null, r: Range) => at !== null && at >= (r.from ?? -Infinity) && at <= (r.to ?? Infinity);

type Acc = { openCount: number; openValue: number; overdue: number; ageSum: number; current: PeriodFigures; previous: PeriodFigures };
const figures = (): PeriodFigures => ({ won: 0, wonValue: 0, lost: 0, winRate: null });

function addClosed(f: PeriodFigures, lead: Lead) {
  if (lead.status_id === WON_STATUS_ID) {
    f.won += 1;
    f.wonValue += lead.price ?? 0;
  } else f.lost += 1;
}

/** One row per responsible user with any loaded lead, the largest open value first. */
export function computeScorecard(leads: readonly Lead[], period: ScorecardPeriod, nowSeconds: number, zone: string): ScorecardRow[] {
  const { current, previous } = scorecardPeriods(period, nowSeconds, zone);
  const byUser = new Map<number | null, Acc>();
  for (const lead of leads) {
    if (lead.is_deleted) continue;
    const user = lead.responsible_user_id;
    let acc = byUser.get(user);
    if (!acc) {
      acc = { openCount: 0, openValue: 0, overdue: 0, ageSum: 0, current: figures(), previous: figures() };
      byUser.set(user, acc);
    }
    const closed = lead.status_id === WON_STATUS_ID || lead.status_id === LOST_STATUS_ID;
    if (!closed) {
      acc.openCount += 1;
      acc.openValue += lead.price ?? 0;
      if (lead.closest_task_at !== null && lead.closest_task_at < nowSeconds) acc.overdue += 1;
      if (lead.created_at !== null) acc.ageSum += Math.max(0, nowSeconds - lead.created_at) / 86_400;
      continue;
    }
    if (within(lead.closed_at, current)) addClosed(acc.current, lead);
    else if (within(lead.closed_at, previous)) addClosed(acc.previous, lead);
  }
  const rate = (f: PeriodFigures): PeriodFigures => ({ ...f, winRate: f.won + f.lost > 0 ? f.won / (f.won + f.lost) : null });
  return [...byUser.entries()]
    .map(([userId, a]) => ({
      userId,
      openCount: a.openCount,
      openValue: a.openValue,
      overdue: a.overdue,
      averageOpenAgeDays: a.openCount > 0 ? a.ageSum / a.openCount : null,
      current: rate(a.current),
      previous: rate(a.previous),
    }))
    .sort((x, y) => y.openValue - x.openValue || y.current.wonValue - x.current.wonValue || (x.userId ?? -1) - (y.userId ?? -1));
}
