/**
 * Aalen–Johansen cumulative incidence of each verdict, confirmed and refuted being competing
 * risks (Aalen & Johansen 1978; for two competing events this is the estimator R's
 * `survival::survfit` gives for a multi-state `Surv(days, factor(status))` fit, and
 * `cmprsk::cuminc` without ties corrections):
 *
 *   F_k(t) = Σ_{s ≤ t} S(s−) · d_k(s) / n(s),   k ∈ {confirmed, refuted}
 *
 * with S the all-cause Kaplan–Meier curve (kaplan-meier.ts), n(s) the number at risk and
 * d_k(s) the verdicts of kind k at s. Since S(s) = S(s−) · (1 − (d_confirmed + d_refuted)/n),
 * S(t) + F_confirmed(t) + F_refuted(t) = 1 at every t (up to rounding).
 */
import { kaplanMeier, type DurationTally, type KaplanMeierPoint } from './kaplan-meier.js';

export interface SurvivalPoint extends KaplanMeierPoint {
  cumConfirmed: number;
  cumRefuted: number;
}

/** The Kaplan–Meier curve with both cumulative incidences at each of its points. */
export function competingRisks(tallies: Iterable<DurationTally>): SurvivalPoint[] {
  let before = 1;
  let cumConfirmed = 0;
  let cumRefuted = 0;
  return kaplanMeier(tallies).map((p) => {
    cumConfirmed += (before * p.confirmed) / p.atRisk;
    cumRefuted += (before * p.refuted) / p.atRisk;
    before = p.unresolved;
    // Written out, not spread (see kaplanMeier).
    return {
      days: p.days, confirmed: p.confirmed, refuted: p.refuted, censored: p.censored, atRisk: p.atRisk,
      unresolved: p.unresolved, seLog: p.seLog, lower: p.lower, upper: p.upper, cumConfirmed, cumRefuted,
    };
  });
}
