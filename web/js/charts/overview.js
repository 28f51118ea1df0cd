/**
 * Overview charts: claims by status per period (stacked bars), outcomes per source, and how
 * long claims took to resolve. Pure: GET /api/overview in, Chart.js configs and tables out.
 */
import { STATUS_LABELS, count, formatDate, formatDays, truncate } from '../format.js';
import { LIGHT } from './palette.js';
import { backgroundPlugin } from './plugins.js';

export const STATUS_ORDER = ['confirmed', 'refuted', 'annulled', 'unresolvable', 'open'];

const axisTitle = (theme, text) => ({ display: Boolean(text), text, color: theme.fg, font: { weight: '600' } });

/** Category labels cut to fit: about 16 characters on a phone, 34 on a wide screen. */
export function fittedLabel(scale, value) {
  const width = scale?.chart?.width ?? 800;
  return truncate(String(scale.getLabelForValue(value)), width < 520 ? 16 : 34);
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

/** Long source names on the category (y) axis are cut to the chart's width; tooltips keep them whole. */
function withFittedLabels(options) {
  options.scales.y.ticks.callback = function (value) {
    return fittedLabel(this, value);
  };
  return options;
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
    options: withFittedLabels(baseOptions(theme, { horizontal: true, x: 'Stances', y: '' })),
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

/** Lead-time buckets in days, upper bounds exclusive. */
export const LEAD_BUCKETS = [
  { label: 'under 1 month', max: 30 },
  { label: '1–3 months', max: 91 },
  { label: '3–6 months', max: 182 },
  { label: '6–12 months', max: 365 },
  { label: '1–2 years', max: 730 },
  { label: '2 years or more', max: Infinity },
];

/** How many claims took each span of time from logging to resolution. */
export function leadTimeBuckets(items) {
  const counts = LEAD_BUCKETS.map(() => 0);
  for (const item of items ?? []) {
    const i = LEAD_BUCKETS.findIndex((b) => item.days < b.max);
    counts[i === -1 ? counts.length - 1 : i] += 1;
  }
  return LEAD_BUCKETS.map((b, i) => ({ label: b.label, count: counts[i] }));
}

export function leadTimesConfig(overview, theme = LIGHT) {
  const buckets = leadTimeBuckets(overview?.leadTimes?.items);
  return {
    type: 'bar',
    data: { labels: buckets.map((b) => b.label), datasets: [{ label: 'Resolved claims', data: buckets.map((b) => b.count), backgroundColor: theme.series[0], borderRadius: 3 }] },
    options: { ...baseOptions(theme, { stacked: false, x: 'Time from logging (or opening) to resolution', y: 'Claims' }), plugins: { legend: { display: false } } },
    plugins: [backgroundPlugin(theme.bg)],
  };
}

export function leadTimesTable(overview) {
  return {
    caption: 'Time each resolved claim took to resolve',
    columns: ['Claim', 'Opened', 'Resolved', { label: 'Lead time', numeric: true }],
    rowHeader: true,
    rows: (overview?.leadTimes?.items ?? []).map((i) => [{ text: i.title, href: `/claims/${encodeURIComponent(i.claimId)}` }, formatDate(i.createdAt), formatDate(i.resolvedOn), formatDays(i.days)]),
  };
}
