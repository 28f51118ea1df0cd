import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

const quantile = (ps: number[], bins: number, outcomes?: Array<0 | 1>) =>
  calibrate(
    ps.map((p, i) => ({ probability: p, outcome: outcomes?.[i] ?? 0 })),
    { bins, binning: 'quantile' },
  );

/** A double ≥ 0 as an exact fraction [numerator, denominator]. */
function toRational(x: number): [bigint, bigint] {
  if (x === 0) return [0n, 1n];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  return exponent >= 0 ? [mantissa << BigInt(exponent), 1n] : [mantissa, 1n << BigInt(-exponent)];
}

/**
 * Reference: pandas qcut(p, N, duplicates='drop') / sklearn calibration_curve(strategy='quantile')
 * done literally in exact rational arithmetic. Edge k = linear-interpolated quantile k/N
 * (numpy 'linear': position h = (n−1)k/N, s[⌊h⌋] + (h − ⌊h⌋)(s[⌊h⌋+1] − s[⌊h⌋])); a value's
 * bin = number of inner edges strictly below it; empty bins dropped. Returns the bins' members.
 */
function referenceQuantileBins(ps: number[], binCount: number): number[][] {
  const s = [...ps].sort((a, b) => a - b);
  const n = s.length;
  const edges = Array.from({ length: binCount - 1 }, (_, j) => {
    const k = j + 1;
    const f = Math.floor(((n - 1) * k) / binCount);
    const r = BigInt((n - 1) * k - f * binCount);
    const [a1, b1] = toRational(s[f]!);
    const [a2, b2] = toRational(s[Math.min(f + 1, n - 1)]!);
    const N = BigInt(binCount);
    return [a1 * b2 * N + (a2 * b1 - a1 * b2) * r, b1 * b2 * N] as const;
  });
  const groups: number[][] = Array.from({ length: binCount }, () => []);
  for (const p of ps) {
    const [ap, bp] = toRational(p);
    const index = edges.filter(([num, den]) => ap * den > bp * num).length;
    groups[index]!.push(p);
  }
  return groups.filter((g) => g.length > 0);
}

const tiedProbability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 10 }).map((k) => k / 10),
  fc.constantFrom(0, 1, 0.5),
);

describe('quantile bins, hand-computed', () => {
  it('splits ten distinct values into 4, 3, 3 (as pandas qcut)', () => {
    // n = 10, N = 3: edge positions (n−1)k/N = 3 and 6 → edges s₃ = 0.35 and s₆ = 0.65;
    // bins (−∞, 0.35], (0.35, 0.65], (0.65, ∞)
    const ps = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95];
    const outcomes: Array<0 | 1> = [0, 0, 1, 0, 0, 1, 1, 1, 0, 1];
    const c = quantile(ps, 3, outcomes);
    expect(c.bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0.05, 0.35, 4],
      [0.45, 0.65, 3],
      [0.75, 0.95, 3],
    ]);
    // means: 0.8/4 = 0.2, 1.65/3 = 0.55, 2.55/3 = 0.85; frequencies 1/4, 2/3, 2/3
    expectNear(c.bins[0]!.meanForecast, 0.2, 1e-15);
    expectNear(c.bins[1]!.meanForecast, 0.55, 1e-15);
    expectNear(c.bins[2]!.meanForecast, 0.85, 1e-15);
    expect(c.bins.map((b) => b.observedFrequency)).toEqual([0.25, 2 / 3, 2 / 3]);
  });

  it('keeps a tie together and merges the duplicate edge', () => {
    // n = 8, N = 4: positions 7k/4 = 1.75, 3.5, 5.25 → edges 0.2, 0.2 (duplicate), 0.6 + 0.25·0.1 = 0.625
    // → bins (−∞, 0.2] = five 0.2s, (0.2, 0.625] = {0.6}, (0.625, ∞) = {0.7, 0.8}
    const c = quantile([0.7, 0.2, 0.2, 0.8, 0.2, 0.6, 0.2, 0.2], 4);
    expect(c.bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0.2, 0.2, 5],
      [0.6, 0.6, 1],
      [0.7, 0.8, 2],
    ]);
  });

  it('makes one bin when all probabilities are equal', () => {
    const c = quantile([0.4, 0.4, 0.4], 5, [1, 0, 1]);
    expect(c.bins).toHaveLength(1);
    expect(c.bins[0]).toMatchObject({ lower: 0.4, upper: 0.4, count: 3, meanForecast: 0.4 });
    expectNear(c.bins[0]!.observedFrequency, 2 / 3, 0);
  });

  it('makes one bin per forecast when there are fewer forecasts than bins', () => {
    const c = quantile([0.9, 0.1, 0.5], 10);
    expect(c.bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0.1, 0.1, 1],
      [0.5, 0.5, 1],
      [0.9, 0.9, 1],
    ]);
  });

  it('decomposes the Brier score over quantile bins', () => {
    // bins {0.1, 0.2} (o 0, 1) and {0.8, 0.9} (o 1, 1): n = 4, ō = 0.75
    // reliability = (2(0.15 − 0.5)² + 2(0.85 − 1)²)/4 = (0.245 + 0.045)/4 = 0.0725
    // resolution  = (2(0.5 − 0.75)² + 2(1 − 0.75)²)/4 = 0.25/4 = 0.0625; uncertainty = 0.1875
    // Brier = (0.01 + 0.64 + 0.04 + 0.01)/4 = 0.175; withinBin = 0.175 − (0.0725 − 0.0625 + 0.1875) = −0.0225
    const c = quantile([0.1, 0.2, 0.8, 0.9], 2, [0, 1, 1, 1]);
    expect(c.bins.map((b) => b.count)).toEqual([2, 2]);
    expectNear(c.murphy!.reliability, 0.0725);
    expectNear(c.murphy!.resolution, 0.0625);
    expect(c.murphy!.uncertainty).toBe(0.1875);
    expectNear(c.murphy!.withinBin, -0.0225);
  });
});

