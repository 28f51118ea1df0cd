/**
 * A numeric or date claim's history as a fan (issue 17): for one series of forecasts (one
 * source's, or the crowd's) the median and the 50 % and 90 % central ranges of each CDF, as
 * stepped bands over time; the outcome as a horizontal line. A quantile beyond an end of the
 * range is drawn at that end and written "≤ min" / "≥ max" in the table. Pure.
 */
import { formatDate, formatMoment, toEpoch } from '../format.js';
import { rangeNumber } from '../cdf/scale.js';
import { describeResolution, formatQuantile, quantileOf, resolvedValue, toAxis, valueScale } from './continuous.js';
import { LIGHT, withAlpha } from './palette.js';
import { backgroundPlugin } from './plugins.js';
import { timeScale } from './time-axis.js';

const DAY = 86_400_000;
const LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95];

/**
 * One row per forecast: when, and its 5 %, 25 %, 50 %, 75 %, 95 % quantiles.
 * @param {any} claim @param {Array<{ madeAt: string, cdf: number[] }>} series
 */
export function fanRows(claim, series) {
  return series.map((f) => ({ x: toEpoch(f.madeAt), date: formatMoment(f.madeAt), quantiles: LEVELS.map((p) => quantileOf(claim, f.cdf, p)) }));
}

function band(claim, rows, k, end) {
  const data = rows.map((r) => ({ x: r.x, y: toAxis(claim, r.quantiles[k].value) }));
  const last = data[data.length - 1];
  if (last && end > last.x) data.push({ x: end, y: last.y, extension: true });
  return data;
}

/**
 * @param {any} claim GET /api/claims/{id} of a numeric or date question
 * @param {Array<{ madeAt: string, cdf: number[] }>} series oldest first
 * @param {import('./palette.js').Theme} [theme]
 * @param {{ color?: string, now?: number }} [o]
 */
export function fanConfig(claim, series, theme = LIGHT, { color = theme.series[0], now = Date.now() } = {}) {
  const rows = fanRows(claim, series);
  const end = claim.resolution ? toEpoch(claim.resolution.knownOn) : now;
  const common = { type: 'line', stepped: true, pointRadius: 0, borderWidth: 1, borderColor: withAlpha(color, 0.5) };
  const datasets = [
    { ...common, label: '90 % range', data: band(claim, rows, 0, end), fill: '+1', backgroundColor: withAlpha(color, 0.15), reckon: { kind: 'band' } },
    { ...common, label: '90 % range (upper)', data: band(claim, rows, 4, end), fill: false, reckon: { kind: 'edge' } },
    { ...common, label: '50 % range', data: band(claim, rows, 1, end), fill: '+1', backgroundColor: withAlpha(color, 0.35), reckon: { kind: 'band' } },
    { ...common, label: '50 % range (upper)', data: band(claim, rows, 3, end), fill: false, reckon: { kind: 'edge' } },
    { ...common, label: 'Median', data: band(claim, rows, 2, end), borderColor: color, borderWidth: 3, pointRadius: rows.map(() => 3).concat([0]), backgroundColor: color, fill: false, reckon: { kind: 'median' } },
  ];
  const outcome = resolvedValue(claim);
  const xs = [...rows.map((r) => r.x), end];
  const pad = Math.max((Math.max(...xs) - Math.min(...xs)) * 0.04, 2 * DAY);
  const [xMin, xMax] = [Math.min(...xs) - pad, Math.max(...xs) + pad];
  if (outcome !== null) {
    const at = outcome === 'below-range' ? rangeNumber(claim.range.min) : outcome === 'above-range' ? rangeNumber(claim.range.max) : outcome;
    const y = toAxis(claim, at);
    datasets.push({ type: 'line', label: `Outcome: ${describeResolution(claim)}`, data: [{ x: xMin, y }, { x: xMax, y }], borderColor: theme.status.confirmed, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false, reckon: { kind: 'outcome' } });
  }
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { color: theme.fg, font: { family: theme.font, size: 12 }, filter: (item, data) => data.datasets[item.datasetIndex]?.reckon?.kind !== 'edge' } },
        tooltip: { enabled: false },
      },
      scales: {
        x: timeScale({ min: xMin, max: xMax, title: 'Forecast made (UTC)', color: theme.fg, grid: theme.grid }),
        y: valueScale(claim, theme, claim.questionType === 'date' ? 'Forecast date (UTC)' : 'Forecast value'),
      },
    },
    plugins: [backgroundPlugin(theme.bg)],
    reckon: { rows, claim },
  };
}

/** The fan as a table: one row per forecast with its five quantiles. */
export function fanTable(config, caption) {
  const { rows, claim } = config.reckon;
  const body = rows.map((r) => [r.date, ...r.quantiles.map((q) => formatQuantile(claim, q))]);
  if (claim.resolution) body.push([formatDate(claim.resolution.knownOn), `Outcome: ${describeResolution(claim)}`, '', '', '', '']);
  return { caption, columns: ['Forecast made', ...['5 %', '25 %', 'Median', '75 %', '95 %'].map((label) => ({ label, numeric: true }))], rows: body };
}
