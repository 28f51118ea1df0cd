/**
 * Overview charts: claims by status per period (stacked bars), outcomes per source now and
 * over time. Pure: GET /api/overview in, Chart.js configs and tables out. (Time to verdict:
 * survival.js; base rates: base-rates.js.)
 */
import { STATUS_LABELS, count, truncate } from '../format.js';
import { LIGHT } from './palette.js';
import { backgroundPlugin } from './plugins.js';

export const STATUS_ORDER = ['confirmed', 'refuted', 'annulled', 'unresolvable', 'open'];

const axisTitle = (theme, text) => ({ display: Boolean(text), text, color: theme.fg, font: { weight: '600' } });

/**
 * Category labels cut to fit: about 16 characters on a phone, 34 on a wide screen; cut apart
 * (truncateApart) from the chart's other labels, so that two sources stay two names.
 */
export function fittedLabel(scale, value) {
  const width = scale?.chart?.width ?? 800;
  const max = width < 520 ? 16 : 34;
  const labels = (scale?.chart?.data?.labels ?? []).map(String);
  const label = String(scale.getLabelForValue(value));
  const i = labels.indexOf(label);
  return i >= 0 ? truncateApart(labels, max)[i] : truncate(label, max);
}

/**
 * Labels cut to `max` characters (format.js truncate); where that would make two different
 * labels read the same ("Ministry of Defence of the…" twice), those are cut in the middle
 * instead, keeping their ends ("Ministry…f Korea").
 */
export function truncateApart(labels, max) {
  const ends = labels.map((l) => truncate(l, max));
  return labels.map((l, i) => (ends.some((e, j) => j !== i && e === ends[i] && labels[j] !== l) ? truncateMiddle(l, max) : ends[i]));
}

function truncateMiddle(text, max) {
  if (text.length <= max) return text;
  const keep = max - 1;
  return `${text.slice(0, Math.ceil(keep / 2)).trimEnd()}…${text.slice(text.length - Math.floor(keep / 2)).trimStart()}`;
}

function baseOptions(theme, { horizontal = false, stacked = true, x, y }) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: horizontal ? 'y' : 'x',
    plugins: { legend: { position: 'bottom', labels: { color: theme.fg, padding: 14, font: { family: theme.font, size: 12 } } } },
    scales: {
      x: { stacked, title: axisTitle(theme, x), grid: { color: theme.grid, display: horizontal }, ticks: { color: theme.fg, precision: 0 } },
      y: { stacked, beginAtZero: true, title: axisTitle(theme, y), grid: { color: theme.grid, display: !horizontal }, ticks: { color: theme.fg, precision: 0 } },
    },
  };
}

/**
 * Long source names on the category (y) axis are cut to the chart's width; tooltips keep them
 * whole. Every bar keeps its name (no labels skipped for room: bySourceHeight gives each a row).
 */
function withFittedLabels(options) {
  options.scales.y.ticks.callback = function (value) {
    return fittedLabel(this, value);
  };
  options.scales.y.ticks.autoSkip = false;
  return options;
}

/** Height (px) of the stances-per-source chart: a 24 px row per source, room for the axis and legend, at least 16rem. */
export function bySourceHeight(overview) {
  return Math.max(256, 110 + 24 * (overview?.bySource?.length ?? 0));
}

/** Stacked bars: how many claims stood in each status at the end of each period. */
export function periodsConfig(overview, theme = LIGHT) {
  const periods = overview?.periods ?? [];
  return {
    type: 'bar',
    data: {
      labels: periods.map((p) => p.period),
      datasets: STATUS_ORDER.map((s) => ({ label: STATUS_LABELS[s], data: periods.map((p) => p[s] ?? 0), backgroundColor: theme.status[s], borderColor: theme.bg, borderWidth: 1, stack: 'status' })),
    },
    options: baseOptions(theme, { x: 'Period', y: 'Claims' }),
    plugins: [backgroundPlugin(theme.bg)],
  };
}

