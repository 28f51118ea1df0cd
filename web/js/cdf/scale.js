/**
 * A numeric or date question's range ↔ internal locations in [0, 1], the space in which the 201
 * CDF points are evenly spaced. Linear: (x − min) / (max − min). Log: ln(x / min) / ln(max / min),
 * which is Metaculus's `unscaleNominalLocation` (front_end/src/utils/math.ts) with `zero_point`
 * 0 — the only log scaling Reckon represents. Dates are in seconds since the epoch (Metaculus's
 * `scaling` stores them so), given as instants (ISO strings) or numbers of seconds. Pure.
 */

/**
 * A range bound or value as a number in the range's units: seconds for instants.
 * @param {number | string} v
 */
export function rangeNumber(v) {
  if (typeof v === 'number') return v;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new Error(`not a number or an instant: ${v}`);
  return ms / 1000;
}

/**
 * Internal location of a value (may fall outside [0, 1] for values beyond the range; a log
 * scale gives −Infinity at 0 and NaN below it).
 * @param {number | string} x
 * @param {{ min: number | string, max: number | string, scale?: 'linear' | 'log' }} range
 */
export function toLocation(x, range) {
  const v = rangeNumber(x);
  const min = rangeNumber(range.min);
  const max = rangeNumber(range.max);
  if (range.scale === 'log') return Math.log(v / min) / Math.log(max / min);
  return (v - min) / (max - min);
}

/**
 * The value at an internal location, in the range's units (seconds for dates): the inverse of
 * `toLocation` (math.ts `scaleInternalLocation` with zero_point 0 on a log scale).
 * @param {number} t
 * @param {{ min: number | string, max: number | string, scale?: 'linear' | 'log' }} range
 */
export function fromLocation(t, range) {
  const min = rangeNumber(range.min);
  const max = rangeNumber(range.max);
  if (range.scale === 'log') return min * (max / min) ** t;
  return min + (max - min) * t;
}

/**
 * Density of each inner bucket per unit of the range (per day for a date range), for a chart:
 * bucket i (1 … n) spans locations ((i − 1)/n, i/n]; its mass divided by its width in the range's
 * units. Points sit at the bucket's midpoint location.
 * @param {number[]} cdf n + 1 values
 * @param {{ min: number | string, max: number | string, scale?: 'linear' | 'log' }} range
 * @param {{ perDay?: boolean }} [o] dates: divide widths in seconds by 86400
 * @returns {Array<{ x: number, y: number }>}
 */
export function densityPoints(cdf, range, { perDay = false } = {}) {
  const n = cdf.length - 1;
  const unit = perDay ? 86400 : 1;
  const points = [];
  for (let i = 1; i <= n; i++) {
    const width = (fromLocation(i / n, range) - fromLocation((i - 1) / n, range)) / unit;
    points.push({ x: fromLocation((i - 0.5) / n, range), y: (cdf[i] - cdf[i - 1]) / width });
  }
  return points;
}
