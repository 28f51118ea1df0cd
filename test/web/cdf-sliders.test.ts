import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCdfEnds, checkCdfSteps } from '../../src/domain/questions/cdf-check.js';
import { slidersForQuartiles } from '../../web/js/cdf/fit.js';
import { densityPoints, fromLocation, toLocation } from '../../web/js/cdf/scale.js';
import {
  cdfFromSliderComponents,
  cdfFromSliders,
  cdfToPmf,
  logisticParamsFromSliders,
  quartilesOfCdf,
  standardizeCdf,
} from '../../web/js/cdf/sliders.js';

interface Vector { name: string; openLower: boolean; openUpper: boolean; input: number[]; expected: number[] }
const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../fixtures/metaculus-cdf/vectors.json', import.meta.url), 'utf8'),
);

/**
 * Metaculus's serializer check (questions/serializers/common.py `continuous_validation`),
 * restated here so the module is tested against it independently of Reckon's own validation.
 */
function metaculusProblems(cdf: number[], openLower: boolean, openUpper: boolean): string[] {
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  const c = cdf.map((x) => round(x, 10));
  const steps = c.slice(1).map((x, i) => round(x - c[i]!, 9));
  const problems: string[] = [];
  if (c.length !== 201) problems.push('length');
  if (!steps.every((s) => s >= 0.00005)) problems.push('min step');
  if (!steps.every((s) => s <= 0.2)) problems.push('max step');
  if (openLower ? !(c[0]! >= 0.001) : c[0] !== 0) problems.push('lower bound');
  if (openUpper ? !(c[200]! <= 0.999) : c[200] !== 1) problems.push('upper bound');
  return problems;
}

const BOUNDS = [
  { openLower: false, openUpper: false },
  { openLower: true, openUpper: false },
  { openLower: false, openUpper: true },
  { openLower: true, openUpper: true },
];
const THUMBS = [
  { left: 0.4, center: 0.5, right: 0.6 },
  { left: 0.05, center: 0.1, right: 0.3 },
  { left: 0.9, center: 0.97, right: 0.99 },
  { left: 0.499, center: 0.5, right: 0.501 },
  { left: 0, center: 0.5, right: 1 },
];

describe("standardizeCdf matches Metaculus's published standardize_cdf", () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const ours = standardizeCdf(v.input, v.openLower, v.openUpper);
    expect(ours).toHaveLength(201);
    ours.forEach((x, i) => expect(Math.abs(x - v.expected[i]!)).toBeLessThan(1e-9));
  });
});

interface SliderExample { source: string; type: string; openLower: boolean; openUpper: boolean; components: Array<{ left: number; center: number; right: number; weight: number }>; forecastValues: number[] }
const sliderExamples: SliderExample[] = JSON.parse(
  readFileSync(new URL('../fixtures/metaculus-cdf/slider-examples.json', import.meta.url), 'utf8'),
);

describe("cdfFromSliderComponents reproduces forecasts Metaculus's form made", () => {
  // my_forecasts entries with their slider `distribution_input` and the `forecast_values` Metaculus stored
  it.each(sliderExamples.map((e) => [`${e.type} (open lower ${e.openLower}, open upper ${e.openUpper})`, e] as const))('%s', (_name, e) => {
    const ours = cdfFromSliderComponents(e.components, e);
    ours.forEach((x, i) => expect(Math.abs(x - e.forecastValues[i]!)).toBeLessThan(1e-9));
  });
});

describe('cdfFromSliderComponents', () => {
  it('builds a CDF that Metaculus accepts for every kind of bound and thumb placement', () => {
    for (const bounds of BOUNDS) {
      for (const thumbs of THUMBS) {
        const cdf = cdfFromSliderComponents([thumbs], bounds);
        expect(metaculusProblems(cdf, bounds.openLower, bounds.openUpper), JSON.stringify({ bounds, thumbs })).toEqual([]);
      }
    }
  });

  it("passes Reckon's own CDF rule (src/domain/questions/cdf-check.ts), the one POST /forecasts applies", () => {
    for (const bounds of BOUNDS) {
      for (const thumbs of THUMBS) {
        const cdf = cdfFromSliderComponents([thumbs], bounds);
        expect([...checkCdfSteps(cdf), ...checkCdfEnds(cdf, bounds.openLower, bounds.openUpper)], JSON.stringify({ bounds, thumbs })).toEqual([]);
      }
    }
  });

  it('is non-decreasing and stays within [0, 1]', () => {
    const cdf = cdfFromSliderComponents([{ left: 0.2, center: 0.3, right: 0.5 }, { left: 0.7, center: 0.8, right: 0.85, weight: 0.5 }], BOUNDS[3]!);
    cdf.forEach((x, i) => {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      if (i > 0) expect(x).toBeGreaterThan(cdf[i - 1]!);
    });
  });

  it('gives 0.001/0.999 floors at open ends and exactly 0/1 at closed ones', () => {
    const open = cdfFromSliderComponents([{ left: 0.45, center: 0.5, right: 0.55 }], BOUNDS[3]!);
    expect(open[0]).toBeGreaterThanOrEqual(0.001);
    expect(open[200]).toBeLessThanOrEqual(0.999);
    const closed = cdfFromSliderComponents([{ left: 0.45, center: 0.5, right: 0.55 }], BOUNDS[0]!);
    expect(closed[0]).toBe(0);
    expect(closed[200]).toBe(1);
  });

  it('puts the median of symmetric thumbs at the centre', () => {
    const cdf = cdfFromSliderComponents([{ left: 0.3, center: 0.5, right: 0.7 }], BOUNDS[0]!);
    expect(quartilesOfCdf(cdf).median).toBeCloseTo(0.5, 6);
    expect(cdf[100]).toBeCloseTo(0.5, 9);
  });

  it('weights a mixture: more weight on the upper component moves the median up', () => {
    const a = { left: 0.1, center: 0.2, right: 0.3 };
    const b = { left: 0.7, center: 0.8, right: 0.9 };
    const low = quartilesOfCdf(cdfFromSliderComponents([{ ...a, weight: 3 }, { ...b, weight: 1 }], BOUNDS[0]!)).median;
    const high = quartilesOfCdf(cdfFromSliderComponents([{ ...a, weight: 1 }, { ...b, weight: 3 }], BOUNDS[0]!)).median;
    expect(low).toBeLessThan(0.35);
    expect(high).toBeGreaterThan(0.65);
  });
});

