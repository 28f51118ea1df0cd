import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competingRisks } from '../../../src/domain/survival/competing-risks.js';
import { kaplanMeier, logInterval, medianDays, mergeTallies, type DurationTally } from '../../../src/domain/survival/kaplan-meier.js';
import { expectNear } from '../scoring/near.js';

const t = (days: number, confirmed: number, refuted: number, censored: number): DurationTally => ({ days, confirmed, refuted, censored });

describe('Kaplan–Meier with Greenwood log intervals and Aalen–Johansen incidences (hand-computed)', () => {
  // Six entries: confirmed at 0; at 3 one confirmed, one refuted and one censored (a tie of
  // events and a censoring: the censored one is still at risk at 3); censored at 5; refuted at 8.
  const points = competingRisks([t(0, 1, 0, 0), t(3, 1, 1, 1), t(5, 0, 0, 1), t(8, 0, 1, 0)]);

  it('counts at risk with censorings at an event time still at risk', () => {
    expect(points.map((p) => [p.days, p.atRisk, p.confirmed, p.refuted, p.censored])).toEqual([
      [0, 6, 1, 0, 0],
      [3, 5, 1, 1, 1],
      [5, 2, 0, 0, 1],
      [8, 1, 0, 1, 0],
    ]);
  });

  it('gives S(t) = Π (n − d)/n, a zero duration included', () => {
    expectNear(points[0]!.unresolved, 5 / 6);
    expectNear(points[1]!.unresolved, 0.5); // 5/6 · 3/5
    expectNear(points[2]!.unresolved, 0.5); // censoring only: unchanged
    expect(points[3]!.unresolved).toBe(0);
  });

  it('gives the log-scale interval from Greenwood: exp(log S ± z·√Σ d/(n(n−d))), upper capped at 1, null at S = 0', () => {
    // V(0) = 1/(6·5) = 1/30; V(3) = 1/30 + 2/(5·3) = 1/6 (exp(log S ± z·√V) worked out independently in Python).
    expectNear(points[0]!.lower!, 0.5826547954771396);
    expect(points[0]!.upper).toBe(1);
    expectNear(points[1]!.lower!, 0.22463034776926674);
    expect(points[1]!.upper).toBe(1);
    expectNear(points[2]!.lower!, 0.22463034776926674);
    expect(points[3]!.lower).toBeNull();
    expect(points[3]!.upper).toBeNull();
  });

  it('gives the cumulative incidences F_k(t) = Σ S(s−) d_k/n, adding up to 1 with S', () => {
    expect(points.map((p) => [p.cumConfirmed, p.cumRefuted].map((x) => Math.round(x * 1e12) / 1e12))).toEqual([
      [Math.round((1 / 6) * 1e12) / 1e12, 0],
      [Math.round((1 / 3) * 1e12) / 1e12, Math.round((1 / 6) * 1e12) / 1e12],
      [Math.round((1 / 3) * 1e12) / 1e12, Math.round((1 / 6) * 1e12) / 1e12],
      [Math.round((1 / 3) * 1e12) / 1e12, Math.round((2 / 3) * 1e12) / 1e12],
    ]);
  });

  it('has the median at the first duration with S ≤ 0.5', () => {
    expect(medianDays(points)).toBe(3);
    expect(medianDays(competingRisks([t(1, 1, 0, 3)]))).toBeNull();
  });

  it('caps nothing when the upper end is below 1', () => {
    // Ten entries, one verdict a day on days 1–5, five censored on day 6: S = 1/2, V = 1/5 − 1/10.
    const p = kaplanMeier([t(1, 1, 0, 0), t(2, 0, 1, 0), t(3, 1, 0, 0), t(4, 1, 0, 0), t(5, 0, 1, 0), t(6, 0, 0, 5)]);
    expectNear(p[4]!.unresolved, 0.5);
    expectNear(p[4]!.seLog ** 2, 0.1);
    expectNear(p[4]!.lower!, 0.26902735506354475);
    expectNear(p[4]!.upper!, 0.9292735303476836);
  });

  it('is 1 with a degenerate interval [1, 1] before any verdict', () => {
    const [p] = kaplanMeier([t(2, 0, 0, 4), t(4, 1, 0, 0)]);
    expect([p!.unresolved, p!.lower, p!.upper, p!.atRisk]).toEqual([1, 1, 1, 5]);
  });

  it('merges tallies of the same duration and refuses negative or fractional counts', () => {
    expect(mergeTallies([t(2, 1, 0, 0), t(1, 0, 0, 1), t(2, 0, 1, 1), t(3, 0, 0, 0)])).toEqual([t(1, 0, 0, 1), t(2, 1, 1, 1)]);
    expect(() => kaplanMeier([t(-1, 1, 0, 0)])).toThrow(RangeError);
    expect(() => kaplanMeier([t(1, 0.5, 0, 0)])).toThrow(RangeError);
    expect(kaplanMeier([])).toEqual([]);
  });

  it('gives no interval where S = 0 and a finite one elsewhere', () => {
    expect(logInterval(0, 0)).toEqual({ lower: null, upper: null });
    expect(logInterval(0.5, Infinity)).toEqual({ lower: null, upper: null });
  });
});

