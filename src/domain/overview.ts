/**
 * How the body of claims held up over time. A claim counts from the earliest of its dates
 * in the world (recording, opening, first forecast, stance or evidence); it is open at the
 * end of a period unless its current resolution was known by then. Lead time = days from
 * that start to the resolution's known-on date.
 */
import { worldStart } from './dates.js';
import { medianOf } from './scoring/index.js';

export type Interval = 'month' | 'quarter' | 'year';
const STATUSES = ['open', 'confirmed', 'refuted', 'annulled', 'unresolvable'] as const;

export interface OverviewClaim {
  id: string;
  title: string;
  status: string;
  knownOn: string | null;
  dates: string[];
}

export interface Period {
  period: string;
  start: string;
  end: string;
  open: number;
  confirmed: number;
  refuted: number;
  annulled: number;
  unresolvable: number;
  resolvedInPeriod: number;
}

const DAY = 86_400_000;

/** The period containing instant t: its label and [start, end) in epoch ms (UTC). */
export function periodOf(t: number, interval: Interval): { label: string; start: number; end: number } {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  if (interval === 'year') return { label: String(y), start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
  if (interval === 'quarter') {
    const q = Math.floor(d.getUTCMonth() / 3);
    return { label: `${y}-Q${q + 1}`, start: Date.UTC(y, q * 3, 1), end: Date.UTC(y, q * 3 + 3, 1) };
  }
  const m = d.getUTCMonth();
  return { label: `${y}-${String(m + 1).padStart(2, '0')}`, start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
}

/** At most this many periods are returned (the most recent ones). */
export const MAX_PERIODS = 600;

export function buildOverview(claims: readonly OverviewClaim[], interval: Interval, now: number) {
  const items = claims.map((c) => {
    const starts = c.dates.map((d) => worldStart(d)).filter((v): v is number => v !== null);
    const resolvedAt = c.status !== 'open' && c.knownOn ? worldStart(c.knownOn) : null;
    return { ...c, start: starts.length ? Math.min(...starts) : now, resolvedAt };
  });
  const periods: Period[] = [];
  if (items.length > 0) {
    const first = Math.min(...items.map((c) => c.start));
    const last = Math.max(now, ...items.map((c) => c.resolvedAt ?? 0));
    let p = periodOf(first, interval);
    const all: Array<typeof p> = [];
    while (p.start <= last) {
      all.push(p);
      p = periodOf(p.end, interval);
    }
    for (const q of all.slice(-MAX_PERIODS)) {
      const row: Period = { period: q.label, start: new Date(q.start).toISOString(), end: new Date(q.end).toISOString(), open: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0, resolvedInPeriod: 0 };
      for (const c of items) {
        if (c.start >= q.end) continue;
        const resolvedBy = c.resolvedAt !== null && c.resolvedAt < q.end;
        const status = (resolvedBy ? c.status : 'open') as (typeof STATUSES)[number];
        if (STATUSES.includes(status)) row[status] += 1;
        if (c.resolvedAt !== null && c.resolvedAt >= q.start && c.resolvedAt < q.end) row.resolvedInPeriod += 1;
      }
      periods.push(row);
    }
  }
  const leads = items
    .filter((c) => c.resolvedAt !== null)
    .map((c) => ({ claimId: c.id, title: c.title, createdAt: new Date(c.start).toISOString(), resolvedOn: c.knownOn as string, days: Math.max(0, ((c.resolvedAt as number) - c.start) / DAY) }))
    .sort((a, b) => a.resolvedOn.localeCompare(b.resolvedOn));
  const days = leads.map((l) => l.days);
  return {
    interval,
    periods,
    leadTimes: {
      count: leads.length,
      medianDays: days.length ? medianOf(days) : null,
      meanDays: days.length ? days.reduce((a, b) => a + b, 0) / days.length : null,
      items: leads,
    },
  };
}
