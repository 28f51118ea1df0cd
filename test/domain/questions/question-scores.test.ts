/**
 * Issue 17: Metaculus's baseline and peer scores for multiple-choice and continuous questions
 * (the cases of its own tests/unit/test_scoring/test_score_math.py, which the port in
 * scoring/metaculus-baseline-peer.ts must reproduce), its multiple-choice and continuous crowd
 * (utils/the_math/aggregations.py), and a whole question scored per source.
 */
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/domain/scoring/aggregation.js';
import { baselineAccuracy, peerAccuracy, type Window } from '../../../src/domain/scoring/metaculus-baseline-peer.js';
import { pmfOfCdf } from '../../../src/domain/questions/buckets.js';
import { recencyWeightedMean, renormalisedMedian } from '../../../src/domain/questions/crowd.js';
import { scoreQuestionClaim, type ValuesForecast } from '../../../src/domain/questions/question-scores.js';
import type { Question } from '../../../src/domain/questions/question.js';

const DAY = 86_400;
const W = (over: Partial<Window>): Window => ({ openedAt: 0, actualCloseAt: 10 * DAY, scheduledCloseAt: 10 * DAY, resolutionBucket: 1, questionType: 'binary', ...over });
const span = (pmf: number[]): Span => ({ sourceId: 'u', start: 0, end: null, pmf });
const linspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

describe("Metaculus's continuous and multiple-choice formulas (its unit tests)", () => {
  it('baseline, numeric: a uniform CDF scores 0, with or without open bounds; 100·ln(pmf[b]/base)/2', () => {
    const one = (cdf: number[], over: Partial<Window>) => baselineAccuracy([span(pmfOfCdf(cdf))], W({ questionType: 'numeric', ...over }))[0]!;
    expect(one(linspace(0, 1, 201), { resolutionBucket: 150 }).score).toBeCloseTo(0, 8);
    expect(one(linspace(0.05, 0.95, 201), { resolutionBucket: 150, openBoundsCount: 2 }).score).toBeCloseTo(0, 8);
    expect(one([0, Math.E / 2, 1], {}).score).toBeCloseTo(50, 8);
    expect(one([0, 1 / (Math.E * 2), 1], {}).score).toBeCloseTo(-50, 8);
  });

  it('peer, multiple choice: 25 and −25, reading an option that did not exist from "Other"', () => {
    const a = [1 / 3, 1 - Math.E ** 0.25 / 3 - 1 / 3, Number.NaN, Math.E ** 0.25 / 3];
    const b = [1 / 3, 1 / 3, Number.NaN, 1 / 3];
    const spans = [{ ...span(a), sourceId: 'a' }, { ...span(b), sourceId: 'b' }];
    for (const [bucket, want] of [[0, [0, 0]], [2, [25, -25]], [3, [25, -25]]] as const) {
      const got = peerAccuracy(spans, spans, W({ resolutionBucket: bucket, questionType: 'multiple_choice' }));
      expect(got.map((g) => g.score)).toEqual([expect.closeTo(want[0], 8), expect.closeTo(want[1], 8)]);
    }
  });

  it('peer, numeric: halved — 100·n/(n−1)·ln(p/gm)/2', () => {
    const a = pmfOfCdf(linspace(0, 1, 201));
    const b = pmfOfCdf(linspace(0, 1, 201).map((v) => v ** 2));
    const spans = [{ ...span(a), sourceId: 'a' }, { ...span(b), sourceId: 'b' }];
    const [pa] = peerAccuracy(spans, spans, W({ resolutionBucket: 150, questionType: 'numeric' }));
    expect(pa!.score).toBeCloseTo((100 * 2 * Math.log(a[150]! / Math.sqrt(a[150]! * b[150]!))) / 2, 8);
  });
});

describe("worked examples of Metaculus's scoring FAQ (help/scores-faq)", () => {
  const times = { openedAt: 0, actualCloseAt: 10 * DAY, scheduledCloseAt: 10 * DAY };
  /** A closed-range CDF with mass m in bucket 100 and the rest spread evenly over the other inner buckets. */
  const cdfWith = (m: number) => {
    let c = 0;
    return [0, ...Array.from({ length: 200 }, (_, i) => (c += i + 1 === 100 ? m : (1 - m) / 199))];
  };
  const numeric: Question = { type: 'numeric', range: { min: 0, max: 200, openLower: false, openUpper: false, scale: 'linear' } };

  it('multiple choice, 8 options: best baseline +99.9 (99.9 % on the outcome), worst −232 (0.1 %)', () => {
    const q: Question = { type: 'multiple-choice', options: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] };
    const others = (p: number) => [p, ...new Array(7).fill((1 - p) / 7)];
    const one = (p: number) => scoreQuestionClaim([{ sourceId: 'u', madeAt: 0, values: others(p), inCrowd: true }], q, 'a', times).sources[0]!.baseline;
    expect(one(0.999)).toBeCloseTo(99.95, 2);
    expect(Math.round(one(0.001))).toBe(-232);
  });

  it('continuous: the worst baseline −230 is the smallest step Metaculus lets a CDF take (0.00005) in the outcome’s bucket', () => {
    const s = scoreQuestionClaim([{ sourceId: 'u', madeAt: 0, values: cdfWith(0.00005), inCrowd: true }], numeric, 99.5, times);
    expect(Math.round(s.sources[0]!.baseline)).toBe(-230);
  });

  it('continuous peer scores of three forecasters with log scores −1, 1, 2 (+ a constant): −2.5, 0.5, 2, summing to 0 (×100, halved)', () => {
    const c = 0.02;
    const fs = [['alex', -1], ['bailey', 1], ['cory', 2]].map(([id, l]) => ({ sourceId: id as string, madeAt: 0, values: cdfWith(c * Math.exp(l as number)), inCrowd: true }));
    const s = scoreQuestionClaim(fs, numeric, 99.5, times);
    expect(s.sources.map((x) => x.peer)).toEqual([expect.closeTo(-125, 8), expect.closeTo(25, 8), expect.closeTo(100, 8)]);
    expect(s.sources.map((x) => x.logScore)).toEqual([-1, 1, 2].map((l) => expect.closeTo(Math.log(c) + l, 9)));
  });
});

