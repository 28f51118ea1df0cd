/**
 * Kaplan–Meier estimate of the share of entries still without a verdict, with Greenwood's
 * variance and the 95 % pointwise interval on the log scale, computed as R's
 * `survival::survfit(Surv(days, event) ~ 1)` does with its default `conf.type = "log"`
 * (survfitKM.R → C routine survfitkm.c, and survfit_confint in survfit.R):
 *
 *   at each distinct duration t (events or censorings), n(t) = entries with duration ≥ t
 *   (an entry censored at t is still at risk at t), d(t) = events at t;
 *   S(t)  = S(t−) · (n − d) / n                       (only where d > 0)
 *   V(t)  = V(t−) + d / (n · (n − d))                 (Greenwood; se of log S = √V)
 *   lower = exp(log S − z·√V), upper = min(1, exp(log S + z·√V)), z = Φ⁻¹(0.975);
 *   both null where S = 0 (log S undefined; V is infinite from there on).
 *
 * Units: durations in whole days; shares in [0, 1].
 */
import { Z_95 } from '../scoring/wilson.js';

/** What ended at one duration: verdicts (the events) and censorings. */
export interface DurationTally {
  days: number;
  confirmed: number;
  refuted: number;
  censored: number;
}

export interface KaplanMeierPoint extends DurationTally {
  atRisk: number;
  /** S(t): the Kaplan–Meier share still without a verdict just after t. */
  unresolved: number;
  /** Greenwood's standard error of log S(t) (Infinity once S = 0). */
  seLog: number;
  lower: number | null;
  upper: number | null;
}

/**
 * Merge tallies of the same duration and sort them by duration (ascending). Throws RangeError
 * on a negative or non-integer duration or count.
 */
export function mergeTallies(tallies: Iterable<DurationTally>): DurationTally[] {
  const byDays = new Map<number, DurationTally>();
  for (const t of tallies) {
    for (const v of [t.days, t.confirmed, t.refuted, t.censored]) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`durations and counts must be whole numbers ≥ 0, got ${v}`);
    }
    const m = byDays.get(t.days) ?? { days: t.days, confirmed: 0, refuted: 0, censored: 0 };
    m.confirmed += t.confirmed;
    m.refuted += t.refuted;
    m.censored += t.censored;
    byDays.set(t.days, m);
  }
  return [...byDays.values()].filter((t) => t.confirmed + t.refuted + t.censored > 0).sort((a, b) => a.days - b.days);
}

/** The 95 % log-scale interval of S given the se of log S (survfit_confint, conf.type "log", upper capped at 1). */
export function logInterval(surv: number, seLog: number, z = Z_95): { lower: number | null; upper: number | null } {
  if (!(surv > 0) || !Number.isFinite(seLog)) return { lower: null, upper: null };
  const se2 = z * seLog;
  return { lower: Math.exp(Math.log(surv) - se2), upper: Math.min(Math.exp(Math.log(surv) + se2), 1) };
}

/**
 * The Kaplan–Meier curve over tallies (merged and sorted here): one point per distinct
 * duration at which an entry ended, ascending. Empty input → no points.
 */
export function kaplanMeier(tallies: Iterable<DurationTally>): KaplanMeierPoint[] {
  const sorted = mergeTallies(tallies);
  let atRisk = sorted.reduce((n, t) => n + t.confirmed + t.refuted + t.censored, 0);
  let surv = 1;
  let greenwood = 0;
  const points: KaplanMeierPoint[] = [];
  for (const t of sorted) {
    const d = t.confirmed + t.refuted;
    if (d > 0) {
      // survfitkm.c: km *= (nrisk - d) / nrisk; v1 += d / (nrisk * (nrisk - d)).
      surv *= (atRisk - d) / atRisk;
      greenwood += d / (atRisk * (atRisk - d));
    }
    const seLog = Math.sqrt(greenwood);
    const { lower, upper } = logInterval(surv, seLog);
    // Written out, not spread: a spread object literal per point cost ~50× the arithmetic (issue 14 §5, cold reads).
    points.push({ days: t.days, confirmed: t.confirmed, refuted: t.refuted, censored: t.censored, atRisk, unresolved: surv, seLog, lower, upper });
    atRisk -= d + t.censored;
  }
  return points;
}

/** The smallest duration with S ≤ 0.5, or null when the curve never gets there. */
export function medianDays(points: readonly Pick<KaplanMeierPoint, 'days' | 'unresolved'>[]): number | null {
  for (const p of points) if (p.unresolved <= 0.5) return p.days;
  return null;
}
