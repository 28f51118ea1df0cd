/**
 * The crowd of a multiple-choice, numeric or date question, as Metaculus aggregates it
 * (`MedianAggregatorMixin.calculate_forecast_values` in utils/the_math/aggregations.py,
 * github.com/Metaculus/metaculus), with the recency weights of its `RecencyWeighted`
 * (w_n = e^(√n − √N), none for N ≤ 2; scoring/aggregation.ts):
 * - multiple choice: the weighted median of each option, then renormalised — 0.001 taken off
 *   each, divided by their sum, and squeezed back into the forecastable range:
 *   m_k ← (m_k − 0.001) / Σ_j (m_j − 0.001) · (1 − K·0.001) + 0.001;
 * - numeric and date: the weighted average of the CDFs (`np.average(values, axis=0, weights)`).
 * Pure.
 */
import { aggregationHistory, recencyWeightedMedian, recencyWeights, type AggregateEntry, type Span } from '../scoring/aggregation.js';

const FLOOR = 0.001;

/** Metaculus's multiple-choice crowd of the active forecasts (oldest first). */
export function renormalisedMedian(forecasts: ReadonlyArray<readonly number[]>): number[] {
  const median = recencyWeightedMedian(forecasts);
  const live = median.filter((v) => !Number.isNaN(v));
  const total = live.reduce((a, v) => a + (v - FLOOR), 0);
  return median.map((v) => (Number.isNaN(v) ? v : ((v - FLOOR) / total) * (1 - live.length * FLOOR) + FLOOR));
}

/** Metaculus's continuous crowd: the recency-weighted average of the active CDFs (oldest first). */
export function recencyWeightedMean(cdfs: ReadonlyArray<readonly number[]>): number[] {
  const weights = recencyWeights(cdfs.length);
  const width = cdfs[0]?.length ?? 0;
  let total = 0;
  for (let i = 0; i < cdfs.length; i++) total += weights ? (weights[i] as number) : 1;
  return Array.from({ length: width }, (_, k) => {
    let sum = 0;
    cdfs.forEach((c, i) => (sum += (c[k] as number) * (weights ? (weights[i] as number) : 1)));
    return sum / total;
  });
}

/**
 * The aggregation history of a question that is not yes/no (`get_aggregation_history`):
 * spans hold each forecast's values (probabilities per option, or its CDF).
 */
export function questionCrowd(spans: readonly Span[], kind: 'probabilities' | 'cdf', openedAt: number, actualCloseAt: number | null): AggregateEntry[] {
  return aggregationHistory(spans, openedAt, actualCloseAt, kind === 'probabilities' ? renormalisedMedian : recencyWeightedMean);
}
