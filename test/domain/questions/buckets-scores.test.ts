/**
 * Issue 17's pure scoring of multiple-choice, numeric and date forecasts: Metaculus's buckets,
 * the multiple-choice Brier, log and ranked probability scores, the threshold-weighted CRPS,
 * the PIT and its histogram — worked examples and fast-check properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOfLocation, numericRange, outcomeBucket, pmfOfCdf, type NumericRange } from '../../../src/domain/questions/buckets.js';
import { choiceBrier, rankedProbabilityScore, scoreChoice } from '../../../src/domain/questions/choice-scores.js';
import { continuousLogScore, pit, thresholdCrps } from '../../../src/domain/questions/continuous-scores.js';
import { pitHistogram } from '../../../src/domain/questions/pit-bins.js';

const LIN: NumericRange = { min: 0, max: 200, scale: 'linear', openLower: false, openUpper: false };
const LOG: NumericRange = { min: 1, max: 1000, scale: 'log', openLower: true, openUpper: true };
const uniformCdf = (lo = 0, hi = 1) => Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);

/** A random valid CDF: 202 positive masses (ends 0 where closed), cumulated. */
const cdfArb = (r: NumericRange) =>
  fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 202, maxLength: 202 }).map((w) => {
    const masses = w.map((v, i) => ((i === 0 && !r.openLower) || (i === 201 && !r.openUpper) ? 0 : v));
    const total = masses.reduce((a, b) => a + b, 0);
    let c = 0;
    return masses.slice(0, 201).map((m) => (c += m / total));
  });

describe("Metaculus's buckets", () => {
  it('0 below, 1 closed at the minimum, inner buckets (a, b], 200 at the maximum, 201 above', () => {
    expect(bucketOfLocation(-0.001)).toBe(0);
    expect(bucketOfLocation(0)).toBe(1);
    expect(bucketOfLocation(0.005)).toBe(1);
    expect(bucketOfLocation(0.0051)).toBe(2);
    expect(bucketOfLocation(0.5)).toBe(100);
    expect(bucketOfLocation(1)).toBe(200);
    expect(bucketOfLocation(1.0001)).toBe(201);
    expect(outcomeBucket(1, LIN)).toBe(1);
    expect(outcomeBucket(1.5, LIN)).toBe(2);
    expect(outcomeBucket('below-range', LIN)).toBe(0);
    expect(outcomeBucket('above-range', LIN)).toBe(201);
  });

  it('a log scale’s edges are evenly spaced in ln x: the edge min·(max/min)^(i/200) ends bucket i', () => {
    for (const i of [1, 7, 100, 199, 200]) expect(outcomeBucket(10 ** ((3 * i) / 200), LOG)).toBe(i);
    expect(outcomeBucket(10 ** ((3 * 100.5) / 200), LOG)).toBe(101);
    expect(outcomeBucket(0.5, LOG)).toBe(0);
  });

  it('a date question counts in seconds: its buckets split the range by time', () => {
    const r = numericRange({ min: '2025-01-01', max: '2025-01-01T20:00:00Z', openLower: false, openUpper: false, scale: 'linear' });
    expect(r.min).toBe(Date.UTC(2025, 0, 1) / 1000);
    expect(outcomeBucket('2025-01-01T10:00:00Z', r)).toBe(100);
    expect(outcomeBucket('2025-01-01T10:00:01Z', r)).toBe(101);
  });

  it('a CDF’s pmf has 202 masses summing to 1', () => {
    const pmf = pmfOfCdf(uniformCdf(0.05, 0.95));
    expect(pmf).toHaveLength(202);
    expect(pmf[0]).toBeCloseTo(0.05, 12);
    expect(pmf[201]).toBeCloseTo(0.05, 12);
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('multiple-choice scores', () => {
  it('worked example: 50/30/20 and the second option happens', () => {
    expect(choiceBrier([0.5, 0.3, 0.2], 1)).toBeCloseTo(0.25 + 0.49 + 0.04, 12);
    // Cumulative 0.5, 0.8 against 0, 1: (0.25 + 0.04) / 2.
    expect(rankedProbabilityScore([0.5, 0.3, 0.2], 1)).toBeCloseTo(0.145, 12);
    expect(scoreChoice([0.5, 0.3, 0.2], 1, false)).toEqual({ brier: expect.closeTo(0.78, 12), logScore: Math.log(0.3), rps: null });
  });

  it('everything on the outcome scores best, by every score', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }), fc.nat(), (w, k) => {
        const total = w.reduce((a, b) => a + b, 0);
        const p = w.map((v) => v / total);
        const outcome = k % p.length;
        const sure = p.map((_, i) => (i === outcome ? 1 : 0));
        const best = scoreChoice(sure, outcome, true);
        const other = scoreChoice(p, outcome, true);
        expect(best.brier).toBe(0);
        expect(best.rps).toBe(0);
        expect(best.brier).toBeLessThanOrEqual(other.brier);
        expect(best.rps!).toBeLessThanOrEqual(other.rps! + 1e-15);
        expect(best.logScore).toBeGreaterThanOrEqual(other.logScore);
      }),
    );
  });
});

