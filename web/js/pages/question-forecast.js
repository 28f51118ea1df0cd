/**
 * Forecast and resolution fields for questions that are not yes/no (issue 17).
 * Multiple choice: one percentage per option, with the running total (they must make 100 %).
 * Numeric and date: a lower quartile, median and upper quartile, turned into the 201-point CDF
 * the API takes by Metaculus's own slider maths (../cdf/: the logistic, its 1 % uniform floor,
 * the thumbs fitted to the quartiles), with a live density preview and the quartiles the CDF
 * actually has. Resolution: an option, a number or a date (or beyond an open end of the range).
 */
import { ApiProblem } from '../api.js';
import { fromLocation, rangeNumber, toLocation } from '../cdf/scale.js';
import { slidersForQuartiles } from '../cdf/fit.js';
import { loadChart } from '../charts/figure.js';
import { densityCurve } from '../charts/density.js';
import { formatValue, valueScale } from '../charts/continuous.js';
import { readTheme } from '../charts/theme.js';
import { h } from '../dom.js';
import { choices, field } from '../forms.js';

const QUARTILES = [['q1', 'Lower quartile (25 %)', 0.25], ['q2', 'Median (50 %)', 0.5], ['q3', 'Upper quartile (75 %)', 0.75]];

/** A value in the range's units as an input's text: a number, or YYYY-MM-DD for a date. */
function inputText(claim, v) {
  if (claim.questionType === 'date') return new Date(v * 1000).toISOString().slice(0, 10);
  return String(Number(v.toPrecision(4)));
}

/** One percentage per option and the running total. */
export function choiceForecastFields(claim) {
  const even = Math.round((100 / claim.options.length) * 10) / 10;
  const total = h('p', { class: 'hint', role: 'status' });
  const inputs = claim.options.map((label, i) => field({ name: `option-${i}`, label: `${label} (%)`, type: 'number', value: String(even), pointer: `/probabilities/${i}`, attrs: { min: '0', max: '100', step: 'any', inputmode: 'decimal' } }));
  const box = h('div', { class: 'field', dataset: { pointer: '/probabilities' } }, h('div', { class: 'grid-2' }, inputs), total, h('p', { class: 'field-error' }));
  const sum = () => {
    const t = claim.options.reduce((acc, _, i) => acc + Number(/** @type {HTMLInputElement} */ (box.querySelector(`[name="option-${i}"]`)).value || 0), 0);
    total.textContent = `Total: ${Math.round(t * 10) / 10} % ${Math.abs(t - 100) < 0.05 ? '✓' : '— the options must make 100 %'}`;
  };
  box.addEventListener('input', sum);
  sum();
  return box;
}

/** `{ probabilities }` from the percentages (the API divides out a tiny rounding difference). */
export function choiceForecastBody(claim, v) {
  return { probabilities: claim.options.map((_, i) => (v[`option-${i}`] === '' ? null : Number(v[`option-${i}`]) / 100)) };
}

/**
 * The asked quartiles as internal locations, or an ApiProblem naming the field that is wrong
 * (outside the range, or not increasing), so the form shows it beside that field.
 */
function quartileLocations(claim, v) {
  const errors = [];
  const at = QUARTILES.map(([name, label]) => {
    const text = v[name] ?? '';
    const t = text === '' ? NaN : toLocation(claim.questionType === 'date' ? text : Number(text), claim.range);
    if (!(t > 0 && t < 1)) errors.push({ pointer: `/quartiles/${name}`, message: `${label} must lie inside the range, between ${formatValue(claim, rangeNumber(claim.range.min))} and ${formatValue(claim, rangeNumber(claim.range.max))}.` });
    return t;
  });
  if (!errors.length && !(at[0] < at[1] && at[1] < at[2])) errors.push({ pointer: '/quartiles/q2', message: 'The quartiles must increase: lower quartile < median < upper quartile.' });
  if (errors.length) throw new ApiProblem(400, { detail: 'The forecast needs three quartiles inside the range.', errors });
  return { lower25: at[0], median: at[1], upper75: at[2] };
}

