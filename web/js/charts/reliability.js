/**
 * The reliability diagram: observed frequency of confirmation against mean forecast per
 * bin, with the 95% Wilson interval as error bars, the diagonal of perfect calibration, and
 * the number of forecasts per bin as a histogram beneath. Pure: GET /api/calibration in,
 * Chart.js config out. The observed-frequency axis runs a little past 0 % and 100 % (ticks
 * only within them) so a point at 0 % sits clear of the histogram below it; the legend draws
 * the diagonal dashed, as it is drawn.
 */
import { count, pct, pctRange } from '../format.js';
import { LIGHT, seriesColor, withAlpha } from './palette.js';
import { backgroundPlugin, errorBarsPlugin } from './plugins.js';

/** Bins that hold forecasts (an empty bin has no mean and no frequency to plot). */
export function filledBins(calibration) {
  return (calibration?.bins ?? []).filter((b) => b.count > 0 && b.meanForecast !== null && b.observedFrequency !== null);
}

/** "10–20%" for a bin's edges. */
export function binLabel(bin) {
  return pctRange([bin.lower, bin.upper]);
}

/** The histogram as an outline: up each bin's left edge, across, down its right edge. */
function histogramPoints(bins) {
  return bins.flatMap((b) => [
    { x: b.lower, y: 0 },
    { x: b.lower, y: b.count },
    { x: b.upper, y: b.count },
    { x: b.upper, y: 0 },
  ]);
}

/** Room past 0 % and 100 % on the frequency axis: more than the largest point's radius. */
export const Y_PAD = 0.07;

/**
 * A dashed line as an image the size of a legend swatch (`size` px, the legend font's size: a
 * wider image would run into the previous entry's text), dashes scaled to fit (browser only).
 */
function dashedSwatch(color, size) {
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const ctx = c.getContext('2d');
  if (ctx) {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash([size / 4, size / 6]);
    ctx.beginPath();
    ctx.moveTo(0, size / 2);
    ctx.lineTo(size, size / 2);
    ctx.stroke();
  }
  return c;
}

/**
 * Legend entries as Chart.js makes them, except that a dataset drawn dashed (`borderDash`) is
 * shown as a dashed line: `usePointStyle` otherwise draws its `line` point style solid.
 */
export function legendLabels(chart) {
  const items = chart.constructor.defaults.plugins.legend.labels.generateLabels(chart);
  return items.map((item) => {
    const ds = chart.data.datasets[item.datasetIndex];
    if (!ds?.borderDash?.length) return item;
    const size = chart.options.plugins?.legend?.labels?.font?.size ?? 12;
    return { ...item, lineDash: ds.borderDash, pointStyle: dashedSwatch(ds.borderColor, size) };
  });
}

/** Point radius grows with the square root of the bin's count (area ∝ count), 4–10 px. */
function radiusFor(n, max) {
  return 4 + 6 * Math.sqrt(n / Math.max(1, max));
}

/**
 * Chart.js config for a reliability diagram.
 * @param {any} calibration GET /api/calibration
 * @param {import('./palette.js').Theme} [theme]
 */
export function reliabilityConfig(calibration, theme = LIGHT) {
  const bins = filledBins(calibration);
  const maxCount = Math.max(1, ...(calibration?.bins ?? []).map((b) => b.count));
  const color = seriesColor(theme, 0);
  const histColor = seriesColor(theme, 7);
  const axisTitle = (text) => ({ display: true, text, color: theme.fg, font: { weight: '600' } });
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'Observed frequency (95% Wilson interval)',
          data: bins.map((b) => ({ x: b.meanForecast, y: b.observedFrequency, bin: b })),
          errorBars: bins.map((b) => b.interval ?? null),
          showLine: true,
          borderColor: color,
          backgroundColor: color,
          borderWidth: 2,
          pointRadius: bins.map((b) => radiusFor(b.count, maxCount)),
          pointHoverRadius: bins.map((b) => radiusFor(b.count, maxCount) + 2),
          yAxisID: 'y',
          clip: false,
          order: 1,
        },
        {
          label: 'Perfect calibration',
          data: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
          showLine: true,
          borderColor: theme.muted,
          borderDash: [6, 5],
          borderWidth: 1.5,
          pointRadius: 0,
          pointHitRadius: 0,
          pointStyle: 'line',
          yAxisID: 'y',
          order: 2,
        },
        {
          label: 'Forecasts per bin',
          data: histogramPoints(calibration?.bins ?? []),
          showLine: true,
          fill: 'origin',
          borderColor: histColor,
          backgroundColor: withAlpha(histColor, 0.3),
          borderWidth: 1,
          pointRadius: 0,
          pointHitRadius: 0,
          pointStyle: 'rect',
          tension: 0,
          yAxisID: 'count',
          order: 3,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'nearest', intersect: true },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, generateLabels: legendLabels, color: theme.fg, padding: 14, font: { family: theme.font, size: 12 } } },
        tooltip: {
          filter: (item) => Boolean(item.raw?.bin),
          callbacks: {
            title: (items) => `Forecasts ${binLabel(items[0].raw.bin)}`,
            label: (item) => {
              const b = item.raw.bin;
              return [`${count(b.count)} forecasts, mean ${pct(b.meanForecast)}`, `observed ${pct(b.observedFrequency)} (95% interval ${pctRange(b.interval)})`];
            },
          },
        },
      },
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: axisTitle('Forecast probability (mean of the bin)'), grid: { color: theme.grid }, ticks: { stepSize: 0.1, maxRotation: 0, color: theme.fg, callback: (v) => pct(Number(v), 0) } },
        count: { type: 'linear', beginAtZero: true, stack: 'calibration', stackWeight: 1, offset: true, title: axisTitle('Forecasts'), grid: { color: theme.grid }, ticks: { precision: 0, maxTicksLimit: 3, color: theme.fg } },
        y: {
          type: 'linear',
          min: -Y_PAD,
          max: 1 + Y_PAD,
          stack: 'calibration',
          stackWeight: 3,
          title: axisTitle('Observed frequency'),
          grid: { color: theme.grid },
          // Ticks at 0 %, 20 % … 100 % only: the padding past them is room for the points, not a value.
          afterBuildTicks: (axis) => {
            axis.ticks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((value) => ({ value }));
          },
          ticks: { color: theme.fg, callback: (v) => pct(Number(v), 0) },
        },
      },
    },
    plugins: [backgroundPlugin(theme.bg), errorBarsPlugin()],
  };
}

/** Every bin as a table row, empty bins included. */
export function reliabilityTable(calibration, caption = 'Calibration by forecast bin') {
  return {
    caption,
    columns: ['Bin', { label: 'Forecasts', numeric: true }, { label: 'Mean forecast', numeric: true }, { label: 'Observed frequency', numeric: true }, { label: '95% interval (Wilson)', numeric: true }],
    rowHeader: true,
    rows: (calibration?.bins ?? []).map((b) => [binLabel(b), count(b.count), pct(b.meanForecast), pct(b.observedFrequency), pctRange(b.interval)]),
  };
}