describe("the logistic from Metaculus's math.ts", () => {
  it('extremises the mode (k = 0.15) and clamps scale and asymmetry', () => {
    expect(logisticParamsFromSliders(0.4, 0.5, 0.6).mode).toBeCloseTo(0.5, 12);
    expect(logisticParamsFromSliders(0.4, 0.6, 0.8).mode).toBeCloseTo(1.3 * 0.6 - 0.15, 12);
    expect(logisticParamsFromSliders(0.4999, 0.5, 0.5001).scale).toBe(0.007);
    expect(logisticParamsFromSliders(0.1, 0.1999, 0.2).asymmetry).toBe(-0.95);
  });

  it('rescales one component so that closed bounds hold no mass', () => {
    const cdf = cdfFromSliders(0.2, 0.3, 0.6, false, false);
    expect(cdf[0]).toBe(0);
    expect(cdf[200]).toBe(1);
    expect(cdfToPmf(cdf)).toHaveLength(202);
  });
});

describe('slidersForQuartiles', () => {
  it.each([
    [{ lower25: 0.3, median: 0.4, upper75: 0.5 }, BOUNDS[0]!],
    [{ lower25: 0.1, median: 0.15, upper75: 0.21 }, BOUNDS[3]!],
    [{ lower25: 0.6, median: 0.7, upper75: 0.78 }, BOUNDS[1]!],
  ])('finds thumbs whose CDF has the asked quartiles %j', (target, bounds) => {
    const fit = slidersForQuartiles(target, bounds);
    expect(fit.error).toBeLessThan(1e-3);
    expect(quartilesOfCdf(fit.cdf).median).toBeCloseTo(target.median, 2);
    expect(metaculusProblems(fit.cdf, bounds.openLower, bounds.openUpper)).toEqual([]);
  });

  it('says how far it got when the ask is beyond the logistic (asymmetry clamped at 0.95)', () => {
    const fit = slidersForQuartiles({ lower25: 0.1, median: 0.11, upper75: 0.9 }, BOUNDS[0]!);
    expect(fit.error).toBeGreaterThan(0.01);
    expect(fit.achieved).toEqual(quartilesOfCdf(fit.cdf));
    expect(metaculusProblems(fit.cdf, false, false)).toEqual([]);
  });
});

describe('scale', () => {
  it('spaces a log range evenly in ln x (Metaculus zero_point 0)', () => {
    const range = { min: 1000, max: 100000, scale: 'log' as const };
    expect(toLocation(10000, range)).toBeCloseTo(0.5, 12);
    expect(fromLocation(0.5, range)).toBeCloseTo(10000, 6);
  });

  it('reads date bounds as instants in seconds', () => {
    const range = { min: '2024-01-01T00:00:00Z', max: '2024-01-11T00:00:00Z' };
    expect(toLocation('2024-01-06T00:00:00Z', range)).toBeCloseTo(0.5, 12);
    expect(fromLocation(0, range)).toBe(Date.parse('2024-01-01T00:00:00Z') / 1000);
  });

  it('turns a CDF into a density whose integral over the range is the inner mass', () => {
    const range = { min: 0, max: 50, scale: 'linear' as const };
    const cdf = cdfFromSliderComponents([{ left: 0.3, center: 0.4, right: 0.6 }], BOUNDS[3]!);
    const points = densityPoints(cdf, range);
    const integral = points.reduce((acc, p) => acc + p.y * (50 / 200), 0);
    expect(integral).toBeCloseTo(cdf[200]! - cdf[0]!, 9);
  });
});
