import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScore, logScore, meanScores } from '../../../src/domain/scoring/index.js';
import { expectNear } from './near.js';

describe('brierScore', () => {
  it('is (p − o)²', () => {
    // (0.7 − 1)² = 0.09; (0.7 − 0)² = 0.49; (0.5 − 1)² = 0.25
    expectNear(brierScore(0.7, 1), 0.09, 1e-15);
    expectNear(brierScore(0.7, 0), 0.49, 1e-15);
    expect(brierScore(0.5, 1)).toBe(0.25);
    expect(brierScore(1, 1)).toBe(0);
    expect(brierScore(0, 1)).toBe(1);
  });

  it('lies in [0, 1] for every probability and outcome', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<0 | 1>(0, 1), (p, o) => {
        const b = brierScore(p, o);
        return b >= 0 && b <= 1;
      }),
    );
  });

  it('rejects probabilities outside [0, 1] and bad outcomes', () => {
    expect(() => brierScore(1.01, 1)).toThrow(RangeError);
    expect(() => brierScore(-0.1, 0)).toThrow(RangeError);
    expect(() => brierScore(Number.NaN, 0)).toThrow(RangeError);
    expect(() => brierScore(0.5, 2 as 0 | 1)).toThrow(RangeError);
  });
});

describe('logScore', () => {
  it('is ln p for o = 1 and ln(1 − p) for o = 0 (natural log)', () => {
    // ln 0.8 = −0.22314355131420976; ln(1 − 0.8) = ln 0.2 = −1.6094379124341003
    expectNear(logScore(0.8, 1), -0.22314355131420976, 1e-15);
    expectNear(logScore(0.8, 0), -1.6094379124341003, 1e-15);
    expect(logScore(0.5, 0)).toBe(Math.log(0.5));
  });

  it('takes p clamped to [0.001, 0.999], as Metaculus scores: finite for certainty (an imported 0 % or 100 %)', () => {
    // ln 0.001 = −6.907755278982137; ln 0.999 = −0.0010005003335835335
    expectNear(logScore(0, 1), -6.907755278982137, 1e-12);
    expectNear(logScore(1, 0), -6.907755278982137, 1e-12);
    expectNear(logScore(1, 1), -0.0010005003335835335, 1e-15);
    expectNear(logScore(0, 0), -0.0010005003335835335, 1e-15);
    expect(logScore(0.0005, 1)).toBe(logScore(0.001, 1));
    expect(logScore(0.001, 1)).toBe(Math.log(0.001));
    expect(logScore(0.9995, 0)).toBe(logScore(0.999, 0));
  });
});

describe('meanScores', () => {
  it('averages Brier and log scores with the count', () => {
    // brier (0.04 + 0.09 + 0.25) / 3 = 0.38 / 3 = 0.12666…; log (−0.1 − 0.2 − 0.6) / 3 = −0.3
    const m = meanScores([
      { brier: 0.04, logScore: -0.1 },
      { brier: 0.09, logScore: -0.2 },
      { brier: 0.25, logScore: -0.6 },
    ]);
    expect(m.count).toBe(3);
    expectNear(m.brier, 0.38 / 3, 1e-15);
    expectNear(m.logScore, -0.3, 1e-15);
  });

  it('gives null means for no items', () => {
    expect(meanScores([])).toEqual({ count: 0, brier: null, logScore: null });
  });

  it('carries a −Infinity log score through to the mean', () => {
    const m = meanScores([
      { brier: 1, logScore: -Infinity },
      { brier: 0, logScore: 0 },
    ]);
    expect(m.brier).toBe(0.5);
    expect(m.logScore).toBe(-Infinity);
  });

  it('stays accurate over a million terms (compensated sum)', () => {
    // 0.1 is 0.1000000000000000055511151231257827…; its mean over 10⁶ copies must be 0.1 to the
    // last bit, whereas naive left-to-right summation drifts by ~1e-12 relative.
    const items = Array.from({ length: 1_000_000 }, () => ({ brier: 0.1, logScore: -0.1 }));
    const m = meanScores(items);
    expect(m.brier).toBe(0.1);
    expect(m.logScore).toBe(-0.1);
  });
});
