/**
 * Murphy decomposition of the Brier score over calibration bins.
 *
 * Sources: A. H. Murphy (1973), "A new vector partition of the probability score",
 * Journal of Applied Meteorology 12:595–600; D. B. Stephenson, C. A. S. Coelho &
 * I. T. Jolliffe (2008), "Two extra components in the Brier score decomposition",
 * Weather and Forecasting 23:752–757 (why a remainder is left when forecasts within a bin
 * differ: it is their within-bin variance minus covariance term).
 */
import type { BinTotals, OverallTotals } from './bin-totals.js';
import { CompensatedSum } from './sum.js';
import type { Murphy } from './types.js';

/**
 * With N forecasts, bins k of nₖ forecasts, mean forecast p̄ₖ, observed frequency ōₖ and
 * overall frequency ō:
 *   reliability  = (1/N) Σₖ nₖ (p̄ₖ − ōₖ)²
 *   resolution   = (1/N) Σₖ nₖ (ōₖ − ō)²
 *   uncertainty  = ō (1 − ō)
 *   withinBin    = brier − (reliability − resolution + uncertainty)
 * so reliability − resolution + uncertainty + withinBin = brier (the given mean Brier, which
 * may be a time-averaged one); withinBin may be negative. All unitless (squared
 * probability). Empty bins contribute nothing. Edge case: N = 0 → null.
 */
export function decomposeBrier(bins: BinTotals, overall: OverallTotals, brier: number): Murphy | null {
  const n = overall.count;
  if (n === 0) return null;
  const base = overall.ones / n;
  const rel = new CompensatedSum();
  const res = new CompensatedSum();
  for (let k = 0; k < bins.size; k++) {
    const nk = bins.counts[k]!;
    if (nk === 0) continue;
    const meanForecast = bins.sumP[k]!.value() / nk;
    const frequency = bins.ones[k]! / nk;
    rel.add(nk * (meanForecast - frequency) ** 2);
    res.add(nk * (frequency - base) ** 2);
  }
  const reliability = rel.value() / n;
  const resolution = res.value() / n;
  const uncertainty = base * (1 - base);
  return { reliability, resolution, uncertainty, withinBin: brier - (reliability - resolution + uncertainty) };
}
