import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, type Binning, type Calibration } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
);
const outcome = fc.constantFrom<0 | 1>(0, 1);
const item = fc.record({ probability, outcome });
/** Items carrying their own (e.g. time-averaged) Brier and log scores. */
const scoredItem = fc.record({
  probability,
  outcome,
  brier: fc.double({ min: 0, max: 1, noNaN: true }),
  logScore: fc.double({ min: -50, max: 0, noNaN: true }),
});
const binning = fc.constantFrom<Binning>('equal', 'quantile');
const binCount = fc.integer({ min: 2, max: 50 });

function expectSameCalibration(a: Calibration, b: Calibration): void {
  expect(b.count).toBe(a.count);
  expect(b.bins.map((x) => [x.lower, x.upper, x.count, x.observedFrequency, x.interval])).toEqual(
    a.bins.map((x) => [x.lower, x.upper, x.count, x.observedFrequency, x.interval]),
  );
  b.bins.forEach((x, i) => {
    if (x.meanForecast !== null) expectNear(x.meanForecast, a.bins[i]!.meanForecast!);
  });
  expectNear(b.brier, a.brier!);
  expectNear(b.logScore, a.logScore!);
  for (const key of ['reliability', 'resolution', 'uncertainty', 'withinBin'] as const) {
    expectNear(b.murphy![key], a.murphy![key]);
  }
}

describe('calibrate, properties', () => {
  it('gives a Brier score in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 100 }), binning, (items, mode) => {
        const { brier } = calibrate(items, { binning: mode });
        return brier !== null && brier >= 0 && brier <= 1;
      }),
    );
  });

  it('decomposes: reliability − resolution + uncertainty + withinBin = Brier (to 1e-12)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(item, scoredItem), { minLength: 1, maxLength: 150 }), binning, binCount, (items, mode, n) => {
        const c = calibrate(items, { binning: mode, bins: n });
        const m = c.murphy!;
        expectNear(m.reliability - m.resolution + m.uncertainty + m.withinBin, c.brier!);
        expect(m.reliability).toBeGreaterThanOrEqual(0);
        expect(m.resolution).toBeGreaterThanOrEqual(0);
        expect(m.uncertainty).toBeLessThanOrEqual(0.25);
      }),
      { numRuns: 300 },
    );
  });

  it('without given scores, withinBin vanishes when each bin holds a single probability value', () => {
    // Stephenson et al. (2008): the remainder is within-bin variance and covariance, zero when
    // all forecasts in a bin are equal.
    // k/10 for k = 0…9 lands alone in bin k of 10 (1 would share the last bin with 0.9).
    const onGrid = fc.record({ probability: fc.integer({ min: 0, max: 9 }).map((k) => k / 10), outcome });
    fc.assert(
      fc.property(fc.array(onGrid, { minLength: 1, maxLength: 100 }), (items) => {
        expectNear(calibrate(items, { bins: 10 }).murphy!.withinBin, 0);
      }),
    );
  });

  it('gives intervals in [0, 1] that contain each bin’s observed frequency', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 100 }), binning, binCount, (items, mode, n) => {
        for (const b of calibrate(items, { binning: mode, bins: n }).bins) {
          if (b.count === 0) continue;
          const [low, high] = b.interval!;
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(b.observedFrequency!);
          expect(b.observedFrequency!).toBeLessThanOrEqual(high);
          expect(b.meanForecast!).toBeGreaterThanOrEqual(b.lower);
          expect(b.meanForecast!).toBeLessThanOrEqual(b.upper);
        }
      }),
    );
  });

  it('does not depend on input order', () => {
    const shuffled = fc
      .array(fc.oneof(item, scoredItem), { minLength: 1, maxLength: 120 })
      .chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })));
    fc.assert(
      fc.property(shuffled, binning, binCount, ([items, permuted], mode, n) => {
        expectSameCalibration(calibrate(items, { binning: mode, bins: n }), calibrate(permuted, { binning: mode, bins: n }));
      }),
      { numRuns: 300 },
    );
  });

  it('counts every item exactly once', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 100 }), binning, binCount, (items, mode, n) => {
        const c = calibrate(items, { binning: mode, bins: n });
        return c.count === items.length && c.bins.reduce((s, b) => s + b.count, 0) === items.length;
      }),
    );
  });
});