const tally = fc.record({ days: fc.integer({ min: 0, max: 40 }), confirmed: fc.integer({ min: 0, max: 3 }), refuted: fc.integer({ min: 0, max: 3 }), censored: fc.integer({ min: 0, max: 3 }) });

describe('survival curves, properties', () => {
  it('unresolved + cumConfirmed + cumRefuted = 1 at every point', () => {
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 60 }), (ts) => {
        for (const p of competingRisks(ts)) expectNear(p.unresolved + p.cumConfirmed + p.cumRefuted, 1, 1e-12);
      }),
    );
  });

  it('KM and both incidences are monotone, in [0, 1], over strictly increasing durations', () => {
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 60 }), (ts) => {
        const ps = competingRisks(ts);
        for (let i = 0; i < ps.length; i++) {
          const p = ps[i]!;
          expect(p.unresolved).toBeGreaterThanOrEqual(0);
          expect(p.unresolved).toBeLessThanOrEqual(1);
          if (p.lower !== null) {
            expect(p.lower).toBeLessThanOrEqual(p.unresolved);
            expect(p.upper!).toBeGreaterThanOrEqual(p.unresolved);
            expect(p.upper!).toBeLessThanOrEqual(1);
          } else expect(p.unresolved).toBe(0);
          if (i === 0) continue;
          const q = ps[i - 1]!;
          expect(p.days).toBeGreaterThan(q.days);
          expect(p.unresolved).toBeLessThanOrEqual(q.unresolved);
          expect(p.cumConfirmed).toBeGreaterThanOrEqual(q.cumConfirmed);
          expect(p.cumRefuted).toBeGreaterThanOrEqual(q.cumRefuted);
          expect(p.atRisk).toBe(q.atRisk - q.confirmed - q.refuted - q.censored);
        }
      }),
    );
  });

  it('does not depend on how entries are split into tallies or ordered', () => {
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 40 }), (ts) => {
        const ones = ts.flatMap((x) => [
          ...Array.from({ length: x.confirmed }, () => t(x.days, 1, 0, 0)),
          ...Array.from({ length: x.refuted }, () => t(x.days, 0, 1, 0)),
          ...Array.from({ length: x.censored }, () => t(x.days, 0, 0, 1)),
        ]);
        expect(competingRisks(ones.reverse())).toEqual(competingRisks(ts));
      }),
    );
  });

  it('with no censoring, S is the share of entries ending later (the empirical survival function)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ days: fc.integer({ min: 0, max: 20 }), confirmed: fc.integer({ min: 0, max: 2 }), refuted: fc.integer({ min: 0, max: 2 }), censored: fc.constant(0) }), { maxLength: 30 }), (ts) => {
        const all = ts.flatMap((x) => Array.from({ length: x.confirmed + x.refuted }, () => x.days));
        for (const p of competingRisks(ts)) expectNear(p.unresolved, all.filter((d) => d > p.days).length / all.length);
      }),
    );
  });
});
