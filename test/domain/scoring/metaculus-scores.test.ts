/**
 * Metaculus's baseline and peer scores: the cases of its own unit tests
 * (tests/unit/test_scoring/test_score_math.py in github.com/Metaculus/metaculus) and the
 * worked examples of its scoring FAQ (help/scores-faq): the five-day time average, the
 * truncation example (Alex and the performance review), the 80 % expectation, peer sums.
 */
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/domain/scoring/aggregation.js';
import { baselineAccuracy, baselineOf, baselineSpot, geometricMeans, peerAccuracy, peerSpot, type Window } from '../../../src/domain/scoring/metaculus-baseline-peer.js';
import { scoreBinaryClaim, spotBinaryClaim, type BinaryForecast } from '../../../src/domain/scoring/claim-scores.js';

const DAY = 86_400;
const d = (n = 0) => n * DAY;
/** Metaculus's test helper F(): a binary forecast of p from day s to day e. */
const F = (v = 0.5, s = 0, e: number | null = null, sourceId = 'u'): Span => ({ sourceId, start: d(s), end: e === null ? null : d(e), pmf: [1 - v, v] });
const W = (over: Partial<Window> = {}): Window => ({ openedAt: d(0), actualCloseAt: d(10), scheduledCloseAt: d(10), resolutionBucket: 1, questionType: 'binary', ...over });
const gmean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

function expectScores(got: Array<{ score: number; coverage: number }>, want: Array<[number, number]>) {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    expect(g.score).toBeCloseTo(want[i]![0], 8);
    expect(g.coverage).toBeCloseTo(want[i]![1], 8);
  });
}

describe('get_geometric_means (Metaculus test cases)', () => {
  it('counts forecasters, 0 for a lone one, and takes the element-wise geometric mean', () => {
    expect(geometricMeans([])).toEqual([]);
    expect(geometricMeans([F()])).toEqual([{ pmf: [0.5, 0.5], forecasters: 0, timestamp: 0 }]);
    expect(geometricMeans([F(), F()])[0]!.forecasters).toBe(2);
    const [g] = geometricMeans([F(0.7), F(0.8), F(0.9)]);
    expect(g!.pmf[0]).toBeCloseTo(0.18171206, 8);
    expect(g!.pmf[1]).toBeCloseTo(0.79581144, 8);
    expect(g!.forecasters).toBe(3);
  });
  it('steps at starts and ends', () => {
    const steps = (spans: Span[]) => geometricMeans(spans).map((g) => [g.timestamp / DAY, g.forecasters]);
    expect(steps([F(), F(0.5, 1)])).toEqual([[0, 0], [1, 2]]);
    expect(steps([F(), F(0.5, 1), F(0.5, 2)])).toEqual([[0, 0], [1, 2], [2, 3]]);
    expect(steps([F(), F(0.5, 0, 1)])).toEqual([[0, 2], [1, 0]]);
    expect(steps([F(), F(0.5, 1, 2)])).toEqual([[0, 0], [1, 2], [2, 0]]);
  });
});

