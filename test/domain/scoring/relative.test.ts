import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crowdBrier, crowdBriersOfOthers, medianOf, relativeBrier, type CountedForecast } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

function counted(sourceId: string, claimId: string, probability: number, outcome: 0 | 1, brier?: number): CountedForecast {
  const d = probability - outcome;
  return { sourceId, claimId, probability, outcome, brier: brier ?? d * d, logScore: 0 };
}

describe('medianOf', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(medianOf([0.9, 0.1, 0.4])).toBe(0.4);
    expect(medianOf([0.9, 0.6])).toBe(0.75);
    expect(medianOf([0.2, 0.4, 0.1, 0.8])).toBeCloseTo(0.3, 15); // (0.2 + 0.4) / 2
    expect(medianOf([0.5])).toBe(0.5);
    expect(() => medianOf([])).toThrow(RangeError);
  });
});

describe('relativeBrier', () => {
  const all = [
    // claim X, confirmed: A 0.8; others B 0.6, C 0.9 → median 0.75
    counted('A', 'X', 0.8, 1), counted('B', 'X', 0.6, 1), counted('C', 'X', 0.9, 1),
    // claim Y, refuted: A 0.3; others B 0.2, C 0.4, D 0.1 → median 0.2
    counted('A', 'Y', 0.3, 0), counted('B', 'Y', 0.2, 0), counted('C', 'Y', 0.4, 0), counted('D', 'Y', 0.1, 0),
    // claim Z: only A → not shared
    counted('A', 'Z', 0.5, 1),
    // claim W: A absent → not counted for A
    counted('B', 'W', 0.5, 0), counted('C', 'W', 0.5, 0),
  ];

  it('compares the source with the median of the others on shared claims', () => {
    // A's Brier: X (0.8 − 1)² = 0.04, Y (0.3 − 0)² = 0.09 → mean 0.065
    // median's Brier: X (0.75 − 1)² = 0.0625, Y (0.2 − 0)² = 0.04 → mean 0.05125
    // relative = 0.065 − 0.05125 = 0.01375 (positive: A did worse than the crowd median)
    const r = relativeBrier(all, 'A');
    expect(r.sharedClaims).toBe(2);
    expectNear(r.relativeBrier, 0.01375, 1e-15);
  });

  it('is negative for a source that beats the median', () => {
    // D is on Y only: own (0.1)² = 0.01; others A 0.3, B 0.2, C 0.4 → median 0.3 → 0.09
    // relative = 0.01 − 0.09 = −0.08
    const r = relativeBrier(all, 'D');
    expect(r.sharedClaims).toBe(1);
    expectNear(r.relativeBrier, -0.08, 1e-15);
  });

  it('uses the source’s counted (e.g. time-averaged) Brier, not (p − o)²', () => {
    // A on X with time-averaged brier 0.196 (p̄ 0.64); other B 0.5 → median Brier 0.25 → −0.054
    const r = relativeBrier([counted('A', 'X', 0.64, 1, 0.196), counted('B', 'X', 0.5, 1)], 'A');
    expectNear(r.relativeBrier, 0.196 - 0.25, 1e-15);
  });

  it('is null with no shared claims', () => {
    expect(relativeBrier(all.filter((c) => c.claimId === 'Z'), 'A')).toEqual({ relativeBrier: null, sharedClaims: 0 });
    expect(relativeBrier(all, 'nobody')).toEqual({ relativeBrier: null, sharedClaims: 0 });
    expect(relativeBrier([], 'A')).toEqual({ relativeBrier: null, sharedClaims: 0 });
  });

  it('rejects two counted forecasts of one source on one claim', () => {
    expect(() => relativeBrier([counted('A', 'X', 0.5, 1), counted('A', 'X', 0.6, 1)], 'A')).toThrow(RangeError);
  });

  it('is zero against a crowd that forecast exactly the same', () => {
    const claims = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<0 | 1>(0, 1)), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(claims, (cs) => {
        const list = cs.flatMap(([p, o], i) => [counted('A', `c${i}`, p, o), counted('B', `c${i}`, p, o)]);
        const r = relativeBrier(list, 'A');
        expect(r.sharedClaims).toBe(cs.length);
        expectNear(r.relativeBrier, 0);
      }),
    );
  });
});

describe('crowdBriersOfOthers', () => {
  it('gives each entry exactly crowdBrier of the others (the median of the rest), null when alone', () => {
    expect(crowdBriersOfOthers([0.3], 1)).toEqual([null]);
    expect(crowdBriersOfOthers([], 0)).toEqual([]);
    // Others of 0.8 are 0.6, 0.9 → median 0.75 → (0.75 − 1)² = 0.0625.
    expect(crowdBriersOfOthers([0.8, 0.6, 0.9], 1)[0]).toBe(0.0625);
    const values = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.25, 0.5, 1)), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(values, fc.constantFrom<0 | 1>(0, 1), (vs, o) => {
        const fast = crowdBriersOfOthers(vs, o);
        vs.forEach((_, i) => expect(fast[i]).toBe(crowdBrier(vs.filter((__, k) => k !== i), o)));
      }),
      { numRuns: 500 },
    );
  });
});
