/**
 * How the body of claims held up over time, from per-day tallies (no per-claim list): a claim
 * counts from its start in the world (the earliest of its recording, opening, first forecast,
 * stance or evidence) and is open at the end of a period unless its current resolution was
 * known by then (knownOn; a resolution known before the claim's start counts from its start).
 * Periods run from the first start to `asOf`; what starts or is known after `asOf` is left out
 * (a claim resolved after `asOf` is open on it).
 */
import { DAY_MS } from './survival/entries.js';

export type Interval = 'month' | 'quarter' | 'year';
/** `resolved`: a multiple-choice, numeric or date question resolved with a value (issue 17). */
export const STATUSES = ['open', 'confirmed', 'refuted', 'annulled', 'unresolvable', 'resolved'] as const;
export type Resolved = Exclude<(typeof STATUSES)[number], 'open'>;

export interface Period {
  period: string;
  start: string;
  end: string;
  open: number;
  confirmed: number;
  refuted: number;
  annulled: number;
  unresolvable: number;
  resolved: number;
  resolvedInPeriod: number;
}

/** Claims begun on a day, and claims whose resolution (by outcome) became known on it. */
export interface DayTally {
  day: number;
  started: number;
  confirmed: number;
  refuted: number;
  annulled: number;
  unresolvable: number;
  resolved: number;
}

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

/** The periods from the one holding `firstDay` to the one holding `lastDay` (the latest MAX_PERIODS), as day numbers [startDay, endDay). */
export function periodsBetween(firstDay: number, lastDay: number, interval: Interval): Array<{ period: string; startDay: number; endDay: number }> {
  const out: Array<{ period: string; startDay: number; endDay: number }> = [];
  if (firstDay > lastDay) return out;
  // Start no earlier than needed for the latest MAX_PERIODS (a year-1 date must not make millions of months).
  const span = { month: 31, quarter: 92, year: 366 }[interval];
  let p = periodOf(Math.max(firstDay, lastDay - (MAX_PERIODS + 1) * span) * DAY_MS, interval);
  while (p.start <= lastDay * DAY_MS) {
    out.push({ period: p.label, startDay: p.start / DAY_MS, endDay: p.end / DAY_MS });
    p = periodOf(p.end, interval);
  }
  return out.slice(-MAX_PERIODS);
}

/**
 * Status at the end of each period, from day tallies (any order; a claim's resolution day
 * already clamped to its start day), up to and including `asOfDay`.
 */
export function statusPeriods(tallies: readonly DayTally[], interval: Interval, asOfDay: number): Period[] {
  const days = tallies.filter((t) => t.day <= asOfDay).sort((a, b) => a.day - b.day);
  const first = days.find((t) => t.started > 0);
  if (!first) return [];
  const periods = periodsBetween(first.day, asOfDay, interval);
  const out: Period[] = [];
  const cum = { started: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0, resolved: 0 };
  let i = 0;
  for (const p of periods) {
    let resolvedInPeriod = 0;
    for (; i < days.length && (days[i] as DayTally).day < p.endDay; i++) {
      const t = days[i] as DayTally;
      const resolved = t.confirmed + t.refuted + t.annulled + t.unresolvable + t.resolved;
      if (t.day >= p.startDay) resolvedInPeriod += resolved;
      cum.started += t.started;
      cum.confirmed += t.confirmed;
      cum.refuted += t.refuted;
      cum.annulled += t.annulled;
      cum.unresolvable += t.unresolvable;
      cum.resolved += t.resolved;
    }
    const { started, confirmed, refuted, annulled, unresolvable, resolved } = cum;
    const open = started - confirmed - refuted - annulled - unresolvable - resolved;
    out.push({ period: p.period, start: new Date(p.startDay * DAY_MS).toISOString(), end: new Date(p.endDay * DAY_MS).toISOString(), open, confirmed, refuted, annulled, unresolvable, resolved, resolvedInPeriod });
  }
  return out;
}