/** The CDF for the typed quartiles, with the quartiles it achieved. */
export function cdfForQuartiles(claim, v) {
  const fit = slidersForQuartiles(quartileLocations(claim, v), { openLower: claim.range.openLower, openUpper: claim.range.openUpper });
  return { cdf: fit.cdf, achieved: fit.achieved, error: fit.error };
}

function drawPreview(Chart, canvas, claim, cdf, previous) {
  previous?.destroy();
  const theme = readTheme();
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [{ label: 'Your forecast', data: densityCurve(claim, cdf), borderColor: theme.series[0], backgroundColor: 'rgba(0, 114, 178, 0.15)', fill: 'origin', pointRadius: 0, borderWidth: 2 }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false }, tooltip: { enabled: false } }, scales: { x: valueScale(claim, theme, claim.questionType === 'date' ? 'Date (UTC)' : 'Value'), y: { min: 0, title: { display: true, text: 'Density (1 = even)', color: theme.fg }, ticks: { color: theme.fg } } } },
  });
}

/** Three quartile fields, a live density preview, and the quartiles the CDF has. */
export function cdfForecastFields(claim) {
  const type = claim.questionType === 'date' ? 'date' : 'number';
  const inputs = QUARTILES.map(([name, label, p]) => field({ name, label, type, value: inputText(claim, fromLocation(p === 0.5 ? 0.5 : p === 0.25 ? 0.4 : 0.6, claim.range)), pointer: `/quartiles/${name}`, attrs: type === 'number' ? { step: 'any', inputmode: 'decimal' } : {} }));
  const said = h('p', { class: 'hint', role: 'status' });
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Preview of the forecast as a density over the range; the quartiles are given in words below it.' });
  const box = h('div', { class: 'field', dataset: { pointer: '/cdf' } }, h('div', { class: 'grid-3' }, inputs), h('div', { class: 'chart-box short preview' }, canvas), said, h('p', { class: 'field-error' }));
  let chart = null;
  let timer = 0;
  const update = () => {
    const v = Object.fromEntries(QUARTILES.map(([name]) => [name, /** @type {HTMLInputElement} */ (box.querySelector(`[name="${name}"]`)).value]));
    try {
      const { cdf, achieved, error } = cdfForQuartiles(claim, v);
      const words = ['lower quartile', 'median', 'upper quartile'].map((w, i) => `${w} ${formatValue(claim, fromLocation([achieved.lower25, achieved.median, achieved.upper75][i], claim.range))}`).join(', ');
      said.textContent = error < 0.005 ? `The forecast’s ${words}.` : `Closest Metaculus’s logistic gets: ${words}. For a more lopsided forecast, narrow the gap on the longer side.`;
      void loadChart().then((Chart) => { if (canvas.isConnected) chart = drawPreview(Chart, canvas, claim, cdf, chart); });
    } catch (err) {
      said.textContent = err instanceof ApiProblem ? err.errors.map((e) => e.message).join(' ') : String(err);
    }
  };
  box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 250); });
  setTimeout(update, 0);
  return box;
}

/** The resolution's value field: an option, a number or a date, or beyond an open end. */
export function valueResolveFields(claim) {
  if (claim.questionType === 'multiple-choice') return choices({ name: 'value', legend: 'What happened?', pointer: '/value', options: claim.options.map((o) => [o, o]), value: claim.options[0] });
  const type = claim.questionType === 'date' ? 'date' : 'number';
  const where = [['inside', 'A value'], ...(claim.range.openLower ? [['below-range', 'Below the range (exact value unknown)']] : []), ...(claim.range.openUpper ? [['above-range', 'Above the range (exact value unknown)']] : [])];
  return h('div', null, where.length > 1 ? choices({ name: 'where', legend: 'The outcome', options: where, value: 'inside', pointer: '/value' }) : null, field({ name: 'value', label: claim.questionType === 'date' ? 'The date it happened' : 'The value', type, pointer: '/value', attrs: type === 'number' ? { step: 'any', inputmode: 'decimal' } : {} }));
}

/** `{ value }` from the resolution fields. */
export function valueResolveBody(claim, v) {
  if (v.where === 'below-range' || v.where === 'above-range') return { value: v.where };
  if (claim.questionType === 'numeric') return { value: v.value === '' || v.value === undefined ? null : Number(v.value) };
  return { value: v.value ?? '' };
}
