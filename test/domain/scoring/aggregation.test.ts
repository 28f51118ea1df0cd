/**
 * The recency-weighted median, against the cases of Metaculus's own tests
 * (tests/unit/test_utils/test_the_math/test_measures.py, test_aggregations.py in
 * github.com/Metaculus/metaculus) and the history get_aggregation_history builds.
 */
import { describe, expect, it } from 'vitest';
import { aggregationHistory, recencyWeightedMedian, recencyWeights, weightedPercentile, type Span } from '../../../src/domain/scoring/aggregation.js';

const col = (rows: number[][], k: number) => rows.map((r) => r[k]!);

describe('weighted_percentile_2d', () => {
  it('reproduces Metaculus’s cases, column by column', () => {
    const cases: Array<[number[][], number[] | null, number, number[]]> = [
      [[[0.5, 0.5], [0.6, 0.4]], null, 50, [0.55, 0.45]],
      [[[0.5, 0.5], [0.6, 0.4]], null, 40, [0.5, 0.4]],
      [[[0.3, 0.7], [0.6, 0.4], [0.1, 0.9]], null, 50, [0.3, 0.7]],
      [[[0.5, 0.5], [0.6, 0.4], [0.1, 0.9]], [0.1, 0.1, 1.0], 50, [0.1, 0.9]],
      [[[0.33, 0.33, 0.34], [0.0, 0.5, 0.5], [0.4, 0.2, 0.4]], null, 50, [0.33, 0.33, 0.4]],
      [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], null, 50, [0, 0, 0]],
    ];
    for (const [rows, weights, q, want] of cases) {
      want.forEach((w, k) => expect(weightedPercentile(col(rows, k), weights, q)).toBeCloseTo(w, 12));
    }
  });
  it('a tie at exactly half the weight gives the midpoint of the two values', () => {
    // Even weights split 50/50 between the two lower and the two upper values.
    expect(weightedPercentile([0.1, 0.2, 0.7, 0.8], [1, 1, 1, 1])).toBeCloseTo(0.45, 15);
    expect(weightedPercentile([0.8, 0.2], [3, 3])).toBeCloseTo(0.5, 15);
    // Equal values whose weights straddle the half: that value, whatever the order of the tied entries.
    expect(weightedPercentile([0.3, 0.6, 0.6, 0.9], [1, 5, 1, 1])).toBe(0.6);
    expect(weightedPercentile([0.6, 0.3, 0.9, 0.6], [1, 1, 1, 5])).toBe(0.6);
  });
});

describe('RecencyWeighted', () => {
  it('weighs nothing for two or fewer forecasts, else e^(√n − √N)', () => {
    expect(recencyWeights(1)).toBeNull();
    expect(recencyWeights(2)).toBeNull();
    const w = recencyWeights(3)!;
    expect(w[2]).toBe(1);
    expect(w[0]).toBeCloseTo(Math.exp(1 - Math.sqrt(3)), 15);
  });
  it('reproduces Metaculus’s RecencyWeightedAggregation cases', () => {
    expect(recencyWeightedMedian([[0.5, 0.5]])).toEqual([0.5, 0.5]);
    const two = recencyWeightedMedian([[0.2, 0.8], [0.4, 0.6]]);
    expect(two[0]).toBeCloseTo(0.3, 15);
    expect(two[1]).toBeCloseTo(0.7, 15);
    expect(recencyWeightedMedian([[0.2, 0.8], [0.3, 0.7], [0.4, 0.6]])).toEqual([0.3, 0.7]);
  });
  it('the most recent forecasts pull the median: five forecasts, the latest two agreeing', () => {
    // Weights e^(√n − √5) ≈ 0.29, 0.44, 0.60, 0.79, 1 (total 3.12): the latest two hold 57 %.
    expect(recencyWeightedMedian([[0.1, 0.9], [0.2, 0.8], [0.3, 0.7], [0.8, 0.2], [0.8, 0.2]])[1]).toBe(0.2);
  });
});

describe('get_aggregation_history', () => {
  const s = (sourceId: string, start: number, end: number | null, p: number): Span => ({ sourceId, start, end, pmf: [1 - p, p] });
  it('one entry per time step, each ending where the next begins; early forecasts moved to the opening', () => {
    const h = aggregationHistory([s('a', -5, 20, 0.2), s('b', 10, null, 0.6), s('a', 20, null, 0.4)], 0, 100);
    expect(h.map((e) => [e.start, e.end, e.forecasters])).toEqual([[0, 10, 1], [10, 20, 2], [20, null, 2]]);
    expect(h.map((e) => e.pmf[1])).toEqual([0.2, expect.closeTo(0.4, 15), expect.closeTo(0.5, 15)]);
  });
  it('leaves out forecasts made after the actual close and forecasts superseded before the opening', () => {
    const h = aggregationHistory([s('a', -10, -5, 0.9), s('a', -5, null, 0.3), s('b', 50, null, 0.8)], 0, 40);
    expect(h.map((e) => [e.start, e.pmf[1]])).toEqual([[0, 0.3]]);
  });
});
