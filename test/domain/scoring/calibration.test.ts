import { describe, expect, it } from 'vitest';
import { calibrate, wilsonInterval } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

const item = (probability: number, outcome: 0 | 1) => ({ probability, outcome });

describe('calibrate, equal bins, hand-computed', () => {
  // Four bins: [0, .25) [.25, .5) [.5, .75) [.75, 1].
  const items = [
    item(0.1, 0), item(0.2, 0), // bin 0
    item(0.3, 1), item(0.4, 0), // bin 1
    item(0.6, 1), // bin 2: a bin with a single forecast
    item(0.9, 1), item(0.9, 1), item(0.8, 0), // bin 3
  ];
  const c = calibrate(items, { bins: 4 });

  it('reports count, mean Brier and mean log score', () => {
    expect(c.count).toBe(8);
    // Brier: (0.01 + 0.04 + 0.49 + 0.16 + 0.16 + 0.01 + 0.01 + 0.64) / 8 = 1.52 / 8 = 0.19
    expectNear(c.brier, 0.19, 1e-15);
    // log: (ln .9 + ln .8 + ln .3 + ln .6 + ln .6 + ln .9 + ln .9 + ln .2) / 8 = −0.5467858828224633
    expectNear(c.logScore, -0.5467858828224633, 1e-15);
  });

  it('reports each bin', () => {
    expect(c.bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0, 0.25, 2],
      [0.25, 0.5, 2],
      [0.5, 0.75, 1],
      [0.75, 1, 3],
    ]);
    // means: 0.3/2 = 0.15, 0.7/2 = 0.35, 0.6, 2.6/3 = 0.8666…; frequencies 0/2, 1/2, 1/1, 2/3
    expectNear(c.bins[0]!.meanForecast, 0.15, 1e-15);
    expectNear(c.bins[1]!.meanForecast, 0.35, 1e-15);
    expect(c.bins[2]!.meanForecast).toBe(0.6);
    expectNear(c.bins[3]!.meanForecast, 2.6 / 3, 1e-15);
    expect(c.bins.map((b) => b.observedFrequency)).toEqual([0, 0.5, 1, 2 / 3]);
  });

  it('gives each bin its Wilson interval (values as statsmodels)', () => {
    // 0/2: centre = half = (z²/4)/(1 + z²/2) = 0.9603647051735314 / 2.9207294103470627 = 0.32880988624667346
    expect(c.bins[0]!.interval![0]).toBe(0);
    expectNear(c.bins[0]!.interval![1], 0.6576197724933469);
    // 1/2: 0.5 ± 0.40546879426576926
    expectNear(c.bins[1]!.interval![0], 0.09453120573423074);
    expectNear(c.bins[1]!.interval![1], 0.9054687942657693);
    // 1/1: centre 0.6032746571886187, half 0.3967253428113813
    expectNear(c.bins[2]!.interval![0], 0.20654931437723745);
    expect(c.bins[2]!.interval![1]).toBe(1);
    // 2/3: centre 0.5730838280408257, half 0.365424227238778
    expectNear(c.bins[3]!.interval![0], 0.2076596008020477);
    expectNear(c.bins[3]!.interval![1], 0.9385080552796037);
  });

  it('decomposes the Brier score (Murphy)', () => {
    // ō = 4/8 = 0.5
    // reliability = (1/8)[2(0.15 − 0)² + 2(0.35 − 0.5)² + 1(0.6 − 1)² + 3(0.8667 − 0.6667)²]
    //             = (1/8)[0.045 + 0.045 + 0.16 + 0.12] = 0.37 / 8 = 0.04625
    // resolution  = (1/8)[2(0 − 0.5)² + 2(0.5 − 0.5)² + 1(1 − 0.5)² + 3(2/3 − 0.5)²]
    //             = (1/8)[0.5 + 0 + 0.25 + 1/12] = (5/6)/8 = 5/48 = 0.1041666…
    // uncertainty = 0.5 · 0.5 = 0.25
    // withinBin   = 0.19 − (37/800 − 5/48 + 1/4) = 456/2400 − 461/2400 = −1/480 (negative)
    const m = c.murphy!;
    expectNear(m.reliability, 0.04625);
    expectNear(m.resolution, 5 / 48);
    expect(m.uncertainty).toBe(0.25);
    expectNear(m.withinBin, -1 / 480);
  });
});

