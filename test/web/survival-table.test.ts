import { describe, expect, it } from 'vitest';
import { LONG_TABLE, readAt, summaryStep, survivalCsv, survivalTable } from '../../web/js/charts/survival-table.js';

const point = (days: number, atRisk: number, confirmed: number, refuted: number, censored: number, unresolved: number) => ({ days, atRisk, confirmed, refuted, censored, unresolved, lower: unresolved - 0.1, upper: Math.min(1, unresolved + 0.1), cumConfirmed: 0, cumRefuted: 0 });
/** Five entries: confirmed on day 3, refuted on 12, confirmed and one censored on 25, the last censored on 40. */
const five = { key: null, entries: 5, confirmed: 2, refuted: 1, censored: 2, medianDays: 25, points: [point(3, 5, 1, 0, 0, 0.8), point(12, 4, 0, 1, 0, 0.6), point(25, 3, 1, 0, 1, 0.4), point(40, 1, 0, 0, 1, 0.4)] };
/** A group with a point on each of `n` days 1…n, all confirmed (no censoring). */
const daily = (key: string | null, n: number) => ({ key, entries: n, confirmed: n, refuted: 0, censored: 0, medianDays: null, points: Array.from({ length: n }, (_, i) => point(i + 1, n - i, 1, 0, 0, (n - i - 1) / n)) });

describe('the short view of a long time-to-verdict table', () => {
  it('reads the curves at each time as R’s summary.survfit(fit, times) does: shares at t+0, at risk at t−0, events since the time before', () => {
    const rows = readAt(five, [0, 10, 20, 30, 40, 50]);
    expect(rows.map((r) => [r.days, r.atRisk, r.confirmed, r.refuted, r.censored, r.at.unresolved])).toEqual([
      [0, 5, 0, 0, 0, 1],
      [10, 4, 1, 0, 0, 0.8],
      [20, 3, 0, 1, 0, 0.6],
      [30, 1, 1, 0, 1, 0.4],
      [40, 1, 0, 0, 1, 0.4],
    ]);
    // Day 0, before any point: everything still without a verdict, its band collapsed to 100%.
    expect([rows[0]!.at.lower, rows[0]!.at.upper]).toEqual([1, 1]);
  });

  it('steps 1, 2 or 5 × 10^k days, the smallest that keeps all groups’ rows within the budget', () => {
    expect(summaryStep([daily(null, 40)])).toBe(1);
    expect(summaryStep([daily(null, 100)])).toBe(5);
    expect(summaryStep([daily('a', 1000), daily('b', 1000)])).toBe(50);
    const rows = (step: number, n: number) => Math.floor(n / step) + 1;
    expect(2 * rows(50, 1000)).toBeLessThanOrEqual(LONG_TABLE);
    expect(2 * rows(20, 1000)).toBeGreaterThan(LONG_TABLE);
  });

  it('has no short view while the table has at most LONG_TABLE rows, and one within it beyond', () => {
    expect(survivalTable({ by: 'none', groups: [daily(null, LONG_TABLE)] }).summary).toBeNull();
    const long = survivalTable({ by: 'none', groups: [daily(null, 300)] });
    expect(long.rows).toHaveLength(300);
    expect(long.summary!.spec.rows.length).toBeLessThanOrEqual(LONG_TABLE);
    expect(long.summary!.words).toBe(`Every 10 days from day 0: 31 of the 300 rows, one for each day on which an allegation was confirmed, refuted or left the count. “Since last row” counts the days in between.`);
  });

  it('writes every point as CSV with the API’s field names, quoting names with commas or quotes', () => {
    const csv = survivalCsv({ by: 'source', groups: [{ ...five, key: 'x' }] }, () => 'Ministry, "press" office');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('group,key,days,atRisk,confirmed,refuted,censored,unresolved,lower,upper,cumConfirmed,cumRefuted');
    expect(lines[1]).toBe('"Ministry, ""press"" office",x,3,5,1,0,0,0.8,0.7000000000000001,0.9,0,0');
    expect(lines).toHaveLength(five.points.length + 2);
  });
});
