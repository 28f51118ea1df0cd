/**
 * Standard errors and 95 % pointwise intervals of the Aalen–Johansen cumulative incidences
 * (competing-risks.ts), exactly as R's `survival::survfit(Surv(days, factor(status)) ~ 1)`
 * reports them for each state's probability (`pstate`, `std.err`, `lower`, `upper`), read from
 * github.com/therneau/survival at a2533a92 (version 3.8-11):
 *
 * - Variance: the infinitesimal jackknife (IJ), the only one survfitAJ offers ("multi-state
 *   survfit supports only a robust variance", R/survfitAJ.R l. 123–124). With no `id`, every
 *   entry is its own cluster (l. 163–168) and `p0 = (1, 0, 0)`, so the initial influence U0 is
 *   0 (l. 188–191, 318). The C routine src/survfitaj.c (l. 342–486) keeps, for each entry g
 *   and state j, the influence U[g, j] of g on p_j(t), and at each time t with events:
 *     U ← U·(I + A(t))                       (l. 396–432; A the AJ hazard matrix at t)
 *     U[g, s0] −= p_s0(t−)/n,  U[g, k] += p_s0(t−)/n   for g's verdict k at t    (l. 434–447)
 *     U[g, s0] += p_s0(t−)·d_k/n²,  U[g, k] −= p_s0(t−)·d_k/n²  for g at risk at t (l. 449–470)
 *   and `std.err` = √(Σ_g U[g, j]²) (l. 472–478): on the probability scale (`logse = FALSE`,
 *   l. 467). Here n = entries at risk at t, d_k = verdicts of kind k at t.
 * - Interval: survfit_confint(pstate, std.err, logse = FALSE, conf.type, conf.int)
 *   (R/survfitAJ.R l. 489–495) with survfitAJ's default `conf.type = "log"` (its first choice,
 *   l. 7 and 34; survfit.formula passes none, R/survfit.R l. 138–140) and conf.int 0.95:
 *   se_log = se/p (0 when se = 0); lower = exp(log p − z·se_log), upper = min(1,
 *   exp(log p + z·se_log)); both = p when se = 0 (also at p = 0); NA (null here) when p = 0
 *   and se > 0 (R/survfit.R l. 338–360). That arises only with no verdict of the kind yet,
 *   where se is 0 too; survival before 3.8-4 gave NA at p = 0 whatever se was.
 *
 * Entries with the same duration and end have the same influence, and every entry still at
 * risk has the same one; so instead of an n × 3 matrix this keeps the influence a of the
 * entries at risk and M = Σ U·Uᵀ (3 × 3) over those that left, each step mapping M to
 * (I + A)ᵀ·M·(I + A): O(1) per duration, the same sums as the C loop (to rounding).
 */
import { Z_95 } from '../scoring/wilson.js';
import type { KaplanMeierPoint } from './kaplan-meier.js';

/** Influence vector over the states (0: no verdict yet, 1: confirmed, 2: refuted). */
type Vec3 = [number, number, number];
/** Symmetric 3 × 3 matrix, row-major. */
type Mat3 = number[];

export interface IncidenceStdErr {
  /** std.err of the share still without a verdict (equals S·√Greenwood for this data). */
  unresolved: number;
  confirmed: number;
  refuted: number;
}

/** M += w·v·vᵀ. */
function addOuter(m: Mat3, v: Vec3, w: number): void {
  if (w === 0) return;
  for (let i = 0; i < 3; i += 1) for (let j = 0; j < 3; j += 1) m[i * 3 + j]! += w * v[i]! * v[j]!;
}

/** Tᵀ·M·T for T = I + A, A's only non-zero row the first: (−d/n, d1/n, d2/n). */
function transform(m: Mat3, t: Vec3): Mat3 {
  // T = [[t0, t1, t2], [0, 1, 0], [0, 0, 1]] with t0 = 1 − d/n, t1 = d1/n, t2 = d2/n.
  const T = [t[0], t[1], t[2], 0, 1, 0, 0, 0, 1];
  const mt = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i += 1) for (let j = 0; j < 3; j += 1) for (let k = 0; k < 3; k += 1) mt[i * 3 + j]! += m[i * 3 + k]! * T[k * 3 + j]!;
  const out = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i += 1) for (let j = 0; j < 3; j += 1) for (let k = 0; k < 3; k += 1) out[i * 3 + j]! += T[k * 3 + i]! * mt[k * 3 + j]!;
  return out;
}