describe('numeric and date scores', () => {
  it('log score: ln of the outcome bucket’s mass', () => {
    expect(continuousLogScore(uniformCdf(), 50, LIN)).toBeCloseTo(Math.log(1 / 200), 12);
    expect(continuousLogScore(uniformCdf(0.05, 0.95), 'above-range', LOG)).toBeCloseTo(Math.log(0.05), 12);
  });

  it('CRPS of the uniform on [0, 1] at 0.5 is 1/12 (the ordinary CRPS with both bounds closed)', () => {
    expect(thresholdCrps(uniformCdf(), 0.5, { ...LIN, max: 1 })).toBeCloseTo(1 / 12, 12);
    // Uniform on [0, 200] at 50: ∫0^50 (x/200)² + ∫50^200 (x/200 − 1)² = 200·(1/192 + 27/192).
    expect(thresholdCrps(uniformCdf(), 50, LIN)).toBeCloseTo((200 * 28) / 192, 9);
  });

  it('out-of-range mass counts through F(min) and F(max); nothing is integrated outside the range', () => {
    const r = { ...LIN, max: 1, openUpper: true };
    const cdf = uniformCdf(0, 0.9);
    // Above the range: ∫0^1 (0.9x)² dx = 0.27.
    expect(thresholdCrps(cdf, 'above-range', r)).toBeCloseTo(0.27, 12);
    expect(thresholdCrps(cdf, 5, r)).toBeCloseTo(0.27, 12);
  });

  it('a date question’s CRPS is in days', () => {
    const r = numericRange({ min: '2025-01-01', max: '2025-01-11', openLower: false, openUpper: false, scale: 'linear' });
    // Uniform over ten days, outcome on day 5: 10·(1/24 + 1/24) days.
    expect(thresholdCrps(uniformCdf(), '2025-01-06', r, true)).toBeCloseTo(10 / 12, 9);
  });

  it('the CRPS of a step CDF at the outcome is 0; through 201 points a step inside the range is a one-segment ramp, h·(w³ + (1 − w)³)/3', () => {
    // The whole mass below (above) the range and the outcome there: F is the indicator itself.
    const r = { ...LIN, openLower: true, openUpper: true };
    expect(thresholdCrps(new Array(201).fill(1), 'below-range', r)).toBe(0);
    expect(thresholdCrps(new Array(201).fill(0), 'above-range', r)).toBe(0);
    expect(thresholdCrps(new Array(201).fill(1), 0, LIN)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (k, w) => {
        // F rises from 0 to 1 over segment k, where the outcome lies (a fraction w into it); h = 1.
        const step = Array.from({ length: 201 }, (_, i) => (i < k ? 0 : 1));
        const y = k - 1 + w;
        expect(thresholdCrps(step, y, LIN)).toBeCloseTo((w ** 3 + (1 - w) ** 3) / 3, 9);
      }),
    );
  });

  it('the closed form matches a fine numerical integral of (F(x) − 1{x ≥ y})² over the range', () => {
    fc.assert(
      fc.property(fc.constantFrom(LIN, LOG), fc.double({ min: 0, max: 1, noNaN: true }), (r, u) => {
        const cdf = fc.sample(cdfArb(r), { numRuns: 1, seed: Math.floor(u * 1e6) })[0]!;
        const y = r.scale === 'log' ? r.min * (r.max / r.min) ** u : r.min + (r.max - r.min) * u;
        const F = (x: number) => {
          const at = ((r.scale === 'log' ? Math.log(x / r.min) / Math.log(r.max / r.min) : (x - r.min) / (r.max - r.min)) * 200);
          const i = Math.min(199, Math.floor(at));
          return cdf[i]! + (cdf[i + 1]! - cdf[i]!) * (at - i);
        };
        const n = 200_000;
        let sum = 0;
        for (let j = 0; j < n; j++) {
          const x = r.min + ((r.max - r.min) * (j + 0.5)) / n;
          sum += (F(x) - (x >= y ? 1 : 0)) ** 2;
        }
        const numeric = (sum * (r.max - r.min)) / n;
        expect(Math.abs(thresholdCrps(cdf, y, r) - numeric)).toBeLessThan(1e-3 * Math.max(1, numeric));
      }),
      { numRuns: 20 },
    );
  });

  it('PIT: cdf[0]/2 below an open lower bound, (1 + cdf[200])/2 above an open upper one', () => {
    const cdf = uniformCdf(0.04, 0.9);
    expect(pit(cdf, 'below-range', LOG)).toBeCloseTo(0.02, 12);
    expect(pit(cdf, 0.5, LOG)).toBeCloseTo(0.02, 12);
    expect(pit(cdf, 'above-range', LOG)).toBeCloseTo(0.95, 12);
    expect(pit(uniformCdf(), 50, LIN)).toBeCloseTo(0.25, 12);
  });

  it('the PIT of a draw from the forecast is its quantile, so draws give a uniform histogram', () => {
    fc.assert(
      fc.property(fc.constantFrom(LIN, LOG), cdfArb(LIN), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (r, raw, q) => {
        const cdf = r.openLower ? raw.map((v) => 0.001 + v * 0.998) : raw;
        if (q <= cdf[0]! || q >= cdf[200]!) return;
        // Draw the value at quantile q by inverting the piecewise-linear CDF in the scale's space.
        const i = cdf.findIndex((v) => v >= q) - 1;
        const u = (i + (q - cdf[i]!) / (cdf[i + 1]! - cdf[i]!)) / 200;
        const y = r.scale === 'log' ? r.min * (r.max / r.min) ** u : r.min + (r.max - r.min) * u;
        expect(pit(cdf, y, r)).toBeCloseTo(q, 9);
      }),
    );
    const cdf = fc.sample(cdfArb(LIN), { numRuns: 1, seed: 17 })[0]!;
    const draws = Array.from({ length: 10_000 }, (_, j) => {
      const q = (j + 0.5) / 10_000;
      const i = Math.max(0, cdf.findIndex((v) => v >= q) - 1);
      return pit(cdf, (200 * (i + (q - cdf[i]!) / (cdf[i + 1]! - cdf[i]!))) / 200, LIN);
    });
    const hist = pitHistogram(draws);
    expect(hist.count).toBe(10_000);
    for (const b of hist.bins) expect(b.count).toBeGreaterThanOrEqual(995);
    for (const b of hist.bins) expect(b.count).toBeLessThanOrEqual(1005);
  });

  it('PIT histogram: 10 bins [k/10, (k+1)/10), the last closed at 1, with Wilson intervals', () => {
    const h = pitHistogram([0, 0.1, 0.15, 0.999, 1]);
    expect(h.bins.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(h.bins[1]).toMatchObject({ lower: 0.1, upper: 0.2, share: 0.4 });
    expect(h.bins[1]!.interval![0]).toBeLessThan(0.4);
    expect(pitHistogram([]).bins[0]).toMatchObject({ count: 0, share: null, interval: null });
  });
});
