/**
 * The source ranking as a chart: accuracy of stances with the 95% Wilson interval, or the
 * Brier score of forecasts (lower is better), one horizontal bar per source that has one.
 * Pure: items of GET /api/sources?sort=… in, Chart.js config out.
 */
import { pct, pctRange, score } from '../format.js';
import { fittedLabel } from './overview.js';
import { LIGHT, seriesColor, withAlpha } from './palette.js';
import { backgroundPlugin, errorBarsPlugin } from './plugins.js';

/** Sources that have the measure, in the ranking's order. */
export function rankedWith(items, sort) {
  return (items ?? []).filter((s) => (sort === 'brier' ? s.stats?.brier !== null && s.stats?.brier !== undefined : s.stats?.accuracy !== null && s.stats?.accuracy !== undefined));
}

export function rankingConfig(items, sort = 'accuracy', theme = LIGHT) {
  const rows = rankedWith(items, sort);
  const brier = sort === 'brier';
  const color = seriesColor(theme, brier ? 1 : 0);
  return {
    type: 'bar',
    data: {
      labels: rows.map((s) => s.name),
      datasets: [
        {
          label: brier ? 'Brier score (lower is better)' : 'Accuracy (95% Wilson interval)',
          data: rows.map((s) => (brier ? s.stats.brier : s.stats.accuracy)),
          errorBars: brier ? undefined : rows.map((s) => s.stats.accuracyInterval ?? null),
          errorBarColor: theme.fg,
          backgroundColor: withAlpha(color, 0.75),
          borderColor: color,
          borderWidth: 1,
          borderRadius: 2,
          maxBarThickness: 28,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: 'y',
      plugins: {
        legend: { position: 'bottom', labels: { color: theme.fg, font: { family: theme.font, size: 12 } } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const s = rows[item.dataIndex];
              return brier ? `Brier ${score(s.stats.brier)} over ${s.stats.forecasts} forecasts` : `${pct(s.stats.accuracy)} (95% ${pctRange(s.stats.accuracyInterval)}), ${s.stats.right} right, ${s.stats.wrong} wrong`;
            },
          },
        },
      },
      scales: {
        x: {
          min: 0,
          max: brier ? undefined : 1,
          title: { display: true, text: brier ? 'Brier score (0 is perfect; 0.25 is always 50%)' : 'Share of scored stances that were right', color: theme.fg, font: { weight: '600' } },
          grid: { color: theme.grid },
          ticks: { color: theme.fg, callback: (v) => (brier ? score(Number(v), 2) : pct(Number(v), 0)) },
        },
        y: {
          grid: { display: false },
          ticks: {
            color: theme.fg,
            callback(value) {
              return fittedLabel(this, value);
            },
          },
        },
      },
    },
    plugins: [backgroundPlugin(theme.bg), errorBarsPlugin()],
  };
}