describe('calibrate, edge cases', () => {
  it('with zero forecasts lists empty equal bins and null statistics', () => {
    const c = calibrate([]);
    expect(c).toMatchObject({ count: 0, brier: null, logScore: null, murphy: null });
    expect(c.bins).toHaveLength(10);
    for (const [i, b] of c.bins.entries()) {
      expect(b).toEqual({ lower: i / 10, upper: (i + 1) / 10, count: 0, meanForecast: null, observedFrequency: null, interval: null });
    }
  });

  it('with zero forecasts and quantile binning lists no bins', () => {
    expect(calibrate([], { binning: 'quantile' })).toEqual({ count: 0, brier: null, logScore: null, bins: [], murphy: null });
  });

  it('with one forecast', () => {
    // p = 0.35, o = 1: brier 0.4225, log ln 0.35; bin [0.3, 0.4) holds it.
    // Murphy: ō = 1 → uncertainty 0, resolution 0, reliability (0.35 − 1)² = 0.4225, withinBin 0.
    const c = calibrate([item(0.35, 1)]);
    expectNear(c.brier, 0.4225, 1e-15);
    expect(c.logScore).toBe(Math.log(0.35));
    expect(c.bins.map((b) => b.count)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(c.bins[3]).toMatchObject({ meanForecast: 0.35, observedFrequency: 1, interval: wilsonInterval(1, 1) });
    expect(c.murphy!.uncertainty).toBe(0);
    expect(c.murphy!.resolution).toBe(0);
    expectNear(c.murphy!.reliability, 0.4225, 1e-15);
    expectNear(c.murphy!.withinBin, 0, 1e-15);
  });

  it('when all outcomes are equal', () => {
    // all refuted: ō = 0 → uncertainty 0; every bin's frequency 0 → resolution 0.
    // Brier (0.01 + 0.04 + 0.25) / 3 = 0.1; bins [.1,.2), [.2,.3), [.5,.6) hold one forecast each.
    // reliability = (1·0.1² + 1·0.2² + 1·0.5²) / 3 = 0.3 / 3 = 0.1 → withinBin 0.
    const c = calibrate([item(0.1, 0), item(0.2, 0), item(0.5, 0)]);
    expectNear(c.brier, 0.1, 1e-15);
    expect(c.murphy!.uncertainty).toBe(0);
    expect(c.murphy!.resolution).toBe(0);
    expectNear(c.murphy!.reliability, 0.1, 1e-15);
    expectNear(c.murphy!.withinBin, 0, 1e-15);
    expect(c.bins.filter((b) => b.count > 0).map((b) => b.observedFrequency)).toEqual([0, 0, 0]);
  });

  it('puts probabilities exactly on the edges 0, 0.1, …, 1 in the bin they open', () => {
    const edges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    const c = calibrate(edges.map((p) => item(p, 1)));
    // 0.1 → bin 1, …, 0.9 → bin 9, and 1 closes the last bin: bin 9 holds 0.9 and 1.
    expect(c.bins.map((b) => b.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect(c.bins.map((b) => b.meanForecast)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.95]);
  });

  it('uses the items’ own scores (time-averaged) for brier, log and withinBin', () => {
    // p̄ = 0.64, o = 1 with time-averaged brier 0.196 and log −0.5683620382563468 (see count-forecast)
    // one item: uncertainty 0, resolution 0, reliability (0.64 − 1)² = 0.1296
    // withinBin = 0.196 − 0.1296 = 0.0664
    const c = calibrate([{ probability: 0.64, outcome: 1, brier: 0.196, logScore: -0.5683620382563468 }]);
    expect(c.brier).toBe(0.196);
    expect(c.logScore).toBe(-0.5683620382563468);
    expectNear(c.murphy!.reliability, 0.1296, 1e-15);
    expectNear(c.murphy!.withinBin, 0.0664, 1e-15);
  });

  it('mixes given and computed scores', () => {
    // item 1 given brier 0.5, item 2 computed (0.5 − 0)² = 0.25 → mean 0.375
    const c = calibrate([{ probability: 0.9, outcome: 1, brier: 0.5, logScore: -1 }, item(0.5, 0)]);
    expect(c.brier).toBe(0.375);
    expectNear(c.logScore, (-1 + Math.log(0.5)) / 2, 1e-15);
  });

  it('honours the number of bins', () => {
    const c = calibrate([item(0.5, 1)], { bins: 2 });
    expect(c.bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0, 0.5, 0],
      [0.5, 1, 1],
    ]);
    expect(calibrate([], { bins: 50 }).bins).toHaveLength(50);
  });

  it('rejects bad options and items', () => {
    expect(() => calibrate([], { bins: 1 })).toThrow(RangeError);
    expect(() => calibrate([], { bins: 51 })).toThrow(RangeError);
    expect(() => calibrate([], { bins: 2.5 })).toThrow(RangeError);
    expect(() => calibrate([], { binning: 'log' as 'equal' })).toThrow(RangeError);
    expect(() => calibrate([item(1.2, 1)])).toThrow(RangeError);
    expect(() => calibrate([item(Number.NaN, 1)], { binning: 'quantile' })).toThrow(RangeError);
    expect(() => calibrate([item(0.5, 3 as 1)])).toThrow(RangeError);
    expect(() => calibrate([{ probability: 0.5, outcome: 1, brier: 2 }])).toThrow(RangeError);
    expect(() => calibrate([{ probability: 0.5, outcome: 1, logScore: 0.1 }])).toThrow(RangeError);
  });

  it('scores a certain miss at p clamped to 0.001 (Metaculus), not −Infinity', () => {
    const c = calibrate([item(0, 1), item(0.5, 1)]);
    expect(c.logScore).toBeCloseTo((Math.log(0.001) + Math.log(0.5)) / 2, 12);
    expect(c.brier).toBe(0.625);
  });
});