describe('quantile bins, properties', () => {
  it('match the literal qcut rule in exact arithmetic', () => {
    fc.assert(
      fc.property(fc.array(tiedProbability, { minLength: 1, maxLength: 80 }), fc.integer({ min: 2, max: 50 }), (ps, n) => {
        const expected = referenceQuantileBins(ps, n);
        const c = quantile(ps, n);
        expect(c.bins.map((b) => b.count)).toEqual(expected.map((g) => g.length));
        expect(c.bins.map((b) => [b.lower, b.upper])).toEqual(expected.map((g) => [Math.min(...g), Math.max(...g)]));
      }),
      { numRuns: 400 },
    );
  });

  it('never split equal probabilities, and hold each probability in exactly one [lower, upper]', () => {
    fc.assert(
      fc.property(fc.array(tiedProbability, { minLength: 1, maxLength: 80 }), fc.integer({ min: 2, max: 50 }), (ps, n) => {
        const c = quantile(ps, n);
        expect(c.bins.length).toBeLessThanOrEqual(n);
        for (let i = 1; i < c.bins.length; i++) expect(c.bins[i - 1]!.upper).toBeLessThan(c.bins[i]!.lower);
        for (const p of ps) expect(c.bins.filter((b) => b.lower <= p && p <= b.upper)).toHaveLength(1);
        for (const b of c.bins) expect(b.count).toBe(ps.filter((p) => b.lower <= p && p <= b.upper).length);
      }),
      { numRuns: 400 },
    );
  });

  it('give min(n, N) bins whose counts differ by at most one when there are no ties', () => {
    const distinct = fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }), {
      minLength: 1,
      maxLength: 300,
      comparator: (a, b) => a === b, // treats 0 and −0 as one value
    });
    fc.assert(
      fc.property(distinct, fc.integer({ min: 2, max: 50 }), (ps, n) => {
        const counts = quantile(ps, n).bins.map((b) => b.count);
        expect(counts).toHaveLength(Math.min(ps.length, n));
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('move a cut only as far as a tie forces: to the end of the tie group at the quantile', () => {
    // Without ties cut k falls after sorted position ⌊(n−1)k/N⌋; with ties it falls at the end of
    // the tie group holding that position — the nearest cut that keeps the tie whole.
    fc.assert(
      fc.property(fc.array(tiedProbability, { minLength: 1, maxLength: 120 }), fc.integer({ min: 2, max: 50 }), (ps, n) => {
        const s = [...ps].sort((a, b) => a - b);
        const groupEnd = (i: number) => s.lastIndexOf(s[i]!) + 1;
        const cuts = new Set<number>([s.length]);
        for (let k = 1; k < n; k++) cuts.add(groupEnd(Math.floor(((s.length - 1) * k) / n)));
        const expected = [...cuts].sort((a, b) => a - b).map((cut, i, all) => cut - (all[i - 1] ?? 0));
        expect(quantile(ps, n).bins.map((b) => b.count)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
