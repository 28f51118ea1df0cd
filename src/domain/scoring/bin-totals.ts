/**
 * Running totals for calibration: per bin (count, Σp, number of outcomes = 1) and overall
 * (count, Σ brier, Σ log score, number of outcomes = 1). Filled in one pass over the items
 * without allocating per item; sums of reals use compensated summation.
 */
import { logScore } from './scores.js';
import { CompensatedSum } from './sum.js';
import type { CalibrationItem } from './types.js';

export class BinTotals {
  readonly counts: Float64Array;
  readonly ones: Float64Array;
  readonly sumP: CompensatedSum[];

  constructor(readonly size: number) {
    this.counts = new Float64Array(size);
    this.ones = new Float64Array(size);
    this.sumP = Array.from({ length: size }, () => new CompensatedSum());
  }

  /** Record one forecast p with outcome o in bin i. */
  add(i: number, p: number, o: 0 | 1): void {
    this.counts[i] = this.counts[i]! + 1;
    this.ones[i] = this.ones[i]! + o;
    this.sumP[i]!.add(p);
  }
}

export class OverallTotals {
  count = 0;
  ones = 0;
  readonly brier = new CompensatedSum();
  readonly log = new CompensatedSum();
}

/**
 * One pass over `items`: validate each, add its Brier and log score (the item's own when
 * given, else (p − o)² and ln p / ln(1 − p)) to `overall`, and add it to bin `locate(p)`.
 * Throws RangeError for p outside [0, 1], o ∉ {0, 1}, brier outside [0, 1] or logScore > 0/NaN.
 */
export function accumulateItems(
  items: readonly CalibrationItem[],
  locate: (p: number) => number,
  bins: BinTotals,
  overall: OverallTotals,
): void {
  for (let j = 0; j < items.length; j++) {
    const item = items[j]!;
    const p = item.probability;
    const o = item.outcome;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`item ${j}: probability must be in [0, 1], got ${p}`);
    if (o !== 0 && o !== 1) throw new RangeError(`item ${j}: outcome must be 0 or 1, got ${String(o)}`);
    const brier = item.brier ?? (p - o) * (p - o);
    const log = item.logScore ?? logScore(p, o);
    if (!(brier >= 0 && brier <= 1)) throw new RangeError(`item ${j}: brier must be in [0, 1], got ${brier}`);
    if (!(log <= 0)) throw new RangeError(`item ${j}: logScore must be ≤ 0, got ${log}`);
    overall.brier.add(brier);
    overall.log.add(log);
    overall.ones += o;
    bins.add(locate(p), p, o);
  }
  overall.count += items.length;
}
