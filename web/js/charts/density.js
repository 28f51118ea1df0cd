/**
 * A numeric or date claim's latest forecasts as density curves (issue 17): for each source its
 * last live CDF, drawn as the mass of each of the 200 inner buckets × 200 — so 1 means "spread
 * evenly over the range" on every scale (Metaculus draws its PDF the same way, as the PMF over
 * evenly spaced locations) — at the buckets' midpoints, with the mass beyond each open bound
 * said in the legend, and the resolution as a vertical line. Pure: claim JSON in, config out.
 */
import { fromLocation, rangeNumber } from '../cdf/scale.js';
import { pct } from '../format.js';
import { cdfSeries, describeResolution, formatValue, momentOf, resolvedValue, toAxis, valueScale } from './continuous.js';
import { LIGHT, seriesColor, withAlpha } from './palette.js';
import { backgroundPlugin, verticalLinesPlugin } from './plugins.js';

/**
 * The curve of one CDF: { x (axis units), y (relative density), value (words) } per bucket.
 * @param {any} claim @param {number[]} cdf
 */
export function densityCurve(claim, cdf) {
  const n = cdf.length - 1;
  const points = [];
  for (let i = 1; i <= n; i++) {
    const mid = fromLocation((i - 0.5) / n, claim.range);
    points.push({ x: toAxis(claim, mid), y: (cdf[i] - cdf[i - 1]) * n, value: formatValue(claim, mid) });
  }
  return points;
}

/**
 * What the curves cannot show, in words: each source's share of probability beyond the open
 * ends of the range ("Beyond the range: Fay 2% below, 5% above; Gus 0.1% below, 0.1% above.").
 * Null when both ends are closed. Kept out of the legend, which must fit a phone.
 */
export function tailsInWords(claim, sourceNames = new Map()) {
  const { openLower, openUpper } = claim.range;
  if (!openLower && !openUpper) return null;
  const parts = cdfSeries(claim).map(({ sourceId, forecasts }) => {
    const cdf = forecasts[forecasts.length - 1].cdf;
    const sides = [openLower ? `${pct(cdf[0], 1)} below` : '', openUpper ? `${pct(1 - cdf[cdf.length - 1], 1)} above` : ''].filter(Boolean);
    return `${sourceNames.get?.(sourceId) ?? sourceId} ${sides.join(', ')}`;
  });
  return parts.length ? `Beyond the range: ${parts.join('; ')}.` : null;
}

/** Where the resolution sits on the x axis: its value, or the end of the range it lies beyond. */
function resolutionX(claim) {
  const v = resolvedValue(claim);
  if (v === null) return null;
  const at = v === 'below-range' ? rangeNumber(claim.range.min) : v === 'above-range' ? rangeNumber(claim.range.max) : v;
  return toAxis(claim, at);
}

/**
 * @param {any} claim GET /api/claims/{id} of a numeric or date question
 * @param {import('./palette.js').Theme} [theme]
 * @param {{ sourceNames?: Map<string, string> }} [o]
 */
export function densityConfig(claim, theme = LIGHT, { sourceNames = new Map() } = {}) {
  const datasets = cdfSeries(claim).map(({ sourceId, forecasts }, i) => {
    const latest = forecasts[forecasts.length - 1];
    const color = seriesColor(theme, i);
    const name = sourceNames.get?.(sourceId) ?? sourceId;
    return {
      type: 'line', label: name, data: densityCurve(claim, latest.cdf),
      borderColor: color, backgroundColor: withAlpha(color, 0.12), fill: 'origin', borderWidth: 2, pointRadius: 0, tension: 0,
      reckon: { kind: 'density', sourceId, name, madeAt: momentOf(latest), cdf: latest.cdf },
    };
  });
  const x = resolutionX(claim);
  const lines = x === null ? [] : [{ x, label: `Outcome: ${describeResolution(claim)}`, color: theme.status.confirmed, kind: 'resolution' }];
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, color: theme.fg, font: { family: theme.font, size: 12 } } },
        tooltip: { callbacks: { title: (items) => items[0]?.raw?.value ?? '', label: (item) => `${item.dataset.reckon.name}: ${item.raw.y.toFixed(2)}× even` } },
      },
      scales: {
        x: valueScale(claim, theme, claim.questionType === 'date' ? 'Date (UTC)' : 'Value'),
        y: { min: 0, title: { display: true, text: 'Density (1 = spread evenly)', color: theme.fg, font: { weight: '600' } }, grid: { color: theme.grid }, ticks: { color: theme.fg } },
      },
    },
    plugins: [backgroundPlugin(theme.bg), verticalLinesPlugin(lines, { font: theme.font, background: theme.bg })],
  };
}

/** The curves as a table: one row per bucket midpoint, one column per source. */
export function densityTable(config, caption) {
  const sets = config.data.datasets;
  const columns = ['Value', ...sets.map((d) => ({ label: `${d.reckon.name} (${d.reckon.madeAt})`, numeric: true }))];
  const rows = (sets[0]?.data ?? []).map((p, i) => [p.value, ...sets.map((d) => d.data[i].y.toFixed(3))]);
  return { caption, columns, rows };
}
