/**
 * Wilson score interval for a binomial proportion.
 *
 * Source: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
 * inference", JASA 22:209–212. The arithmetic follows statsmodels
 * `proportion_confint(count, nobs, method='wilson')` operation for operation, so results
 * agree with it to the last bit or two (statsmodels takes z from `norm.isf(0.025)`, one ulp
 * above the constant below; the effect is below 1e-15).
 */

/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval of `successes` out of `n`.
 *
 * With q = successes / n:
 *   centre = (q + z²/(2n)) / (1 + z²/n)
 *   half   = z · √(q(1 − q)/n + z²/(4n²)) / (1 + z²/n)
 *   [centre − half, centre + half], each clamped to [0, 1].
 *
 * Units: proportions in [0, 1]. Edge cases: n = 0 → null; 0 of n → lower exactly 0; n of n →
 * upper exactly 1 (statsmodels can be off there by ~1e-17). Throws RangeError unless 0 ≤ successes ≤ n, n ≥ 0, z > 0 (all finite).
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): [number, number] | null {
  if (!(n >= 0) || !Number.isFinite(n)) throw new RangeError(`n must be a finite number ≥ 0, got ${n}`);
  if (!(successes >= 0 && successes <= n)) throw new RangeError(`successes must be in [0, n], got ${successes} of ${n}`);
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be finite and > 0, got ${z}`);
  if (n === 0) return null;
  const q = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (q + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n ** 2))) / denom;
  // At q = 0 (q = 1) the lower (upper) end is exactly 0 (1); centre ∓ half can miss it by an ulp.
  const low = successes === 0 ? 0 : clampUnit(centre - half);
  const high = successes === n ? 1 : clampUnit(centre + half);
  return [low, high];
}

function clampUnit(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
