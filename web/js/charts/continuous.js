/**
 * What the numeric and date charts share (issue 17): a question's range as a chart axis
 * (linear, logarithmic or dates on a linear time axis), its values formatted, a CDF's quantiles
 * as values, and the resolution value. A forecast is Metaculus's 201-point CDF over the range in
 * the scale's space (../cdf/scale.js). Dates are seconds in the API and milliseconds on an axis.
 */
import { fromLocation, rangeNumber } from '../cdf/scale.js';
import { locationOfQuantile } from '../cdf/sliders.js';
import { formatDate, formatMoment, toEpoch } from '../format.js';
import { timeScale } from './time-axis.js';

/** Whether the claim asks for a date. */
export const isDateQuestion = (claim) => claim.questionType === 'date';

/** A value in the range's units (seconds for dates) → the axis's (ms for dates). */
export const toAxis = (claim, v) => (isDateQuestion(claim) ? v * 1000 : v);

const NUMBER = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 });

/** A value in the range's units, as words: a date, or a number to 4 significant digits. */
export function formatValue(claim, v) {
  return isDateQuestion(claim) ? formatDate(v * 1000) : NUMBER.format(v);
}

/** The resolution value in the range's units, or 'below-range' / 'above-range', or null. */
export function resolvedValue(claim) {
  const v = claim.resolution?.value;
  if (v === undefined || v === null) return null;
  if (v === 'below-range' || v === 'above-range') return v;
  return rangeNumber(v);
}

/** The resolution in words: "11,000", "12 Oct 2024", "below the range". */
export function describeResolution(claim) {
  const v = resolvedValue(claim);
  if (v === null) return claim.resolution ? (claim.resolution.outcome === 'annulled' ? 'annulled' : 'unresolvable') : 'not resolved';
  if (v === 'below-range') return `below the range (under ${formatValue(claim, rangeNumber(claim.range.min))})`;
  if (v === 'above-range') return `above the range (over ${formatValue(claim, rangeNumber(claim.range.max))})`;
  return formatValue(claim, v);
}

/**
 * The value at which the CDF reaches p, in the range's units, and whether it lies beyond an
 * end of the range (then the value is that end: the CDF says only "below min" / "above max").
 * @param {number[]} cdf @param {number} p
 */
export function quantileOf(claim, cdf, p) {
  const edge = cdf[0] >= p ? 'below' : cdf[cdf.length - 1] < p ? 'above' : null;
  return { value: fromLocation(locationOfQuantile(cdf, p), claim.range), edge };
}

/** A quantile in words: "≤ 1,000" at the lower end, "≥ 100,000" at the upper one. */
export function formatQuantile(claim, q) {
  const text = formatValue(claim, q.value);
  return q.edge === 'below' ? `≤ ${text}` : q.edge === 'above' ? `≥ ${text}` : text;
}

/** A log axis tick's label: 1, 2 or 5 times a power of ten, else none (the grid line stays). */
export function logTick(v) {
  const lead = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].some((d) => Math.abs(lead - d) < 1e-6) ? NUMBER.format(v) : '';
}

/** The chart.js scale for values of the question's range, on the axis `axis` ('x' or 'y'). */
export function valueScale(claim, theme, title, { min, max } = {}) {
  const lo = min ?? toAxis(claim, rangeNumber(claim.range.min));
  const hi = max ?? toAxis(claim, rangeNumber(claim.range.max));
  const titled = { display: true, text: title, color: theme.fg, font: { weight: '600' } };
  if (isDateQuestion(claim)) return timeScale({ min: lo, max: hi, title, color: theme.fg, grid: theme.grid });
  // A log axis labels only 1, 2 and 5 of each power of ten: the 3, 4, 6 … between would overlap.
  if (claim.range.scale === 'log') return { type: 'logarithmic', min: lo, max: hi, title: titled, grid: { color: theme.grid }, ticks: { color: theme.fg, autoSkip: true, callback: (v) => logTick(Number(v)) } };
  return { type: 'linear', min: lo, max: hi, title: titled, grid: { color: theme.grid }, ticks: { color: theme.fg, callback: (v) => NUMBER.format(Number(v)) } };
}

/** Each source's live CDF forecasts, oldest first, in the order sources first forecast. */
export function cdfSeries(claim) {
  const bySource = new Map();
  const live = claim.forecasts.filter((f) => !f.retracted && Array.isArray(f.cdf)).sort((a, b) => toEpoch(a.madeAt) - toEpoch(b.madeAt) || (a.seq ?? 0) - (b.seq ?? 0));
  for (const f of live) bySource.set(f.sourceId, [...(bySource.get(f.sourceId) ?? []), f]);
  return [...bySource.entries()].map(([sourceId, forecasts]) => ({ sourceId, forecasts }));
}

/** "12 Oct 2024, 14:05" for a forecast's moment (re-exported for the chart modules). */
export const momentOf = (f) => formatMoment(f.madeAt);