describe('the crowd of these questions (aggregations.py)', () => {
  it('multiple choice: the median per option, less 0.001, renormalised and squeezed into the forecastable range', () => {
    // Two forecasters: the plain median (midpoint) of each option.
    const m = renormalisedMedian([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3]]);
    const raw = [0.4, 0.4, 0.2].map((v) => v - 0.001);
    const total = raw.reduce((a, b) => a + b, 0);
    expect(m).toEqual(raw.map((v) => expect.closeTo((v / total) * (1 - 3 * 0.001) + 0.001, 12)));
    expect(m.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('continuous: the recency-weighted average of the CDFs (w_n = e^(√n − √N) from three forecasters on)', () => {
    expect(recencyWeightedMean([[0, 0.5, 1], [0, 0.7, 1]])).toEqual([0, expect.closeTo(0.6, 12), 1]);
    const w = [1, 2, 3].map((n) => Math.exp(Math.sqrt(n) - Math.sqrt(3)));
    const mid = (0.2 * w[0]! + 0.5 * w[1]! + 0.9 * w[2]!) / (w[0]! + w[1]! + w[2]!);
    expect(recencyWeightedMean([[0, 0.2, 1], [0, 0.5, 1], [0, 0.9, 1]])[1]).toBeCloseTo(mid, 12);
  });
});

describe('a resolved question scored per source', () => {
  const times = { openedAt: 0, actualCloseAt: 10 * DAY, scheduledCloseAt: 10 * DAY };
  const f = (sourceId: string, day: number, values: number[]): ValuesForecast => ({ sourceId, madeAt: day * DAY, values, inCrowd: true });

  it('multiple choice: last-forecast Brier, log and RPS (ordered), time-averaged baseline and peer with coverage', () => {
    const q: Question = { type: 'multiple-choice', options: ['low', 'mid', 'high'], ordered: true };
    const s = scoreQuestionClaim([f('ann', 0, [0.2, 0.3, 0.5]), f('bob', 5, [0.6, 0.3, 0.1]), f('ann', 5, [0.1, 0.2, 0.7])], q, 'high', times);
    const [ann, bob] = s.sources as unknown as Array<Record<string, number>>;
    expect(ann).toMatchObject({ sourceId: 'ann', brier: expect.closeTo(0.01 + 0.04 + 0.09, 12), logScore: Math.log(0.7), rps: expect.closeTo((0.01 + 0.09) / 2, 12), coverage: 1 });
    // Baseline: half the window on 0.5, half on 0.7, each 100·ln(3p)/ln 3.
    expect(ann!.baseline).toBeCloseTo(0.5 * ((100 * Math.log(1.5)) / Math.log(3)) + 0.5 * ((100 * Math.log(2.1)) / Math.log(3)), 8);
    expect(ann!.peer).toBeCloseTo(0.5 * 100 * 2 * Math.log(0.7 / Math.sqrt(0.7 * 0.1)), 8);
    expect(bob).toMatchObject({ sourceId: 'bob', coverage: 0.5, peer: expect.closeTo(0.5 * 100 * 2 * Math.log(0.1 / Math.sqrt(0.7 * 0.1)), 8) });
    expect(s.crowd.coverage).toBe(1);
    const unordered = scoreQuestionClaim([f('ann', 0, [0.2, 0.3, 0.5])], { ...q, ordered: undefined }, 'high', times);
    expect(unordered.sources[0]).toMatchObject({ rps: null });
  });

  it('numeric: log score of the last CDF’s outcome bucket and its CRPS; a forecast after the close does not count', () => {
    const q: Question = { type: 'numeric', range: { min: 0, max: 200, openLower: false, openUpper: false, scale: 'linear' } };
    const uniform = linspace(0, 1, 201);
    const s = scoreQuestionClaim([f('ann', 1, uniform)], q, 50, { ...times, actualCloseAt: 5 * DAY });
    expect(s.sources).toEqual([{ sourceId: 'ann', logScore: expect.closeTo(Math.log(1 / 200), 12), crps: expect.closeTo((200 * 28) / 192, 9), baseline: expect.closeTo(0, 9), peer: 0, coverage: expect.closeTo(0.4, 12) }]);
    expect(s.crowd).toEqual({ baseline: expect.closeTo(0, 9), coverage: expect.closeTo(0.4, 12) });
    expect(scoreQuestionClaim([f('ann', 6, uniform)], q, 50, { ...times, actualCloseAt: 5 * DAY }).sources).toEqual([]);
  });
});
