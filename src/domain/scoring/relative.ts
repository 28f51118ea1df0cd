/**
 * Relative skill against the crowd of other sources, in the spirit of Metaculus' relative
 * and Peer scores (Metaculus, "Scores FAQ", https://www.metaculus.com/help/scores-faq/),
 * using the Brier score and the median of the other sources' counted forecasts.
 */
import { CompensatedSum } from './sum.js';
import type { CountedForecast } from './types.js';

export interface RelativeBrier {
  /** Mean Brier of the source minus mean Brier of the others' median; negative is better. */
  relativeBrier: number | null;
  /** Claims where the source and at least one other source have a counted forecast. */
  sharedClaims: number;
}

/**
 * Median of a non-empty list: the middle value, or the mean (a + b) / 2 of the two middle
 * values for an even count (as numpy `median`). Throws RangeError for an empty list.
 */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Relative Brier of `sourceId`. Over the S shared claims c (claims where the source and at
 * least one other source have a counted forecast), with mᶜ the median of the other sources'
 * counted probabilities on c and oᶜ the outcome:
 *   relativeBrier = (1/S) Σ_c brier(source, c) − (1/S) Σ_c (mᶜ − oᶜ)²
 * where brier(source, c) is the source's counted Brier (time-averaged under that rule).
 * Unitless; negative means the source beat the crowd median. Edge case: S = 0 → null.
 * Throws RangeError when a source has two counted forecasts on one claim.
 */
export function relativeBrier(counted: readonly CountedForecast[], sourceId: string): RelativeBrier {
  const own = new Map<string, CountedForecast>();
  const others = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const c of counted) {
    const key = JSON.stringify([c.sourceId, c.claimId]);
    if (seen.has(key)) throw new RangeError(`two counted forecasts for source ${c.sourceId} on claim ${c.claimId}`);
    seen.add(key);
    if (c.sourceId === sourceId) own.set(c.claimId, c);
    else appendTo(others, c.claimId, c.probability);
  }
  const mine = new CompensatedSum();
  const crowd = new CompensatedSum();
  let sharedClaims = 0;
  for (const [claimId, c] of own) {
    const probabilities = others.get(claimId);
    if (probabilities === undefined) continue;
    sharedClaims += 1;
    mine.add(c.brier);
    crowd.add(crowdBrier(probabilities, c.outcome));
  }
  if (sharedClaims === 0) return { relativeBrier: null, sharedClaims };
  return { relativeBrier: mine.value() / sharedClaims - crowd.value() / sharedClaims, sharedClaims };
}

/**
 * The crowd's Brier on a claim as relative Brier counts it: (m − o)², m the median of the
 * other sources' counted probabilities (`medianOf`), o the outcome. Throws RangeError for an
 * empty list.
 */
export function crowdBrier(others: readonly number[], outcome: 0 | 1): number {
  return (medianOf(others) - outcome) ** 2;
}

/**
 * `crowdBrier` of every entry's others at once: entry i is crowdBrier(values without entry i,
 * outcome), the same number; null when there is no other value. O(n log n): the others of an
 * entry are the sorted values with one occurrence of its own value taken out.
 */
export function crowdBriersOfOthers(values: readonly number[], outcome: 0 | 1): Array<number | null> {
  const n = values.length;
  if (n < 2) return values.map(() => null);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (n - 1) >> 1;
  return values.map((v) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (sorted[m]! < v) lo = m + 1;
      else hi = m;
    }
    const at = (k: number) => sorted[k < lo ? k : k + 1]!;
    // As medianOf: the middle one of n − 1 values, or the mean of the two middle ones.
    const median = (n - 1) % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
    return (median - outcome) ** 2;
  });
}

function appendTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
