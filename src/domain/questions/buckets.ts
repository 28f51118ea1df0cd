/**
 * Metaculus's buckets of a numeric or date question (utils/the_math/formulas.py and
 * `Forecast.get_pmf` in questions/models.py, github.com/Metaculus/metaculus): 202 buckets —
 * 0 strictly below the range (mass cdf[0]), 1…200 the inner intervals (a, b] with bucket 1
 * closed at the minimum (mass cdf[i] − cdf[i−1]), 201 above (mass 1 − cdf[200]). A location's
 * "unscaled" position is (x − min)/(max − min) on a linear scale, ln(x/min)/ln(max/min) on a log
 * scale (Metaculus's `zero_point` = 0), so the CDF's 201 points are evenly spaced in ln x.
 * Dates are in seconds since the epoch. Pure.
 */
import type { QuestionRange, ResolutionValue } from '../types.js';
import { INBOUND_OUTCOMES } from './cdf-check.js';
import { rangeBounds, rangeNumber } from './question.js';

/** A range as numbers (dates in epoch seconds) with its scale. */
export interface NumericRange {
  min: number;
  max: number;
  scale: 'linear' | 'log';
  openLower: boolean;
  openUpper: boolean;
}

export function numericRange(range: QuestionRange): NumericRange {
  return { ...rangeBounds(range), scale: range.scale, openLower: range.openLower, openUpper: range.openUpper };
}

/** `scaled_location_to_unscaled_location`: x's place in the range, 0 at min and 1 at max (beyond: < 0 or > 1). */
export function unscaledLocation(x: number, r: NumericRange): number {
  if (r.scale === 'log') return Math.log(x / r.min) / Math.log(r.max / r.min);
  return (x - r.min) / (r.max - r.min);
}

/** `unscaled_location_to_scaled_location`: the value at place u of the range. */
export function scaledLocation(u: number, r: NumericRange): number {
  if (r.scale === 'log') return r.min * (r.max / r.min) ** u;
  return r.min + (r.max - r.min) * u;
}

/**
 * A resolution value's place: -Infinity / +Infinity for `below-range` / `above-range`
 * (Metaculus puts them at min − 1 and max + 1), else the number (a date in epoch seconds).
 */
export function outcomeLocation(value: ResolutionValue, r: NumericRange): number {
  if (value === 'below-range') return -Infinity;
  if (value === 'above-range') return Infinity;
  const x = rangeNumber(value);
  // Below a log range's zero the logarithm is undefined: the outcome lies below the range.
  if (r.scale === 'log' && !(x > 0)) return -Infinity;
  return unscaledLocation(x, r);
}

/**
 * `unscaled_location_to_bucket_index`: 0 below, 201 above, 200 exactly at max, else
 * max(⌊u·200 + 1 − 1e-10⌋, 1) (so exactly min is bucket 1 and each inner bucket is (a, b]).
 */
export function bucketOfLocation(u: number): number {
  if (u < 0) return 0;
  if (u > 1) return INBOUND_OUTCOMES + 1;
  if (u === 1) return INBOUND_OUTCOMES;
  return Math.max(Math.trunc(u * INBOUND_OUTCOMES + 1 - 1e-10), 1);
}

/** The bucket a resolution value falls in. */
export function outcomeBucket(value: ResolutionValue, r: NumericRange): number {
  return bucketOfLocation(outcomeLocation(value, r));
}

/** `Forecast.get_pmf` of a CDF: [cdf[0], cdf[1] − cdf[0], …, cdf[200] − cdf[199], 1 − cdf[200]] (202 masses). */
export function pmfOfCdf(cdf: readonly number[]): number[] {
  const pmf = [cdf[0] as number];
  for (let i = 1; i < cdf.length; i++) pmf.push((cdf[i] as number) - (cdf[i - 1] as number));
  pmf.push(1 - (cdf[cdf.length - 1] as number));
  return pmf;
}
