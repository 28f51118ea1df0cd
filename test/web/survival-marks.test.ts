/**
 * The "+" marks of the Kaplan–Meier chart: drawn where open allegations left the count, unless a
 * drawn curve has so many such days that the marks would merge into a bar hiding the curve (the
 * bench world's 4,340 allegations left the count on over a thousand days).
 */
import { describe, expect, it } from 'vitest';
import { LIGHT } from '../../web/js/charts/palette.js';
import { MAX_CENSOR_MARKS, showsCensorMarks, survivalConfig } from '../../web/js/charts/survival.js';

/** A group of `days` + 10 allegations: ten verdicts on days 1–10, then one leaving the count on each of `days` days. */
function group(key: string | null, days: number) {
  const entries = days + 10;
  const points = [];
  let s = 1;
  for (let d = 1; d <= 10; d += 1) {
    s *= 1 - 1 / (entries - d + 1);
    points.push({ days: d, atRisk: entries - d + 1, confirmed: 1, refuted: 0, censored: 0, unresolved: s, lower: s * 0.9, upper: Math.min(1, s * 1.1), cumConfirmed: 1 - s, cumRefuted: 0 });
  }
  for (let d = 1; d <= days; d += 1) points.push({ days: 10 + d, atRisk: days - d + 1, confirmed: 0, refuted: 0, censored: 1, unresolved: s, lower: s * 0.9, upper: Math.min(1, s * 1.1), cumConfirmed: 1 - s, cumRefuted: 0 });
  return { key, entries, confirmed: 10, refuted: 0, censored: days, medianDays: null, points };
}

const radii = (survival: any) =>
  survivalConfig(survival, LIGHT)
    .data.datasets.filter((d: any) => d.reckon?.kind === 'curve')
    .map((d: any) => (d.pointRadius as number[]).filter((r) => r > 0).length);

describe('the Kaplan–Meier chart’s "+" marks', () => {
  it('marks every day allegations left the count while a curve has at most MAX_CENSOR_MARKS of them', () => {
    const survival = { by: 'none', groups: [group(null, MAX_CENSOR_MARKS)] };
    expect(showsCensorMarks(survival)).toBe(true);
    expect(radii(survival)).toEqual([MAX_CENSOR_MARKS]);
  });

  it('marks none, on any curve, once one drawn curve has more', () => {
    const one = { by: 'none', groups: [group(null, MAX_CENSOR_MARKS + 1)] };
    expect(showsCensorMarks(one)).toBe(false);
    expect(radii(one)).toEqual([0]);
    const two = { by: 'sourceType', groups: [group('government', MAX_CENSOR_MARKS + 1), group('media', 12)] };
    expect(showsCensorMarks(two)).toBe(false);
    expect(radii(two)).toEqual([0, 0]);
  });

  it('counts only drawn groups: a group too small to draw does not decide', () => {
    const survival = { by: 'sourceType', groups: [group('government', 20), { ...group('media', MAX_CENSOR_MARKS + 1), entries: 3 }] };
    expect(showsCensorMarks(survival)).toBe(true);
  });
});
