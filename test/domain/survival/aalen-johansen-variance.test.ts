/**
 * The Aalen–Johansen standard errors and intervals against R's survival package: its own
 * survfitAJ + src/survfitaj.c (3.8-11, github head) and the packaged 3.5-3, run on five data
 * sets by test/fixtures/survival-aj/generate.R (numbers saved in r-reference.json, as the
 * package's own tests/*.Rout.save hold theirs); against a line-by-line per-entry port of the
 * C loop on random data; and properties.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aalenJohansenStdErrs, incidenceBands, probabilityLogInterval } from '../../../src/domain/survival/aalen-johansen-variance.js';
import { competingRisks } from '../../../src/domain/survival/competing-risks.js';
import { kaplanMeier, type DurationTally } from '../../../src/domain/survival/kaplan-meier.js';
import { expectNear } from '../scoring/near.js';

interface RFit { states: string[]; time: number[]; nRisk: number[]; pstate: number[][]; stdErr: number[][]; lower: (number | null)[][]; upper: (number | null)[][] }
interface RCase { name: string; time: number[]; status: number[]; head: RFit; cran: RFit }
const reference = JSON.parse(readFileSync(new URL('../../fixtures/survival-aj/r-reference.json', import.meta.url), 'utf8')) as { cases: RCase[] };

const t = (days: number, confirmed: number, refuted: number, censored: number): DurationTally => ({ days, confirmed, refuted, censored });
/** R's status codes (0 censored, 1 confirmed, 2 refuted) as one tally per entry. */
const talliesOf = (c: RCase) => c.time.map((days, i) => t(days, c.status[i] === 1 ? 1 : 0, c.status[i] === 2 ? 1 : 0, c.status[i] === 0 ? 1 : 0));

describe('Aalen–Johansen std.err and 95% intervals, as R survival’s survfit gives them', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const points = competingRisks(talliesOf(c));
    const errs = aalenJohansenStdErrs(points);
    const bands = incidenceBands(points);
    const r = c.head;
    expect(r.states).toEqual(['(s0)', 'confirmed', 'refuted']);
    expect(points.map((p) => p.days)).toEqual(r.time);
    expect(points.map((p) => p.atRisk)).toEqual(r.nRisk);
    points.forEach((p, i) => {
      [p.unresolved, p.cumConfirmed, p.cumRefuted].forEach((v, j) => expectNear(v, r.pstate[j]![i]!, 1e-12));
      [errs[i]!.unresolved, errs[i]!.confirmed, errs[i]!.refuted].forEach((v, j) => expectNear(v, r.stdErr[j]![i]!, 1e-12));
      const b = bands[i]!;
      expect([b.cumConfirmedStdErr, b.cumRefutedStdErr]).toEqual([errs[i]!.confirmed, errs[i]!.refuted]);
      for (const [j, lower, upper] of [[1, b.cumConfirmedLower, b.cumConfirmedUpper], [2, b.cumRefutedLower, b.cumRefutedUpper]] as const) {
        expectNear(lower, r.lower[j]![i]!, 1e-12);
        expectNear(upper, r.upper[j]![i]!, 1e-12);
      }
    });
  });

  it('agrees with the packaged survival 3.5-3, but for the share 0 (no such verdict yet): NA there, [0, 0] since 3.8-4', () => {
    for (const c of reference.cases) {
      const [head, cran] = [c.head, c.cran];
      expect(cran.time).toEqual(head.time);
      for (let j = 0; j < 3; j++) {
        head.time.forEach((_, i) => {
          expectNear(cran.stdErr[j]![i]!, head.stdErr[j]![i]!, 1e-12);
          if (head.pstate[j]![i] === 0) {
            expect([head.stdErr[j]![i], head.lower[j]![i], head.upper[j]![i], cran.lower[j]![i], cran.upper[j]![i]]).toEqual([0, 0, 0, null, null]);
          } else {
            expectNear(cran.lower[j]![i]!, head.lower[j]![i]!, 1e-12);
            expectNear(cran.upper[j]![i]!, head.upper[j]![i]!, 1e-12);
          }
        });
      }
    }
  });

  it('gives by hand, for six entries (a verdict of each kind and a censoring tied on day 3): √30/36 on day 0', () => {
    // Day 0: one of 6 confirmed. The confirmed entry's influence on F_confirmed is 1/6 − 1/36,
    // each of the 5 others' −1/36: Σ U² = 25/1296 + 5/1296 = 30/1296.
    const [p0] = incidenceBands(competingRisks([t(0, 1, 0, 0), t(3, 1, 1, 1), t(5, 0, 0, 1), t(8, 0, 1, 0)]));
    expectNear(p0!.cumConfirmedStdErr, Math.sqrt(30) / 36);
    expect([p0!.cumRefutedStdErr, p0!.cumRefutedLower, p0!.cumRefutedUpper]).toEqual([0, 0, 0]);
    const w = 1.959963984540054 * (Math.sqrt(30) / 36) * 6;
    expectNear(p0!.cumConfirmedLower, Math.exp(Math.log(1 / 6) - w));
    expectNear(p0!.cumConfirmedUpper, Math.exp(Math.log(1 / 6) + w));
  });

  it('follows survfit_confint at the edges: se 0 → [p, p], p 0 with se > 0 → nulls, upper capped at 1', () => {
    expect(probabilityLogInterval(0, 0)).toEqual({ lower: 0, upper: 0 });
    expect(probabilityLogInterval(1, 0)).toEqual({ lower: 1, upper: 1 });
    expect(probabilityLogInterval(0, 0.1)).toEqual({ lower: null, upper: null });
    expect(probabilityLogInterval(0.9, 0.2).upper).toBe(1);
    expectNear(probabilityLogInterval(0.2, 0.05).lower, 0.2 * Math.exp(-1.959963984540054 * 0.25));
  });
});

