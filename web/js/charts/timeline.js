/**
 * A claim's forecasts over time: each source's forecasts as a stepped probability line (the
 * y axis is a probability and nothing else), the deadline and the resolution as vertical
 * lines. Stances and evidence are not probabilities: they are drawn in lanes (lanes.js).
 * Pure: claim JSON (GET /api/claims/{id}) in, Chart.js config out.
 */
import { STATUS_LABELS, formatDate, formatMoment, pct, toEpoch, truncate } from '../format.js';
import { LIGHT, seriesColor } from './palette.js';
import { backgroundPlugin, verticalLinesPlugin } from './plugins.js';
import { fixedWidth } from './lanes.js';
import { timeScale } from './time-axis.js';
import { markerDatasets, nameOf } from './timeline-markers.js';
import { crowdDataset } from './crowd.js';

const DAY = 86_400_000;

/** Whether the claim has forecasts to draw (live or retracted). */
export function hasTimelineData(claim) {
  return claim.forecasts.length > 0;
}

/** Live forecasts grouped by source, oldest first, in the order sources first forecast. */
export function forecastSeries(claim) {
  const bySource = new Map();
  const live = claim.forecasts.filter((f) => !f.retracted).sort((a, b) => toEpoch(a.madeAt) - toEpoch(b.madeAt) || a.seq - b.seq);
  for (const f of live) {
    if (!bySource.has(f.sourceId)) bySource.set(f.sourceId, []);
    bySource.get(f.sourceId).push(f);
  }
  return [...bySource.entries()].map(([sourceId, forecasts]) => ({ sourceId, forecasts }));
}

/** Where the lines stop: the resolution, else the as-of date, else now. */
function lineEnd(claim, now) {
  if (claim.resolution) return toEpoch(claim.resolution.knownOn);
  if (claim.asOf) return Math.min(toEpoch(claim.asOf), now);
  return now;
}

function forecastDatasets(claim, theme, names, end) {
  return forecastSeries(claim).map(({ sourceId, forecasts }, i) => {
    const color = seriesColor(theme, i);
    const name = nameOf(names, sourceId);
    const data = forecasts.map((f) => ({
      x: toEpoch(f.madeAt),
      y: f.probability,
      date: formatMoment(f.madeAt),
      value: pct(f.probability),
      detail: [f.backfilled ? 'backfilled' : '', f.note ?? ''].filter(Boolean).join('; '),
      backfilled: Boolean(f.backfilled),
      seq: f.seq,
    }));
    const last = data[data.length - 1];
    // The last forecast stands until the line ends: draw it on, with no marker there.
    if (last && end > last.x) data.push({ ...last, x: end, extension: true });
    return {
      type: 'line',
      label: name,
      data,
      stepped: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2.5,
      pointStyle: 'circle',
      pointRadius: data.map((p) => (p.extension ? 0 : 5)),
      pointHoverRadius: data.map((p) => (p.extension ? 0 : 7)),
      pointHitRadius: data.map((p) => (p.extension ? 0 : 6)),
      pointBorderWidth: 2,
      pointBorderColor: color,
      pointBackgroundColor: data.map((p) => (p.backfilled ? theme.bg : color)),
      segment: { borderDash: (ctx) => (data[ctx.p0DataIndex]?.backfilled ? [6, 4] : undefined) },
      reckon: { kind: 'forecast', sourceId },
    };
  });
}

/** The deadline (or check-by date), the resolution and the as-of date as labelled lines. */
export function timelineLines(claim, theme = LIGHT) {
  const lines = [];
  const due = claim.deadline ?? claim.checkBy;
  if (due) lines.push({ x: toEpoch(due), label: `${claim.deadline ? 'Deadline' : 'Check by'} ${formatDate(due)}`, color: theme.deadline, dash: [6, 4], kind: 'deadline' });
  if (claim.resolution) {
    const outcome = claim.resolution.outcome;
    lines.push({ x: toEpoch(claim.resolution.knownOn), label: `${STATUS_LABELS[outcome]} ${formatDate(claim.resolution.knownOn)}`, color: theme.status[outcome], kind: 'resolution' });
  }
  if (claim.asOf) lines.push({ x: toEpoch(claim.asOf), label: `As of ${formatDate(claim.asOf)}`, color: theme.fg, dash: [2, 3], kind: 'as-of' });
  return lines;
}

/** The x range the forecast chart draws over (epoch ms), padded; shared with the lanes chart. */
export function timelineRange(claim, { now = Date.now(), sourceNames = {} } = {}) {
  const datasets = [...forecastDatasets(claim, LIGHT, sourceNames, lineEnd(claim, now)), ...markerDatasets(claim, LIGHT, sourceNames)];
  return xRange(datasets, timelineLines(claim, LIGHT));
}