/**
 * The IJ standard errors of the three state probabilities at each Kaplan–Meier point (same
 * order and length): S (no verdict yet), F_confirmed and F_refuted. All ≥ 0; 0 before the
 * first verdict of a kind.
 */
export function aalenJohansenStdErrs(points: readonly KaplanMeierPoint[]): IncidenceStdErr[] {
  let a: Vec3 = [0, 0, 0];
  let m: Mat3 = new Array<number>(9).fill(0);
  let before = 1;
  return points.map((p) => {
    const n = p.atRisk;
    const d = p.confirmed + p.refuted;
    if (d > 0) {
      const t: Vec3 = [1 - d / n, p.confirmed / n, p.refuted / n];
      m = transform(m, t);
      // U·(I + A), then the at-risk term −p(t−)·dΛ (l. 449–470).
      const h = before / (n * n);
      a = [a[0] * t[0] + d * h, a[1] + a[0] * t[1] - p.confirmed * h, a[2] + a[0] * t[2] - p.refuted * h];
      // The dN term of the entries with a verdict at t (l. 434–447).
      addOuter(m, [a[0] - before / n, a[1] + before / n, a[2]], p.confirmed);
      addOuter(m, [a[0] - before / n, a[1], a[2] + before / n], p.refuted);
    }
    addOuter(m, a, p.censored);
    const left = n - d - p.censored;
    before = p.unresolved;
    const se = (j: number) => Math.sqrt(Math.max(0, m[j * 4]! + left * a[j]! * a[j]!));
    return { unresolved: se(0), confirmed: se(1), refuted: se(2) };
  });
}

/**
 * survfit_confint(p, se, logse = FALSE, conf.type = "log", conf.int = 0.95) of R's survival
 * (R/survfit.R l. 338–360): the 95 % interval of a probability p from its std.err on the
 * probability scale, on the log scale, upper end capped at 1. se = 0 → [p, p]; p = 0 with
 * se > 0 → nulls (R's NA). Always lower ≤ p ≤ upper, within [0, 1].
 */
export function probabilityLogInterval(p: number, se: number, z = Z_95): { lower: number | null; upper: number | null } {
  if (se === 0) return { lower: p, upper: p };
  if (!(p > 0)) return { lower: null, upper: null };
  const w = z * (se / p);
  // exp(log p) can land an ulp off p: kept inside so the interval always holds p (R's can miss it by that ulp).
  return { lower: Math.min(p, Math.exp(Math.log(p) - w)), upper: Math.min(Math.max(p, Math.exp(Math.log(p) + w)), 1) };
}

/** The extra fields of a survival point with the cumulative incidences' bands (issue 14 answer, `incidenceBands=true`). */
export interface IncidenceBand {
  cumConfirmedStdErr: number;
  cumConfirmedLower: number | null;
  cumConfirmedUpper: number | null;
  cumRefutedStdErr: number;
  cumRefutedLower: number | null;
  cumRefutedUpper: number | null;
}

/**
 * For each point of competingRisks(…) (same order): the std.err of cumConfirmed and cumRefuted
 * and their 95 % log-scale intervals, as R's survfit reports them for those states.
 */
export function incidenceBands(points: ReadonlyArray<KaplanMeierPoint & { cumConfirmed: number; cumRefuted: number }>): IncidenceBand[] {
  const errs = aalenJohansenStdErrs(points);
  return points.map((p, i) => {
    const se = errs[i]!;
    const c = probabilityLogInterval(p.cumConfirmed, se.confirmed);
    const r = probabilityLogInterval(p.cumRefuted, se.refuted);
    return { cumConfirmedStdErr: se.confirmed, cumConfirmedLower: c.lower, cumConfirmedUpper: c.upper, cumRefutedStdErr: se.refuted, cumRefutedLower: r.lower, cumRefutedUpper: r.upper };
  });
}
