/**
 * Each source's stances right, wrong and pending over time (issue 14, the Overview): over the
 * (source, allegation, stance kind) entries (entries.ts), per period [start, end):
 * - right / wrong: entries whose verdict (confirmed or refuted, by knownOn) fell in the period,
 *   right when `asserts` met confirmed or `denies` met refuted;
 * - pending: entries begun before the period's end whose claim had not ended by then
 *   (open, or resolved — any outcome — on or after the period's end).
 * Annulled and unresolvable ends are neither right nor wrong (not scored, as in track records).
 */
import type { Span } from './entries.js';

export interface PeriodDays {
  period: string;
  /** First day (day number, inclusive) and the day after the last (exclusive). */
  startDay: number;
  endDay: number;
}

/** Entries of one source begun on a day (`started`) or ended on it by their claim's outcome. */
export interface SourceTally {
  day: number;
  stance: 'asserts' | 'denies';
  outcome: 'started' | 'confirmed' | 'refuted' | 'annulled' | 'unresolvable';
  n: number;
}

export interface VerdictsInPeriod {
  period: string;
  right: number;
  wrong: number;
  pending: number;
}

/** The tallies of spans (entries.ts): each starts, and ends unless still open. */
export function talliesOfSpans(spans: Iterable<Span & { stance: 'asserts' | 'denies' }>): SourceTally[] {
  const out: SourceTally[] = [];
  for (const s of spans) {
    out.push({ day: s.startDay, stance: s.stance, outcome: 'started', n: 1 });
    if (s.end !== 'open') out.push({ day: s.endDay, stance: s.stance, outcome: s.end, n: 1 });
  }
  return out;
}

/** Right / wrong / pending per period (ascending) from one source's tallies (any order). */
export function verdictsOverTime(tallies: readonly SourceTally[], periods: readonly PeriodDays[]): VerdictsInPeriod[] {
  const sorted = [...tallies].sort((a, b) => a.day - b.day);
  let i = 0;
  let open = 0;
  return periods.map((p) => {
    let right = 0;
    let wrong = 0;
    for (; i < sorted.length && (sorted[i] as SourceTally).day < p.endDay; i++) {
      const t = sorted[i] as SourceTally;
      if (t.outcome === 'started') {
        open += t.n;
        continue;
      }
      open -= t.n;
      if (t.day < p.startDay || (t.outcome !== 'confirmed' && t.outcome !== 'refuted')) continue;
      if ((t.stance === 'asserts') === (t.outcome === 'confirmed')) right += t.n;
      else wrong += t.n;
    }
    return { period: p.period, right, wrong, pending: open };
  });
}