describe('evaluate_forecasts_baseline_accuracy (Metaculus test cases)', () => {
  it('coverage is the share of the window a forecast stood', () => {
    expectScores(baselineAccuracy([F(0.5, 3)], W()), [[0, 0.7]]);
    expectScores(baselineAccuracy([F(0.5, 1), F(0.5, 7)], W()), [[0, 0.9], [0, 0.3]]);
    expectScores(baselineAccuracy([F(0.5, 0, 3)], W()), [[0, 0.3]]);
    expectScores(baselineAccuracy([F(0.5, 5, 8)], W()), [[0, 0.3]]);
  });
  it('an early resolution truncates: time after the actual close scores 0 but still counts in the average', () => {
    expectScores(baselineAccuracy([F()], W({ actualCloseAt: d(5) })), [[0, 0.5]]);
    expectScores(baselineAccuracy([F(0.5, 5)], W({ actualCloseAt: d(5) })), [[0, 0]]);
    expectScores(baselineAccuracy([F(0.9)], W({ actualCloseAt: d(5) })), [[84.79969066 / 2, 0.5]]);
  });
  it('maths: 100·log₂(2p)', () => {
    expectScores(baselineAccuracy([F(0.9)], W()), [[84.79969066, 1]]);
    expectScores(baselineAccuracy([F(0.1)], W()), [[-232.19280949, 1]]);
    expectScores(baselineAccuracy([F(0.9)], W({ resolutionBucket: 0 })), [[-232.19280949, 1]]);
    expectScores(baselineAccuracy([F(0.9, 5)], W()), [[84.79969066 / 2, 0.5]]);
    expectScores(baselineAccuracy([F(2 ** -0.5)], W()), [[50, 1]]);
    expectScores(baselineAccuracy([F(2 ** -1.5)], W()), [[-50, 1]]);
  });
  it('multiple choice reads an option that did not exist yet from "Other"', () => {
    const v = [1 / 3, 1 - 3 ** -0.5 - 1 / 3, Number.NaN, 3 ** -0.5];
    const mc = (b: number) => baselineAccuracy([{ sourceId: 'u', start: 0, end: null, pmf: v }], W({ resolutionBucket: b, questionType: 'multiple_choice' }));
    expectScores(mc(0), [[0, 1]]);
    expectScores(mc(2), [[50, 1]]);
    expectScores(mc(3), [[50, 1]]);
  });
});

describe('evaluate_forecasts_baseline_spot_forecast (Metaculus test cases)', () => {
  const spot = (spans: Span[], t = 10, over: Partial<Window> = {}) => baselineSpot(spans, d(t), W(over));
  it('scores what stands at the instant', () => {
    expectScores(spot([F(0.5, 3)]), [[0, 1]]);
    expectScores(spot([F(0.5, 0, 3)]), [[0, 0]]);
    expectScores(spot([F(0.5, 5, 8)]), [[0, 0]]);
    expectScores(spot([F(0.5, 5, 8)], 6), [[0, 1]]);
    expectScores(spot([F(0.5, 6)], 5), [[0, 0]]);
    expectScores(spot([F(0.9, 5)]), [[84.79969066, 1]]);
    expectScores(spot([F(0.9)], 10, { resolutionBucket: 0 }), [[-232.19280949, 1]]);
  });
});

describe('evaluate_forecasts_peer_accuracy (Metaculus test cases)', () => {
  const peer = (spans: Span[], over: Partial<Window> = {}) => peerAccuracy(spans, spans, W(over));
  it('a single forecaster scores 0, with coverage', () => {
    expectScores(peer([F(0.9)]), [[0, 1]]);
    expectScores(peer([F(0.5, 3)]), [[0, 0.7]]);
    expectScores(peer([F(), F(0.5, 4, 6)]), [[0, 1], [0, 0.2]]);
    expectScores(peer([F(0.5, 0, 5), F(0.5, 5), F(0.5, 2)]), [[0, 0.5], [0, 0.5], [0, 0.8]]);
  });
  it('early resolution truncates the peer score too', () => {
    expectScores(peer([F()], { actualCloseAt: d(5) }), [[0, 0.5]]);
    expectScores(peer([F(0.5, 5)], { actualCloseAt: d(5) }), [[0, 0]]);
  });
  it('maths: 100·n/(n−1)·ln(p/gm), the average log ratio against each other forecaster', () => {
    expectScores(peer([F(0.1), F(0.9)]), [[100 * Math.log(0.1 / 0.9), 1], [100 * Math.log(0.9 / 0.1), 1]]);
    expectScores(peer([F(0.1), F(0.5), F(0.9)]), [
      [100 * Math.log(0.1 / gmean([0.5, 0.9])), 1],
      [100 * Math.log(0.5 / gmean([0.1, 0.9])), 1],
      [100 * Math.log(0.9 / gmean([0.1, 0.5])), 1],
    ]);
    expectScores(peer([F(0.1), F(0.3), F(0.6), F(0.9)]), [
      [100 * Math.log(0.1 / gmean([0.3, 0.6, 0.9])), 1],
      [100 * Math.log(0.3 / gmean([0.1, 0.6, 0.9])), 1],
      [100 * Math.log(0.6 / gmean([0.1, 0.3, 0.9])), 1],
      [100 * Math.log(0.9 / gmean([0.1, 0.3, 0.6])), 1],
    ]);
  });
  it('a late joiner: scored only while standing, with coverage ½', () => {
    expectScores(peer([F(0.1), F(0.5), F(0.9, 5)]), [
      [100 * (0.5 * Math.log(0.1 / 0.5) + 0.5 * Math.log(0.1 / gmean([0.5, 0.9]))), 1],
      [100 * (0.5 * Math.log(0.5 / 0.1) + 0.5 * Math.log(0.5 / gmean([0.1, 0.9]))), 1],
      [100 * 0.5 * Math.log(0.9 / gmean([0.1, 0.5])), 0.5],
    ]);
  });
  it('peer spot: against the geometric mean that began strictly before the instant', () => {
    const spans = [F(0.1), F(0.5), F(0.9, 5)];
    expectScores(peerSpot(spans, spans, d(10), W()), [
      [100 * Math.log(0.1 / gmean([0.5, 0.9])), 1],
      [100 * Math.log(0.5 / gmean([0.1, 0.9])), 1],
      [100 * Math.log(0.9 / gmean([0.1, 0.5])), 1],
    ]);
    expectScores(peerSpot([F(0.9)], [F(0.9)], d(0), W()), [[0, 0]]);
  });
});

