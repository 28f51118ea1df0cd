/**
 * A numeric or date forecast's median and central half (issue 17), in the range's units: what a
 * list shows instead of the 201-point CDF. The quantile is where the CDF first reaches p,
 * linear between the two grid points around it — Metaculus's front end, `findPercentile` in
 * `computeQuartilesFromCDF` (front_end/src/utils/math.ts), as web/js/cdf/sliders.js does —
 * then taken from its place in the range to a value (buckets.ts `scaledLocation`, log scales
 * in ln x). Edge cases: a CDF already at p below the range gives the minimum, one that never
 * reaches p inside it the maximum. Dates come back as ISO instants, numbers as numbers. Pure.
 */
import type { QuestionRange } from '../types.js';
import { numericRange, scaledLocation } from './buckets.js';

/** Where the CDF first reaches p, as a place in the range (0 at min, 1 at max). */
export function quantileLocation(cdf: readonly number[], p: number): number {
  for (let i = 0; i < cdf.length; i++) {
    const here = cdf[i] as number;
    if (here >= p) {
      if (i === 0) return 0;
      const before = cdf[i - 1] as number;
      return (i - 1 + (p - before) / (here - before)) / (cdf.length - 1);
    }
  }
  return 1;
}

export interface CdfQuartiles {
  median: number | string;
  lowerQuartile: number | string;
  upperQuartile: number | string;
}

/** The 25 %, 50 % and 75 % quantiles of a CDF over `range`; dates (string bounds) as ISO instants. */
export function cdfQuartiles(cdf: readonly number[], range: QuestionRange): CdfQuartiles {
  const r = numericRange(range);
  const isDate = typeof range.min === 'string';
  const at = (p: number) => {
    const x = scaledLocation(quantileLocation(cdf, p), r);
    return isDate ? new Date(Math.round(x * 1000)).toISOString() : x;
  };
  return { median: at(0.5), lowerQuartile: at(0.25), upperQuartile: at(0.75) };
}
