/**
 * Calibration of numeric and date forecasts (issue 17): the histogram of probability integral
 * transforms (Dawid 1984; Gneiting, Balabdaoui & Raftery 2007) — one PIT per source and
 * resolved question (its last forecast, continuous-scores.ts). A calibrated forecaster's PITs
 * are uniform: each of the 10 bins [k/10, (k+1)/10) (the last closed at 1) holds a tenth.
 * `share` = count / n with its 95 % Wilson interval (null when n = 0). Pure.
 */
import { wilsonInterval } from '../scoring/wilson.js';

export const PIT_BINS = 10;

export interface PitBin {
  lower: number;
  upper: number;
  count: number;
  share: number | null;
  interval: [number, number] | null;
}

export interface PitHistogram {
  count: number;
  bins: PitBin[];
}

/** The bin of a PIT in [0, 1]: ⌊10·v⌋, with 1 in the last bin. */
export function pitBin(v: number): number {
  return Math.min(PIT_BINS - 1, Math.max(0, Math.floor(v * PIT_BINS)));
}

export function pitHistogram(pits: readonly number[]): PitHistogram {
  const counts = new Array<number>(PIT_BINS).fill(0);
  for (const v of pits) counts[pitBin(v)]! += 1;
  const n = pits.length;
  const bins = counts.map((count, k) => ({ lower: k / PIT_BINS, upper: (k + 1) / PIT_BINS, count, share: n === 0 ? null : count / n, interval: wilsonInterval(count, n) }));
  return { count: n, bins };
}