describe("Metaculus's scoring FAQ, worked examples", () => {
  const f = (sourceId: string, day: number, probability: number, inCrowd = true): BinaryForecast => ({ sourceId, madeAt: d(day), probability, inCrowd });
  it('five days, forecasts on days 2, 3 and 5 (40 %, 70 %, 80 %), Yes: daily 0, −32, +49, +49, +68, average +27', () => {
    const s = scoreBinaryClaim([f('you', 1, 0.4), f('you', 2, 0.7), f('you', 4, 0.8)], { openedAt: 0, actualCloseAt: d(5), scheduledCloseAt: d(5), resolutionBucket: 1 });
    expect(Math.round(baselineOf([0.6, 0.4], W()))).toBe(-32);
    expect(Math.round(baselineOf([0.3, 0.7], W()))).toBe(49);
    expect(Math.round(baselineOf([0.2, 0.8], W()))).toBe(68);
    expect(s.sources).toHaveLength(1);
    expect(Math.round(s.sources[0]!.baseline)).toBe(27);
    expect(s.sources[0]!.coverage).toBeCloseTo(0.8, 12);
    expect(s.sources[0]!.peer).toBe(0);
  });
  it('predicting 80 %: +68 if Yes, −132 if No, +28 expected', () => {
    const yes = baselineOf([0.2, 0.8], W());
    const no = baselineOf([0.2, 0.8], W({ resolutionBucket: 0 }));
    expect([Math.round(yes), Math.round(no), Math.round(0.8 * yes + 0.2 * no)]).toEqual([68, -132, 28]);
  });
  it('truncation: fired in the first of 52 weeks after forecasting 24 % scores S(24 %)/52 ≈ −2, coverage 1/52', () => {
    const WEEK = 7 * DAY;
    const s = scoreBinaryClaim([f('alex', 0, 0.24)], { openedAt: 0, actualCloseAt: WEEK, scheduledCloseAt: 52 * WEEK, resolutionBucket: 1 });
    expect(Math.round(baselineOf([0.76, 0.24], W()))).toBe(-106);
    expect(Math.round(s.sources[0]!.baseline)).toBe(-2);
    expect(s.sources[0]!.coverage).toBeCloseTo(1 / 52, 12);
    // Not fired: a year of 5 % after a week of 24 % — (1/52)S(76 %) + (51/52)S(95 %) ≈ +92.
    const not = scoreBinaryClaim([f('alex', 0, 0.24), f('alex', 7, 0.05)], { openedAt: 0, actualCloseAt: 52 * WEEK, scheduledCloseAt: 52 * WEEK, resolutionBucket: 0 });
    expect(Math.round(not.sources[0]!.baseline)).toBe(92);
  });
  it("peer scores of everyone on a question sum to 0 (each is the average difference with every other's)", () => {
    const forecasts = [f('a', 0, 0.2), f('b', 1, 0.6), f('c', 3, 0.9), f('a', 5, 0.5)];
    const s = scoreBinaryClaim(forecasts, { openedAt: 0, actualCloseAt: d(8), scheduledCloseAt: d(10), resolutionBucket: 1 });
    expect(s.sources.map((x) => x.sourceId)).toEqual(['a', 'b', 'c']);
    expect(s.sources.reduce((a, x) => a + x.peer, 0)).toBeCloseTo(0, 9);
  });
});

