/**
 * Calibration from forecasts already grouped by exact probability (what a SQL
 * `GROUP BY probability` returns). Equal probabilities always share a bin under both
 * binnings, so the grouped result equals `calibrate` over the expanded items (up to the
 * order of floating-point summation) while only the distinct values leave the database.
 */
import { BinTotals, OverallTotals } from './bin-totals.js';
import { DEFAULT_BINS, MAX_BINS, MIN_BINS, summarise } from './calibration.js';
import { equalBinLower, equalBinUpper, locateEqualBin } from './equal-bins.js';
import { layoutQuantileBins, locateQuantileBin } from './quantile-bins.js';
import type { Binning, Calibration } from './types.js';

export interface ProbabilityGroup {
  probability: number;
  /** Forecasts with this probability. */
  count: number;
  /** How many of them were confirmed (o = 1). */
  ones: number;
  /** Σ of their Brier scores (time-averaged ones under the time-weighted rule). */
  sumBrier: number;
  /** Σ of their log scores. */
  sumLog: number;
}

/** Sorted probabilities with multiplicity, for the quantile layout. */
function expandSorted(groups: readonly ProbabilityGroup[]): Float64Array {
  const total = groups.reduce((n, g) => n + g.count, 0);
  const out = new Float64Array(total);
  let j = 0;
  for (const g of [...groups].sort((a, b) => a.probability - b.probability)) out.fill(g.probability, j, (j += g.count));
  return out;
}

/** `calibrate` for grouped input; same bins, statistics and Murphy decomposition. */
export function calibrateGroups(groups: readonly ProbabilityGroup[], opts: { bins?: number; binning?: Binning } = {}): Calibration {
  const n = opts.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(n) || n < MIN_BINS || n > MAX_BINS) throw new RangeError(`bins must be an integer from ${MIN_BINS} to ${MAX_BINS}, got ${n}`);
  let lowers: number[];
  let uppers: number[];
  let locate: (p: number) => number;
  if ((opts.binning ?? 'equal') === 'equal') {
    lowers = Array.from({ length: n }, (_, i) => equalBinLower(i, n));
    uppers = Array.from({ length: n }, (_, i) => equalBinUpper(i, n));
    locate = (p) => locateEqualBin(p, n);
  } else {
    ({ lowers, uppers } = layoutQuantileBins(expandSorted(groups), n));
    const u = uppers;
    locate = (p) => locateQuantileBin(p, u);
  }
  const bins = new BinTotals(uppers.length);
  const overall = new OverallTotals();
  for (const g of groups) {
    if (!(g.probability >= 0 && g.probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${g.probability}`);
    const k = locate(g.probability);
    bins.counts[k] = bins.counts[k]! + g.count;
    bins.ones[k] = bins.ones[k]! + g.ones;
    bins.sumP[k]!.add(g.probability * g.count);
    overall.count += g.count;
    overall.ones += g.ones;
    overall.brier.add(g.sumBrier);
    overall.log.add(g.sumLog);
  }
  return summarise(bins, overall, lowers, uppers);
}
