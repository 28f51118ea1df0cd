/**
 * Compensated summation, so that means over up to a million items stay accurate to
 * about one rounding error instead of growing with the item count.
 *
 * Source: A. Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation
 * endlicher Summen", ZAMM 54:39–51 (the improved Kahan–Babuška algorithm).
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  /** Add one term. Infinite terms are carried through (see `value`). */
  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  /** The sum; ±Infinity (or NaN) when an infinite term was added. */
  value(): number {
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}

/** Σ xᵢ with compensated summation; 0 for an empty list. */
export function sumOf(values: readonly number[]): number {
  const s = new CompensatedSum();
  for (const v of values) s.add(v);
  return s.value();
}