export function periodsTable(overview) {
  return {
    caption: 'Claims by status at the end of each period',
    columns: ['Period', ...STATUS_ORDER.map((s) => ({ label: STATUS_LABELS[s], numeric: true })), { label: 'Resolved in period', numeric: true }],
    rowHeader: true,
    rows: (overview?.periods ?? []).map((p) => [p.period, ...STATUS_ORDER.map((s) => count(p[s] ?? 0)), count(p.resolvedInPeriod ?? 0)]),
  };
}

const VERDICTS = [
  { key: 'right', label: 'Right', color: (t) => t.status.confirmed },
  { key: 'wrong', label: 'Wrong', color: (t) => t.status.refuted },
  { key: 'pending', label: 'Pending', color: (t) => t.status.open },
];

/** Horizontal stacked bars: right, wrong and pending stances per source. */
export function bySourceConfig(overview, theme = LIGHT) {
  const rows = overview?.bySource ?? [];
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.name),
      datasets: VERDICTS.map((v) => ({ label: v.label, data: rows.map((r) => r[v.key] ?? 0), backgroundColor: v.color(theme), borderColor: theme.bg, borderWidth: 1, stack: 'verdict' })),
    },
    options: withFittedLabels(baseOptions(theme, { horizontal: true, x: 'Stances on allegations', y: '' })),
    plugins: [backgroundPlugin(theme.bg)],
  };
}

export function bySourceTable(overview) {
  return {
    caption: 'Stances per source and how the claims turned out',
    columns: ['Source', ...VERDICTS.map((v) => ({ label: v.label, numeric: true }))],
    rowHeader: true,
    rows: (overview?.bySource ?? []).map((r) => [{ text: r.name, href: `/sources/${encodeURIComponent(r.sourceId)}` }, ...VERDICTS.map((v) => count(r[v.key] ?? 0))]),
  };
}

/**
 * One source's stances over time, as they stood at the end of each period: right so far,
 * wrong so far (verdicts by their known-on date) and still pending. The API gives the
 * verdicts that fell in each period; they are summed here, starting from what came before
 * the first period shown (the total less the periods' sum), so the last bar is today's record.
 */
export function sourceOverTime(source) {
  const periods = source?.periods ?? [];
  const sum = (k) => periods.reduce((n, p) => n + p[k], 0);
  let right = (source?.right ?? 0) - sum('right');
  let wrong = (source?.wrong ?? 0) - sum('wrong');
  return periods.map((p) => {
    right += p.right;
    wrong += p.wrong;
    return { period: p.period, right, wrong, pending: p.pending, rightIn: p.right, wrongIn: p.wrong };
  });
}

/** Stacked bars: a source's stances right so far, wrong so far and pending, at the end of each period. */
export function sourceOverTimeConfig(source, theme = LIGHT) {
  const rows = sourceOverTime(source);
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.period),
      datasets: VERDICTS.map((v) => ({ label: `${v.label}${v.key === 'pending' ? '' : ' so far'}`, data: rows.map((r) => r[v.key]), backgroundColor: v.color(theme), borderColor: theme.bg, borderWidth: 1, stack: 'verdict' })),
    },
    options: baseOptions(theme, { x: 'Period (end of)', y: 'Stances' }),
    plugins: [backgroundPlugin(theme.bg)],
  };
}

export function sourceOverTimeTable(source) {
  return {
    caption: `Stances of ${source?.name ?? 'the source'} at the end of each period (verdicts by the date they became known)`,
    columns: ['Period', { label: 'Right so far', numeric: true }, { label: 'Wrong so far', numeric: true }, { label: 'Pending at end', numeric: true }, { label: 'Right in period', numeric: true }, { label: 'Wrong in period', numeric: true }],
    rowHeader: true,
    rows: sourceOverTime(source).map((r) => [r.period, count(r.right), count(r.wrong), count(r.pending), count(r.rightIn), count(r.wrongIn)]),
  };
}
