/**
 * A multiple-choice claim's history (issue 17): one stepped line per option, the probability
 * one series of forecasts (one source's, or the crowd's) gave it over time; the resolution as a
 * vertical line naming the option that happened. Pure: claim JSON (GET /api/claims/{id}) and a
 * series in, Chart.js config and table out.
 */
import { formatDate, formatMoment, pct, toEpoch } from '../format.js';
import { LIGHT, seriesColor } from './palette.js';
import { backgroundPlugin, verticalLinesPlugin } from './plugins.js';
import { timeScale } from './time-axis.js';

const DAY = 86_400_000;

/**
 * A source's live multiple-choice forecasts, oldest first.
 * @param {any} claim @param {string} sourceId
 * @returns {Array<{ madeAt: string, probabilities: number[] }>}
 */
export function choiceSeries(claim, sourceId) {
  return claim.forecasts
    .filter((f) => f.sourceId === sourceId && !f.retracted && Array.isArray(f.probabilities))
    .sort((a, b) => toEpoch(a.madeAt) - toEpoch(b.madeAt) || (a.seq ?? 0) - (b.seq ?? 0));
}

/** The sources that gave the claim a multiple-choice forecast, in the order they first did. */
export function choiceSources(claim) {
  const ids = [];
  for (const f of [...claim.forecasts].sort((a, b) => toEpoch(a.madeAt) - toEpoch(b.madeAt))) {
    if (!f.retracted && Array.isArray(f.probabilities) && !ids.includes(f.sourceId)) ids.push(f.sourceId);
  }
  return ids;
}

/** The resolution as a labelled vertical line (the option, or annulled / unresolvable). */
export function resolutionLine(claim, theme, describe) {
  const r = claim.resolution;
  if (!r) return [];
  const what = r.value !== undefined && r.value !== null ? `Resolved: ${describe(r.value)}` : r.outcome === 'annulled' ? 'Annulled' : 'Unresolvable';
  return [{ x: toEpoch(r.knownOn), label: `${what} ${formatDate(r.knownOn)}`, color: theme.status.confirmed, kind: 'resolution' }];
}

/**
 * @param {any} claim GET /api/claims/{id} of a multiple-choice question
 * @param {Array<{ madeAt: string, probabilities: number[] }>} series
 * @param {import('./palette.js').Theme} [theme]
 * @param {{ now?: number }} [o]
 */
export function choiceHistoryConfig(claim, series, theme = LIGHT, { now = Date.now() } = {}) {
  const end = claim.resolution ? toEpoch(claim.resolution.knownOn) : now;
  const datasets = claim.options.map((option, k) => {
    const data = series.map((f) => ({ x: toEpoch(f.madeAt), y: f.probabilities[k], date: formatMoment(f.madeAt), value: pct(f.probabilities[k]) }));
    const last = data[data.length - 1];
    if (last && end > last.x) data.push({ ...last, x: end, extension: true });
    const color = seriesColor(theme, k);
    const won = claim.resolution?.value === option;
    return {
      type: 'line', label: won ? `${option} (happened)` : option, data, stepped: true, borderColor: color, backgroundColor: color,
      borderWidth: won ? 4 : 2, pointRadius: data.map((p) => (p.extension ? 0 : 3)), pointHitRadius: 6,
      reckon: { kind: 'option', option },
    };
  });
  const lines = resolutionLine(claim, theme, String);
  const xs = [...series.map((f) => toEpoch(f.madeAt)), ...lines.map((l) => l.x), end];
  const pad = Math.max((Math.max(...xs) - Math.min(...xs)) * 0.04, 2 * DAY);
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'nearest', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, color: theme.fg, font: { family: theme.font, size: 12 } } },
        tooltip: { filter: (item) => !item.raw?.extension, callbacks: { title: (items) => items[0]?.raw?.date ?? '', label: (item) => `${item.dataset.label}: ${item.raw?.value}` } },
      },
      scales: {
        x: timeScale({ min: Math.min(...xs) - pad, max: Math.max(...xs) + pad, title: 'Date in the world (UTC)', color: theme.fg, grid: theme.grid }),
        y: { min: 0, max: 1, title: { display: true, text: 'Probability of the option', color: theme.fg, font: { weight: '600' } }, grid: { color: theme.grid }, ticks: { stepSize: 0.1, color: theme.fg, callback: (v) => pct(Number(v), 0) } },
      },
    },
    plugins: [backgroundPlugin(theme.bg), verticalLinesPlugin(lines, { font: theme.font, background: theme.bg })],
  };
}

/** The config's data as a table: one row per forecast, one column per option. */
export function choiceHistoryTable(config, caption) {
  const options = config.data.datasets.map((d) => d.label);
  const first = config.data.datasets[0]?.data.filter((p) => !p.extension) ?? [];
  const rows = first.map((p, i) => [p.date, ...config.data.datasets.map((d) => d.data[i].value)]);
  return { caption, columns: ['Forecast made', ...options.map((label) => ({ label, numeric: true }))], rows };
}
