import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

// Closed form (Wilson 1927), z = 1.959963984540054, z² = 3.8414588206941254:
//   centre = (q + z²/(2n)) / (1 + z²/n),  half = z·√(q(1−q)/n + z²/(4n²)) / (1 + z²/n)
// Expected values below are that formula evaluated with statsmodels' own operation order
// (proportion_confint(count, nobs, method='wilson')) in numpy float64.
describe('wilsonInterval', () => {
  it('7 of 10', () => {
    // q = 0.7, denom = 1 + 0.38414588206941254 = 1.3841458820694126
    // centre = (0.7 + 0.19207294103470627) / denom = 0.6444934400274221
    // half = 1.959963984540054 · √(0.021 + 0.009603647051735314) / denom
    //      = 1.959963984540054 · 0.17494162984… / 1.3841458820694126 = 0.2477152925662768
    // → (0.39677814746114537, 0.8922087325936989). (The 0.39676154…/0.89220785… quoted in the
    // issue do not satisfy the formula; statsmodels agrees with these.)
    const [low, high] = wilsonInterval(7, 10)!;
    expectNear(low, 0.39677814746114537);
    expectNear(high, 0.8922087325936989);
  });

  it('1 of 2: centre 0.5, half 0.40546879426576926', () => {
    // half = z·√(0.25/2 + z²/16) / (1 + z²/2) = 1.95996·√(0.125 + 0.24009117629338284) / 2.9207294103470627
    const [low, high] = wilsonInterval(1, 2)!;
    expectNear(low, 0.09453120573423074);
    expectNear(high, 0.9054687942657693);
  });

  it('2 of 3 and 3 of 5', () => {
    // 2/3: centre 0.5730838280408257, half 0.365424227238778
    const a = wilsonInterval(2, 3)!;
    expectNear(a[0], 0.2076596008020477);
    expectNear(a[1], 0.9385080552796037);
    // 3/5: centre 0.5565517535216824, half 0.3258274722456696
    const b = wilsonInterval(3, 5)!;
    expectNear(b[0], 0.2307242812760128);
    expectNear(b[1], 0.882379225767352);
  });

  it('0 of n starts at 0 and n of n ends at 1', () => {
    // 0/1: centre = half = (z²/2)/(1 + z²) = 1.9207294103470627 / 4.841458820694125 = 0.3967253428113813
    const a = wilsonInterval(0, 1)!;
    expect(a[0]).toBe(0);
    expectNear(a[1], 0.7934506856227626);
    // 5/5: centre 0.7827587676084126, half 0.21724123239158738
    const b = wilsonInterval(5, 5)!;
    expectNear(b[0], 0.5655175352168251);
    expect(b[1]).toBe(1);
  });

  it('is null for n = 0', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('accepts another z: z = 1 on 1 of 2 gives 0.5 ± √(0.125 + 0.0625)/1.5', () => {
    // half = √0.1875 / 1.5 = 0.28867513459481287
    const [low, high] = wilsonInterval(1, 2, 1)!;
    expectNear(low, 0.5 - Math.sqrt(0.1875) / 1.5, 1e-15);
    expectNear(high, 0.5 + Math.sqrt(0.1875) / 1.5, 1e-15);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(RangeError);
  });

  it('uses z = Φ⁻¹(0.975)', () => {
    expect(Z_95).toBe(1.959963984540054);
  });

  it('contains the observed frequency and lies in [0, 1]', () => {
    const counts = fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(counts, ([k, n]) => {
        const [low, high] = wilsonInterval(k, n)!;
        const q = k / n;
        return low >= 0 && high <= 1 && low <= q && q <= high && low < high;
      }),
      { numRuns: 2000 },
    );
  });
});