function xRange(datasets, lines) {
  const xs = [...datasets.flatMap((d) => d.data.map((p) => p.x)), ...lines.map((l) => l.x)].filter(Number.isFinite);
  if (xs.length === 0) return { min: undefined, max: undefined };
  let min = Math.min(...xs);
  let max = Math.max(...xs);
  const pad = Math.max((max - min) * 0.04, 3 * DAY);
  if (max - min < DAY) return { min: min - 15 * DAY, max: max + 15 * DAY };
  return { min: min - pad, max: max + pad };
}

/**
 * Chart.js config for a claim's timeline.
 * @param {any} claim GET /api/claims/{id}
 * @param {import('./palette.js').Theme} [theme]
 * @param {{ now?: number, sourceNames?: Map<string, string> | Record<string, string>, range?: { min?: number, max?: number }, axisWidth?: (chartWidth: number) => number }} [opts]
 */
export function timelineChartConfig(claim, theme = LIGHT, { now = Date.now(), sourceNames = {}, range, axisWidth } = {}) {
  const datasets = [...forecastDatasets(claim, theme, sourceNames, lineEnd(claim, now)), ...markerDatasets(claim, theme, sourceNames)];
  // The crowd (claim.crowd: GET /api/claims/{id}/aggregate's history), where the page fetched it.
  if (claim.crowd?.length) datasets.push(crowdDataset(claim.crowd, theme, lineEnd(claim, now)));
  if (claim.forecasts.some((f) => f.backfilled && !f.retracted)) {
    datasets.push({ type: 'line', label: 'Backfilled forecast (dashed, hollow)', data: [], borderColor: theme.muted, backgroundColor: theme.bg, borderDash: [6, 4], pointStyle: 'line', pointBorderColor: theme.muted, pointBorderWidth: 2, reckon: { kind: 'legend' } });
  }
  const lines = timelineLines(claim, theme);
  const { min, max } = range ?? timelineRange(claim, { now, sourceNames });
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'nearest', intersect: false },
      layout: { padding: { top: 4, right: 8 } },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, color: theme.fg, padding: 14, font: { family: theme.font, size: 12 } } },
        tooltip: {
          filter: (item) => !item.raw?.extension,
          callbacks: {
            title: (items) => items[0]?.raw?.date ?? '',
            label: (item) => {
              const p = item.raw ?? {};
              const who = p.series ? `${p.series} ${p.value}` : `${item.dataset.label}: ${p.value}`;
              return p.detail ? `${who} — ${truncate(p.detail, 90)}` : who;
            },
          },
        },
      },
      scales: {
        x: timeScale({ min, max, title: 'Date in the world (UTC)', color: theme.fg, grid: theme.grid }),
        y: {
          min: 0,
          max: 1,
          title: { display: true, text: 'Probability the claim is confirmed', color: theme.fg, font: { weight: '600' } },
          grid: { color: theme.grid },
          ticks: { stepSize: 0.1, color: theme.fg, callback: (v) => pct(Number(v), 0) },
          ...fixedWidth(axisWidth),
        },
      },
    },
    plugins: [backgroundPlugin(theme.bg), verticalLinesPlugin(lines, { font: theme.font, background: theme.bg })],
  };
}

/**
 * The data drawn by a timeline config as a table: one row per forecast, marker and line,
 * in date order. Read from the config itself, so the table shows exactly what is drawn.
 */
export function timelineTable(config, caption = 'Timeline data') {
  const rows = [];
  for (const ds of config.data.datasets) {
    if (!ds.reckon || ds.reckon.kind === 'legend') continue;
    for (const p of ds.data) {
      if (p.extension) continue;
      const what = ds.reckon.kind === 'forecast' ? `Forecast${p.backfilled ? ' (backfilled)' : ''}` : ds.reckon.kind === 'crowd' ? 'Crowd forecast' : ds.label;
      rows.push({ x: p.x, cells: [p.date, what, p.series ?? ds.label, p.value, p.detail ?? ''] });
    }
  }
  const lines = config.plugins.find((p) => p.id === 'reckonVerticalLines')?.lines ?? [];
  for (const l of lines) rows.push({ x: l.x, cells: [formatDate(l.x), l.kind === 'deadline' ? 'Deadline' : l.kind === 'as-of' ? 'As of' : 'Resolution', '', l.label, ''] });
  rows.sort((a, b) => a.x - b.x);
  return { caption, columns: ['Date', 'Event', 'Source', 'Value', 'Details'], rows: rows.map((r) => r.cells) };
}
