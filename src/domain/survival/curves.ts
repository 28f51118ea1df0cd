/**
 * The survival answer's groups: entries tallied per group key and duration, each group's
 * Kaplan–Meier and Aalen–Johansen curves, counts and median (see kaplan-meier.ts,
 * competing-risks.ts, entries.ts).
 */
import { incidenceBands, type IncidenceBand } from './aalen-johansen-variance.js';
import { competingRisks, type SurvivalPoint } from './competing-risks.js';
import type { DurationTally } from './kaplan-meier.js';
import { medianDays } from './kaplan-meier.js';
import { isVerdict, type Entry } from './entries.js';

export interface KeyedTally extends DurationTally {
  key: string | null;
}

export interface SurvivalGroup {
  key: string | null;
  entries: number;
  confirmed: number;
  refuted: number;
  censored: number;
  medianDays: number | null;
  points: Array<{
    days: number;
    atRisk: number;
    confirmed: number;
    refuted: number;
    censored: number;
    unresolved: number;
    lower: number | null;
    upper: number | null;
    cumConfirmed: number;
    cumRefuted: number;
  } & Partial<IncidenceBand>>;
}

/** One entry as a tally of one (confirmed, refuted or censored). */
export function tallyOf(key: string | null, e: Entry): KeyedTally {
  return { key, days: e.days, confirmed: e.end === 'confirmed' ? 1 : 0, refuted: e.end === 'refuted' ? 1 : 0, censored: isVerdict(e.end) ? 0 : 1 };
}

/** Order of group keys: null first, then by code unit order (as SQL's BINARY collation). */
export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Groups of tallies (any order, any number per key and duration), ordered by key. With
 * `bands`, each point also carries the std.err and 95 % interval of cumConfirmed and
 * cumRefuted (aalen-johansen-variance.ts), after its other fields.
 */
export function survivalGroups(tallies: Iterable<KeyedTally>, { bands = false }: { bands?: boolean } = {}): SurvivalGroup[] {
  const byKey = new Map<string | null, DurationTally[]>();
  for (const t of tallies) {
    const list = byKey.get(t.key) ?? [];
    list.push(t);
    byKey.set(t.key, list);
  }
  return [...byKey.keys()].sort(compareKeys).map((key) => {
    const points = competingRisks(byKey.get(key) ?? []);
    let confirmed = 0;
    let refuted = 0;
    let censored = 0;
    for (const p of points) (confirmed += p.confirmed), (refuted += p.refuted), (censored += p.censored);
    return {
      key,
      entries: confirmed + refuted + censored,
      confirmed,
      refuted,
      censored,
      medianDays: medianDays(points),
      points: bands ? withBands(points) : points.map(pointOf),
    };
  }).filter((g) => g.entries > 0);
}

/** A point's answer fields, in the contract's order (written out, not spread: see kaplanMeier). */
function pointOf(p: SurvivalPoint): SurvivalGroup['points'][number] {
  return {
    days: p.days, atRisk: p.atRisk, confirmed: p.confirmed, refuted: p.refuted, censored: p.censored,
    unresolved: p.unresolved, lower: p.lower, upper: p.upper, cumConfirmed: p.cumConfirmed, cumRefuted: p.cumRefuted,
  };
}

/** Points with the incidences' bands appended after the contract's fields. */
function withBands(points: SurvivalPoint[]): SurvivalGroup['points'] {
  const bands = incidenceBands(points);
  return points.map((p, i) => Object.assign(pointOf(p), bands[i]));
}
