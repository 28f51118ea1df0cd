/**
 * Quantile calibration bins, by the rule of pandas `qcut(p, N, duplicates='drop')` and
 * scikit-learn `calibration_curve(strategy='quantile')`: inner edges at the linearly
 * interpolated k/N quantiles (numpy `percentile`, method 'linear', Hyndman & Fan 1996
 * definition 7), bins closed on the right ((e₍ₖ₋₁₎, eₖ], the first also holding the minimum),
 * duplicate edges merged and empty bins dropped. It is evaluated in exact integer arithmetic:
 *
 *   With the n probabilities sorted as s₀ ≤ … ≤ sₙ₋₁, the k-th edge (k = 1 … N−1) sits at
 *   position (n−1)k/N; a probability lies at or below that edge exactly when it is
 *   ≤ τₖ = s[⌊(n−1)k/N⌋]. So the bins are the value ranges (−∞, U₁], (U₁, U₂], …, (Uₘ, +∞)
 *   over the distinct thresholds U₁ < … < Uₘ among the τₖ, keeping only non-empty ones.
 *
 * Equal probabilities always share a bin. With no ties there are min(n, N) bins whose counts
 * differ by at most one (⌊n/N⌋ or ⌈n/N⌉ when n ≥ N). Ties can only move a cut forward, to
 * the end of the tie group at that quantile, so fewer than N bins may result. Each bin reports lower = its smallest probability and
 * upper = its largest, so it contains exactly the probabilities in [lower, upper].
 *
 * (numpy computes (n−1)·(k/N) in floating point; when that product should be an integer it
 * can land one ulp below it, which moves one item at that cut. This module does not
 * reproduce that rounding.)
 */

/** Bin layout: uppers[i] is bin i's largest probability, lowers[i] its smallest. */
export interface QuantileLayout {
  lowers: number[];
  uppers: number[];
}

/**
 * Lay out quantile bins over ascending-sorted probabilities (see the rule above).
 * Edge case: no probabilities → no bins.
 */
export function layoutQuantileBins(sorted: Float64Array, binCount: number): QuantileLayout {
  const n = sorted.length;
  if (n === 0) return { lowers: [], uppers: [] };
  const uppers: number[] = [];
  for (let k = 1; k < binCount; k++) {
    const tau = sorted[divideFloor((n - 1) * k, binCount)]!;
    if (uppers.length === 0 || tau > uppers[uppers.length - 1]!) uppers.push(tau);
  }
  const max = sorted[n - 1]!;
  if (uppers.length === 0 || uppers[uppers.length - 1]! < max) uppers.push(max);
  const lowers = uppers.map((_, i) => (i === 0 ? sorted[0]! : sorted[countAtMost(sorted, uppers[i - 1]!)]!));
  return { lowers, uppers };
}

/** Index of the first bin whose upper edge is ≥ p (binary search over the uppers). */
export function locateQuantileBin(p: number, uppers: readonly number[]): number {
  let lo = 0;
  let hi = uppers.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (p <= uppers[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Number of sorted values ≤ x (binary search). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** ⌊a / b⌋ for non-negative integers, exact (no rounding of a / b). */
function divideFloor(a: number, b: number): number {
  return (a - (a % b)) / b;
}
