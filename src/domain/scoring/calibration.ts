/**
 * Calibration (reliability diagram) tables with mean scores and the Murphy decomposition.
 * Bin statistics follow scikit-learn `calibration_curve` (mean forecast and fraction of
 * positives per bin); intervals are Wilson score intervals (see wilson.ts).
 */
import { accumulateItems, BinTotals, OverallTotals } from './bin-totals.js';
import { equalBinLower, equalBinUpper, locateEqualBin } from './equal-bins.js';
import { decomposeBrier } from './murphy.js';
import { layoutQuantileBins, locateQuantileBin } from './quantile-bins.js';
import type { Binning, Calibration, CalibrationBin, CalibrationItem, CalibrationOptions } from './types.js';
import { wilsonInterval } from './wilson.js';

export const DEFAULT_BINS = 10;
export const MIN_BINS = 2;
export const MAX_BINS = 50;

/**
 * Calibrate forecasts against outcomes (o = 1 confirmed, 0 refuted).
 *
 * - count = number of items; brier = Σ brierᵢ / count and logScore = Σ logᵢ / count, where an
 *   item's own `brier`/`logScore` is used when given (time-averaged scores), else (p − o)² and
 *   ln p (o = 1) / ln(1 − p) (o = 0).
 * - Bins (`bins` = N, integer 2–50, default 10): `equal` (default) gives N bins, bin i =
 *   [i/N, (i+1)/N), the last closed at 1; `quantile` gives at most N bins of near-equal counts
 *   that never split equal probabilities (rule in quantile-bins.ts), lower/upper = smallest
 *   and largest probability in the bin.
 * - Per bin: count nₖ, meanForecast = Σp / nₖ, observedFrequency = (number with o = 1) / nₖ,
 *   interval = 95% Wilson interval of that frequency. Empty bin → count 0, statistics null.
 * - murphy: see `decomposeBrier`; its withinBin uses the mean Brier above.
 *
 * Edge cases: no items → count 0, brier/logScore/murphy null, bins = N empty equal bins or []
 * for quantile. Runs in one pass (quantile: plus one copy and one sort).
 * Throws RangeError for an invalid item or option.
 */
export function calibrate(items: readonly CalibrationItem[], opts: CalibrationOptions = {}): Calibration {
  const binCount = opts.bins ?? DEFAULT_BINS;
  const binning: Binning = opts.binning ?? 'equal';
  if (!Number.isInteger(binCount) || binCount < MIN_BINS || binCount > MAX_BINS) {
    throw new RangeError(`bins must be an integer from ${MIN_BINS} to ${MAX_BINS}, got ${binCount}`);
  }
  if (binning === 'equal') return calibrateEqual(items, binCount);
  if (binning === 'quantile') return calibrateQuantile(items, binCount);
  throw new RangeError(`unknown binning ${String(binning)}`);
}

function calibrateEqual(items: readonly CalibrationItem[], binCount: number): Calibration {
  const bins = new BinTotals(binCount);
  const overall = new OverallTotals();
  accumulateItems(items, (p) => locateEqualBin(p, binCount), bins, overall);
  const lowers = Array.from({ length: binCount }, (_, i) => equalBinLower(i, binCount));
  const uppers = Array.from({ length: binCount }, (_, i) => equalBinUpper(i, binCount));
  return summarise(bins, overall, lowers, uppers);
}

function calibrateQuantile(items: readonly CalibrationItem[], binCount: number): Calibration {
  const sorted = copyProbabilities(items).sort();
  const { lowers, uppers } = layoutQuantileBins(sorted, binCount);
  const bins = new BinTotals(uppers.length);
  const overall = new OverallTotals();
  accumulateItems(items, (p) => locateQuantileBin(p, uppers), bins, overall);
  return summarise(bins, overall, lowers, uppers);
}

/** The items' probabilities as a Float64Array (validated, −0 read as 0) ready to sort. */
function copyProbabilities(items: readonly CalibrationItem[]): Float64Array {
  const out = new Float64Array(items.length);
  for (let j = 0; j < items.length; j++) {
    const p = items[j]!.probability;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`item ${j}: probability must be in [0, 1], got ${p}`);
    out[j] = p + 0;
  }
  return out;
}

export function summarise(bins: BinTotals, overall: OverallTotals, lowers: number[], uppers: number[]): Calibration {
  const count = overall.count;
  const table = lowers.map((lower, k) => describeBin(bins, k, lower, uppers[k]!));
  if (count === 0) return { count, brier: null, logScore: null, bins: table, murphy: null };
  const brier = overall.brier.value() / count;
  const logScore = overall.log.value() / count;
  return { count, brier, logScore, bins: table, murphy: decomposeBrier(bins, overall, brier) };
}

function describeBin(bins: BinTotals, k: number, lower: number, upper: number): CalibrationBin {
  const count = bins.counts[k]!;
  if (count === 0) return { lower, upper, count, meanForecast: null, observedFrequency: null, interval: null };
  const ones = bins.ones[k]!;
  // The mean of values in [lower, upper] lies in it; clamping only removes a rounding ulp.
  const mean = Math.min(upper, Math.max(lower, bins.sumP[k]!.value() / count));
  return {
    lower,
    upper,
    count,
    meanForecast: mean,
    observedFrequency: ones / count,
    interval: wilsonInterval(ones, count),
  };
}
