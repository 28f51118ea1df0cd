/**
 * Scores of one numeric or date forecast, a 201-point CDF over its range (issue 17):
 * - log score: ln of the mass of the bucket the outcome fell in (buckets.ts). Metaculus's FAQ
 *   speaks of the density, a constant ln 200 away; this is the mass.
 * - CRPS, threshold-weighted over the range (Gneiting & Ranjan 2011, "Comparing density
 *   forecasts using threshold- and quantile-weighted scoring rules", JBES 29(3), weight 1 on
 *   [min, max]): ∫_min^max (F(x) − 1{x ≥ y})² dx, F the piecewise-linear CDF through the 201
 *   points, linear in the scale's space (ln x on a log scale), x in the range's units (days for
 *   dates). Nothing outside the range is integrated, so mass beyond it counts through
 *   F(min) = cdf[0] and F(max) = cdf[200]; with both bounds closed it is the ordinary CRPS.
 * - PIT: F at the outcome, interpolated in the scale's space; cdf[0]/2 below an open lower
 *   bound and (1 + cdf[200])/2 above an open upper one (the middle of the mass out there).
 * Pure.
 */
import type { ResolutionValue } from '../types.js';
import { INBOUND_OUTCOMES } from './cdf-check.js';
import { outcomeBucket, outcomeLocation, pmfOfCdf, type NumericRange } from './buckets.js';

const SECONDS_PER_DAY = 86_400;

/** ln(mass of the outcome's bucket). */
export function continuousLogScore(cdf: readonly number[], value: ResolutionValue, r: NumericRange): number {
  return Math.log(pmfOfCdf(cdf)[outcomeBucket(value, r)] as number);
}

/**
 * ∫ over one segment of (F − c)², F linear from fa to fb in the scale's variable t over a
 * segment of width dt starting at t0; c 0 or 1. Linear scale (x = t): the exact quadratic
 * integral dt·(α² + αβ' + β'²)/3 with α = fa − c, β' = fb − c. Log scale (x = e^t, dx = e^t dt):
 * e^t0 ∫_0^dt (α + βs)² e^s ds = e^t0 [G(dt) − G(0)], G(s) = e^s((α+βs)² − 2β(α+βs) + 2β²).
 */
function segment(fa: number, fb: number, c: number, t0: number, dt: number, log: boolean): number {
  const a = fa - c;
  const b = fb - c;
  if (dt <= 0) return 0;
  if (!log) return (dt * (a * a + a * b + b * b)) / 3;
  const beta = (b - a) / dt;
  const g = (s: number, v: number) => Math.exp(s) * (v * v - 2 * beta * v + 2 * beta * beta);
  return Math.exp(t0) * (g(dt, b) - g(0, a));
}

/** The CRPS as defined above; in the range's units (days for a date question: pass `date`). */
export function thresholdCrps(cdf: readonly number[], value: ResolutionValue, r: NumericRange, date = false): number {
  const log = r.scale === 'log';
  const lo = log ? Math.log(r.min) : r.min;
  const step = ((log ? Math.log(r.max) : r.max) - lo) / INBOUND_OUTCOMES;
  // The outcome's place in units of steps from min (clamped: beyond the range the indicator is constant).
  const u = outcomeLocation(value, r);
  const at = Math.min(Math.max(u, 0), 1) * INBOUND_OUTCOMES;
  let sum = 0;
  for (let i = 0; i < INBOUND_OUTCOMES; i++) {
    const fa = cdf[i] as number;
    const fb = cdf[i + 1] as number;
    const t0 = lo + i * step;
    if (at >= i + 1) sum += segment(fa, fb, 0, t0, step, log);
    else if (at <= i) sum += segment(fa, fb, 1, t0, step, log);
    else {
      // The outcome lies inside this segment: 0 before it, 1 from it on.
      const w = at - i;
      const fy = fa + (fb - fa) * w;
      sum += segment(fa, fy, 0, t0, w * step, log) + segment(fy, fb, 1, t0 + w * step, (1 - w) * step, log);
    }
  }
  return date ? sum / SECONDS_PER_DAY : sum;
}

/** The probability integral transform of the outcome under the forecast, as defined above. */
export function pit(cdf: readonly number[], value: ResolutionValue, r: NumericRange): number {
  const u = outcomeLocation(value, r);
  const first = cdf[0] as number;
  const last = cdf[INBOUND_OUTCOMES] as number;
  if (u < 0) return r.openLower ? first / 2 : first;
  if (u > 1) return r.openUpper ? (1 + last) / 2 : last;
  const at = u * INBOUND_OUTCOMES;
  const i = Math.min(Math.floor(at), INBOUND_OUTCOMES - 1);
  const fa = cdf[i] as number;
  return fa + ((cdf[i + 1] as number) - fa) * (at - i);
}
