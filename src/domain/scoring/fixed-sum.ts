/**
 * Exact sums of doubles in fixed point, and when such a sum proves what SQLite's `sum()` of the
 * same terms returns — so that a sum kept in parts (per source and day or month,
 * src/db/score-periods.ts) can stand in for SQLite summing every row, to the last bit.
 *
 * Fixed point: a term x is kept as N(x) = round(x·2^128), an integer, split into LIMBS 32-bit
 * limbs: N = Σₖ limbₖ·2^(32k). Limbs add as
 * plain integers (SQLite's integer sum is exact), in any order, and subtract exactly. Terms
 * with |x| ≥ 2^52, or not finite, are not representable (`fixedTerm` gives null).
 *
 * SQLite's sum() of doubles (src/func.c, 3.43 and later) is Kahan–Babuška–Neumaier summation:
 * tᵢ = fl(s + xᵢ), eᵢ = (s − tᵢ) + xᵢ or (xᵢ − tᵢ) + s, whichever has the larger operand first
 * — eᵢ is exact (Fast2Sum), so sₙ + Σeᵢ = S, the exact sum — c = fl(c + eᵢ), and the answer is
 * fl(sₙ + c). c is a plain recursive sum of the eᵢ, so |c − Σeᵢ| ≤ γₙ₋₁·Σ|eᵢ| with |eᵢ| ≤ u·|tᵢ|
 * ≤ u·A(1 + O(nu)), A = Σ|xᵢ|, u = 2^−53 (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., §4.3 and §4.4): |sₙ + c − S| ≤ 1.01·n²u²·A, taken here as 2(n+1)²u²A.
 * When the exact S lies farther than that (plus the fixed point's own rounding, ½ unit of 2^−128
 * per term) from every point halfway between two doubles, sₙ + c rounds to the same double as S:
 * that double IS SQLite's answer. Otherwise (rarely: the margin is ~10⁻²⁰ of a sum's size) the
 * caller sums the rows as before.
 */

export const LIMBS = 6;
const SCALE = 2 ** 128;
const SCALE_BITS = 128n;
const LIMB_BITS = 32n;
const U = 2 ** -53;
/** 2^(32k): the weight of limb k. */
const UNITS = Array.from({ length: LIMBS }, (_, k) => 2 ** (32 * k));

/** N(x) = round(x·2^128) (halves away from zero), or null when x is not finite or |x| ≥ 2^52. */
export function fixedTerm(x: number): bigint | null {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return null;
  const y = Math.abs(x) * SCALE;
  const n = BigInt(y >= 2 ** 53 ? y : Math.round(y));
  return x < 0 ? -n : n;
}

/**
 * Add sign·N(x) as limbs into sums[at … at + LIMBS): Σₖ limbₖ·2^(32k) = N(x), each limb an
 * integer below 2^32 in magnitude (all of one sign). Plain double arithmetic, every step exact
 * (a power-of-two scaling, floors, and taking off high bits): no BigInt per term, for the
 * writer's sake. False (nothing added) when x is not representable.
 */
export function addFixedLimbs(x: number, sign: number, sums: number[], at: number): boolean {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return false;
  const s = x < 0 ? -sign : sign;
  let r = Math.abs(x) * SCALE;
  for (let k = LIMBS - 1; k > 0; k--) {
    const unit = UNITS[k] as number;
    const limb = Math.floor(r / unit);
    r -= limb * unit;
    sums[at + k] = (sums[at + k] as number) + s * limb;
  }
  // Below 2^32 now: the lowest limb, its fraction rounded as fixedTerm rounds it.
  sums[at] = (sums[at] as number) + s * Math.round(r);
  return true;
}

/** N from limb sums (each any integer, as text or bigint: sums of many limbs pass 2^53). */
export function fromLimbs(limbs: ReadonlyArray<bigint | string | number>): bigint {
  let n = 0n;
  for (let k = limbs.length - 1; k >= 0; k--) n = (n << LIMB_BITS) + BigInt(limbs[k] as bigint | string | number);
  return n;
}

/** An upper bound of |x| in units of 2^−10 (an integer), for the error bound's A. */
export function absUnits(x: number): number {
  return Math.ceil(Math.abs(x) * 1024);
}

const view = new DataView(new ArrayBuffer(8));
/** The next double above (dir 1) or below (dir −1) a finite, non-zero x. */
function nextDouble(x: number, dir: 1 | -1): number {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, (x > 0) === (dir > 0) ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/**
 * SQLite's sum() of n terms whose exact fixed-point sum is `fixed` (units of 2^−128) and whose
 * magnitudes sum to at most `absBound` (units of 2^−10), when it is proved to be the double
 * nearest the exact sum (see the file's comment); null when that is not proved.
 */
export function provenSqliteSum(fixed: bigint, n: number, absBound: number): number | null {
  if (n === 0) return null;
  const scaled = Number(fixed); // N rounded to the nearest double (ties to even)
  // Sums this small (|S| < 2^−60) are left to the rows: their neighbours are not integers of the fixed point.
  if (!Number.isFinite(scaled) || Math.abs(scaled) < 2 ** 68) return null;
  const a = absBound / 1024;
  // The bound in units of 2^−128: the summation's (2(n+1)²u²A) and the fixed point's (½ per term), rounded up.
  const bound = BigInt(Math.ceil((2 * (n + 1) ** 2 * U * U * a + n * 2 ** -129) * SCALE * (1 + 2 ** -40))) + 1n;
  const r = BigInt(scaled);
  const d = fixed - r;
  const up = BigInt(nextDouble(scaled, 1)) - r;
  const down = r - BigInt(nextDouble(scaled, -1));
  // Twice the distance from the exact sum to the nearer halfway point of the double's cell.
  const margin2 = d >= 0n ? up - 2n * d : down + 2n * d;
  return margin2 > 2n * bound ? scaled / SCALE : null;
}
