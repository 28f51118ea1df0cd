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

export interface SourceSpan extends Span {
  stance: 'asserts' | 'denies';
}

export interface VerdictsInPeriod {
  period: string;
  right: number;
  wrong: number;
  pending: number;
}

/** Right / wrong / pending per period for one source's entries (periods in ascending order). */
export function verdictsOverTime(spans: readonly SourceSpan[], periods: readonly PeriodDays[]): VerdictsInPeriod[] {
  return periods.map((p) => {
    let right = 0;
    let wrong = 0;
    let pending = 0;
    for (const s of spans) {
      if (s.startDay >= p.endDay) continue;
      const ended = s.end !== 'open' && s.endDay < p.endDay;
      if (!ended) pending++;
      else if ((s.end === 'confirmed' || s.end === 'refuted') && s.endDay >= p.startDay) {
        if ((s.stance === 'asserts') === (s.end === 'confirmed')) right++;
        else wrong++;
      }
    }
    return { period: p.period, right, wrong, pending };
  });
}
