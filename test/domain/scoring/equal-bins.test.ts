import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, equalBinLower, equalBinUpper, locateEqualBin } from '../../../src/domain/scoring/index.js';
import { nextDown, nextUp } from './near.js';

describe('equal-width bin placement', () => {
  it('puts decimal edges in the bin they open: 0.3 → bin 3 and 0.7 → bin 7 of 10', () => {
    expect(locateEqualBin(0.3, 10)).toBe(3);
    expect(locateEqualBin(0.7, 10)).toBe(7);
    expect(locateEqualBin(0.1, 10)).toBe(1);
    expect(locateEqualBin(0, 10)).toBe(0);
    expect(locateEqualBin(1, 10)).toBe(9);
    expect(locateEqualBin(0.25, 4)).toBe(1);
    expect(locateEqualBin(nextDown(0.3), 10)).toBe(2);
  });

  // Math.floor(p·N) alone misplaces 25 of these edges (e.g. 15/22) and 108 of the doubles just
  // below them (e.g. nextDown(5/6)), so this test fails without the edge correction.
  it('places every edge k/N for N = 2…50 in bin k (N/N in the last bin), and its neighbours beside it', () => {
    for (let n = 2; n <= 50; n++) {
      for (let k = 0; k <= n; k++) {
        const edge = k / n;
        expect(locateEqualBin(edge, n), `${k}/${n}`).toBe(Math.min(k, n - 1));
        if (k > 0) expect(locateEqualBin(nextDown(edge), n), `below ${k}/${n}`).toBe(k - 1);
        if (k < n) expect(locateEqualBin(nextUp(edge), n), `above ${k}/${n}`).toBe(k);
      }
    }
  });

  it('reports edges that agree with the placement', () => {
    for (let n = 2; n <= 50; n++) {
      const c = calibrate([], { bins: n });
      c.bins.forEach((b, i) => {
        expect(b.lower).toBe(equalBinLower(i, n));
        expect(b.upper).toBe(equalBinUpper(i, n));
        if (i > 0) expect(b.lower).toBe(c.bins[i - 1]!.upper);
      });
      expect(c.bins[0]!.lower).toBe(0);
      expect(c.bins[n - 1]!.upper).toBe(1);
    }
  });

  it('counts each edge probability in the bin that reports it as its lower edge', () => {
    for (let n = 2; n <= 50; n++) {
      const items = Array.from({ length: n + 1 }, (_, k) => ({ probability: k / n, outcome: 1 as const }));
      const counts = calibrate(items, { bins: n }).bins.map((b) => b.count);
      expect(counts, `N = ${n}`).toEqual([...Array<number>(n - 1).fill(1), 2]);
    }
  });

  it('puts every probability in exactly one bin, the one whose [lower, upper) holds it', () => {
    const probability = fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 2520 }).map((k) => k / 2520),
      fc.constantFrom(0, 1, 0.1, 0.3, 0.7, 0.9),
    );
    fc.assert(
      fc.property(fc.array(probability, { maxLength: 60 }), fc.integer({ min: 2, max: 50 }), (ps, n) => {
        const c = calibrate(
          ps.map((p) => ({ probability: p, outcome: 0 as const })),
          { bins: n },
        );
        const holds = (b: { lower: number; upper: number }, i: number, p: number) =>
          b.lower <= p && (p < b.upper || (i === n - 1 && p === 1));
        for (const p of ps) {
          const holders = c.bins.filter((b, i) => holds(b, i, p));
          if (holders.length !== 1) return false;
        }
        return c.bins.every((b, i) => b.count === ps.filter((p) => holds(b, i, p)).length);
      }),
      { numRuns: 500 },
    );
  });
});