/**
 * src/survfitaj.c's loop (l. 342–486) for one curve of competing risks, entry by entry: U is
 * n × 3, every entry its own cluster, everyone starting in state 0 with p0 = (1, 0, 0).
 */
function survfitajByEntry(entries: Array<{ days: number; state: 0 | 1 | 2 }>): number[][] {
  const times = [...new Set(entries.map((e) => e.days))].sort((a, b) => a - b);
  const U = entries.map(() => [0, 0, 0]);
  const p = [1, 0, 0];
  return times.map((time) => {
    const atRisk = entries.map((e) => e.days >= time);
    const n = atRisk.filter(Boolean).length;
    const d = [0, 0, 0];
    for (const e of entries) if (e.days === time && e.state > 0) d[e.state] = d[e.state]! + 1;
    if (d[1]! + d[2]! > 0) {
      for (const u of U) {
        const u0 = u[0]!;
        u[1] = u[1]! + (u0 * d[1]!) / n;
        u[2] = u[2]! + (u0 * d[2]!) / n;
        u[0] = u0 * (1 - (d[1]! + d[2]!) / n);
      }
      entries.forEach((e, g) => {
        const u = U[g]!;
        if (e.days === time && e.state > 0) {
          u[0] = u[0]! - p[0]! / n;
          u[e.state] = u[e.state]! + p[0]! / n;
        }
        for (const k of [1, 2]) {
          if (!atRisk[g] || d[k] === 0) continue;
          u[0] = u[0]! + (p[0]! * d[k]!) / (n * n);
          u[k] = u[k]! - (p[0]! * d[k]!) / (n * n);
        }
      });
      const s = p[0]!;
      for (const k of [1, 2]) (p[k] = p[k]! + (s * d[k]!) / n), (p[0] = p[0]! - (s * d[k]!) / n);
    }
    return [0, 1, 2].map((j) => Math.sqrt(U.reduce((sum, u) => sum + u[j]! ** 2, 0)));
  });
}

const tally = fc.record({ days: fc.integer({ min: 0, max: 30 }), confirmed: fc.integer({ min: 0, max: 3 }), refuted: fc.integer({ min: 0, max: 3 }), censored: fc.integer({ min: 0, max: 3 }) });

describe('Aalen–Johansen std.err, properties', () => {
  it('equals the per-entry influence loop of survfitaj.c', () => {
    fc.assert(
      fc.property(fc.array(tally, { minLength: 1, maxLength: 25 }), (ts) => {
        const entries = ts.flatMap((x) => [
          ...Array.from({ length: x.confirmed }, () => ({ days: x.days, state: 1 as const })),
          ...Array.from({ length: x.refuted }, () => ({ days: x.days, state: 2 as const })),
          ...Array.from({ length: x.censored }, () => ({ days: x.days, state: 0 as const })),
        ]);
        const points = competingRisks(ts);
        const mine = aalenJohansenStdErrs(points);
        const byEntry = survfitajByEntry(entries);
        expect(mine).toHaveLength(byEntry.length);
        mine.forEach((se, i) => [se.unresolved, se.confirmed, se.refuted].forEach((v, j) => expectNear(v, byEntry[i]![j]!, 1e-12)));
      }),
    );
  });

  it('with a single cause: cumConfirmed = 1 − KM, its std.err = S·√Greenwood (the KM’s), refuted 0 with [0, 0]', () => {
    const oneCause = fc.record({ days: fc.integer({ min: 0, max: 30 }), confirmed: fc.integer({ min: 0, max: 3 }), refuted: fc.constant(0), censored: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(oneCause, { maxLength: 40 }), (ts) => {
        const km = kaplanMeier(ts);
        const points = competingRisks(ts);
        const bands = incidenceBands(points);
        points.forEach((p, i) => {
          expectNear(p.cumConfirmed, 1 - km[i]!.unresolved, 1e-12);
          if (km[i]!.unresolved > 0) expectNear(bands[i]!.cumConfirmedStdErr, km[i]!.unresolved * km[i]!.seLog, 1e-12);
          expect([bands[i]!.cumRefutedStdErr, bands[i]!.cumRefutedLower, bands[i]!.cumRefutedUpper]).toEqual([0, 0, 0]);
        });
      }),
    );
  });

  it('std.err ≥ 0; each band holds its share and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(tally, { maxLength: 60 }), (ts) => {
        const points = competingRisks(ts);
        incidenceBands(points).forEach((b, i) => {
          const p = points[i]!;
          for (const [share, se, lower, upper] of [[p.cumConfirmed, b.cumConfirmedStdErr, b.cumConfirmedLower, b.cumConfirmedUpper], [p.cumRefuted, b.cumRefutedStdErr, b.cumRefutedLower, b.cumRefutedUpper]] as const) {
            expect(se).toBeGreaterThanOrEqual(0);
            expect(Number.isFinite(se)).toBe(true);
            // A share of 0 comes only before the first such verdict, where se is 0 too: never null.
            expect(lower).not.toBeNull();
            expect(lower!).toBeGreaterThanOrEqual(0);
            expect(lower!).toBeLessThanOrEqual(share);
            expect(upper!).toBeGreaterThanOrEqual(share);
            expect(upper!).toBeLessThanOrEqual(1);
          }
        });
      }),
    );
  });
});