describe('a claim scored as Metaculus assembles it', () => {
  const f = (sourceId: string, day: number, probability: number, inCrowd = true): BinaryForecast => ({ sourceId, madeAt: d(day), probability, inCrowd });
  const window = { openedAt: 0, actualCloseAt: d(10), scheduledCloseAt: d(10), resolutionBucket: 1 };
  it('a single forecaster gets a peer score of 0 and its baseline', () => {
    const s = scoreBinaryClaim([f('solo', 0, 0.9)], window);
    expect(s.sources).toEqual([{ sourceId: 'solo', baseline: expect.closeTo(84.79969066, 8), peer: 0, coverage: 1 }]);
  });
  it('a platform source is scored but left out of the others’ peer comparison and of the crowd', () => {
    const with_ = scoreBinaryClaim([f('a', 0, 0.3), f('b', 0, 0.8), f('metaculus', 0, 0.99, false)], window);
    const without = scoreBinaryClaim([f('a', 0, 0.3), f('b', 0, 0.8)], window);
    expect(with_.sources.filter((x) => x.sourceId !== 'metaculus')).toEqual(without.sources);
    expect(with_.crowd).toEqual(without.crowd);
    const platform = with_.sources.find((x) => x.sourceId === 'metaculus')!;
    expect(platform.peer).toBeCloseTo(200 * Math.log(0.99 / gmean([0.3, 0.8])), 9);
    expect(platform.coverage).toBe(1);
  });
  it('a forecast made after the actual close has no coverage and is left out', () => {
    const s = scoreBinaryClaim([f('a', 0, 0.6), f('late', 6, 0.9)], { ...window, actualCloseAt: d(5) });
    expect(s.sources.map((x) => x.sourceId)).toEqual(['a']);
  });
  it('the crowd is the aggregation history scored as one more forecaster', () => {
    // Two forecasters: the plain median (0.5) from day 0; a third joins on day 5 (weighted median).
    const s = scoreBinaryClaim([f('a', 0, 0.4), f('b', 0, 0.6), f('c', 5, 0.9)], window);
    expect(s.crowd.coverage).toBeCloseTo(1, 12);
    expect(s.crowd.baseline).toBeCloseTo(0.5 * baselineOf([0.5, 0.5], W()) + 0.5 * baselineOf([0.4, 0.6], W()), 9);
  });
  it('spot scores at an instant, clamped to the actual close', () => {
    const forecasts = [f('a', 0, 0.2), f('b', 1, 0.6), f('b', 7, 0.7)];
    const s = spotBinaryClaim(forecasts, d(20), { ...window, actualCloseAt: d(8) });
    expect(s.sources.map((x) => [x.sourceId, x.coverage])).toEqual([['a', 1], ['b', 1]]);
    expect(s.sources[1]!.baseline).toBeCloseTo(baselineOf([0.3, 0.7], W()), 9);
    expect(s.sources[1]!.peer).toBeCloseTo(200 * Math.log(0.7 / Math.sqrt(0.2 * 0.7)), 9);
    expect(spotBinaryClaim(forecasts, d(0.5), window).sources.map((x) => x.sourceId)).toEqual(['a']);
  });
});
