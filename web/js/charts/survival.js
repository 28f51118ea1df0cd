/**
 * Time to verdict (GET /api/survival): the share of allegations still without a verdict
 * (Kaplan–Meier, with its 95 % band) and the shares confirmed and refuted by then (Aalen–
 * Johansen cumulative incidences), against days since the allegation was first made, as step
 * lines; the numbers still at risk under the axis. Pure: API answer in, Chart.js configs out.
 */
import { count, formatDays, pct, truncate } from '../format.js';
import { LIGHT, seriesColor, withAlpha } from './palette.js';
import { backgroundPlugin } from './plugins.js';
import { atRiskPlugin } from './at-risk.js';
import { curveLegend, incidenceLegend, minPlotPlugin } from './curve-layout.js';

/** Below this many entries a group is not drawn at all, only named in words. */
export const MIN_DRAWN = 5;
/** Below this many entries a curve is drawn, but said in words to be too few to read much into. */
export const FEW = 20;
/** At most this many groups are drawn (the ones with most entries); the palette has eight colours. */
export const MAX_GROUPS = 6;

/**
 * How many entries were still at risk (not yet ended) at day t: the `atRisk` of the first
 * point at or after t (it counts every entry whose duration is ≥ that point's), or 0 past
 * the last point.
 */
export function atRiskAt(group, t) {
  const p = group.points.find((q) => q.days >= t);
  return p ? p.atRisk : 0;
}

/**
 * Which groups are drawn: at least MIN_DRAWN entries, the MAX_GROUPS largest (ties by key
 * order); the rest are listed so the page can name them in words.
 * @returns {{ drawn: any[], hidden: any[] }}
 */
export function pickGroups(survival) {
  const groups = survival?.groups ?? [];
  const big = groups.filter((g) => g.entries >= MIN_DRAWN).sort((a, b) => b.entries - a.entries);
  const drawnSet = new Set(big.slice(0, MAX_GROUPS));
  return { drawn: groups.filter((g) => drawnSet.has(g)), hidden: groups.filter((g) => !drawnSet.has(g)) };
}

/**
 * Above this many days with a "+" (open allegations leaving the count) on one drawn curve, a
 * chart draws no "+" at all: hundreds of them merge into a bar that hides the curve's shape
 * (R's plot.survfit draws every one; its `mark.time = FALSE` is the way out it offers).
 */
export const MAX_CENSOR_MARKS = 60;

/** Whether the survival chart marks the days allegations left the count (every drawn curve has few enough). */
export function showsCensorMarks(survival) {
  return pickGroups(survival).drawn.every((g) => g.points.filter((p) => p.censored > 0).length <= MAX_CENSOR_MARKS);
}

/** A group's name: "All allegations" for by=none, else from `label(key)`. */
export function groupName(group, label = (k) => k) {
  return group.key === null ? 'All allegations' : String(label(group.key));
}

/** Fill opacity of the incidence bands: one group (verdict colours), several (group colours). */
export const INCIDENCE_ALPHA = 0.12;
export const INCIDENCE_ALPHA_GROUPED = 0.08;

export const stepLine = { type: 'line', stepped: 'before', pointRadius: 0, pointHoverRadius: 4, spanGaps: false };

/**
 * The 95 % band's edges of a field: Greenwood's for `unresolved`; for `cumConfirmed` /
 * `cumRefuted` the API's `…Lower` / `…Upper` (with `incidenceBands=true`; absent → null).
 */
function bandOf(p, field) {
  if (field === 'unresolved') return [p.lower, p.upper];
  return [p[`${field}Lower`] ?? null, p[`${field}Upper`] ?? null];
}

/** Whether a group's points carry the band of `field`. */
export function hasBand(group, field) {
  return field === 'unresolved' || group.points.some((p) => p[`${field}Lower`] !== undefined);
}

/** The points of one group's curve, from day 0 (all without a verdict) to its last ended entry. */
export function curvePoints(group, field) {
  const at0 = field === 'unresolved' ? 1 : 0;
  // On day 0 nothing has happened: the share is certain (R gives a standard error of 0 there).
  const edge0 = hasBand(group, field) ? at0 : null;
  const start = { x: 0, y: at0, lower: edge0, upper: edge0, atRisk: group.entries, censored: 0 };
  const points = group.points.map((p) => {
    const [lower, upper] = bandOf(p, field);
    return { x: p.days, y: p[field], lower, upper, atRisk: p.atRisk, censored: p.censored };
  });
  return points[0]?.x === 0 ? points : [start, ...points];
}

/** A band as two step lines filled between (upper fills down to lower), left out of legend and tooltip. */
export function bandDatasets(name, data, color, alpha, reckon = { group: name }) {
  const edge = (side) => ({ ...stepLine, label: `${name} ${side}`, data: data.map((p) => ({ x: p.x, y: p[side] })), borderWidth: 0, borderColor: 'transparent', backgroundColor: withAlpha(color, alpha), pointHoverRadius: 0, reckon: { kind: 'band', ...reckon } });
  return [{ ...edge('upper'), fill: '+1' }, { ...edge('lower'), fill: false }];
}

/** One group's Kaplan–Meier step line in `color` with its 95 % band, "+" where open allegations leave the count (if `marks`). */
export function survivalDatasets(group, color, theme, label, marks) {
  const name = groupName(group, label);
  const data = curvePoints(group, 'unresolved');
  return [
    ...bandDatasets(name, data, color, 0.16),
    {
      ...stepLine,
      label: name,
      data,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2.5,
      // A "+" where allegations left the count still without a verdict (censored), as survival plots do.
      pointStyle: 'cross',
      pointRadius: data.map((p) => (marks && p.censored > 0 ? 5 : 0)),
      pointBorderWidth: 2,
      reckon: { kind: 'curve', group: name, entries: group.entries },
    },
  ];
}

/** Days from 0; the top is left to Chart.js, so it ends on a round tick past the last day. */
export function daysAxis(theme, max, grouped) {
  const text = grouped ? 'Days since the source first asserted it' : 'Days since the allegation was first made';
  return { type: 'linear', min: 0, suggestedMax: max > 0 ? max : 30, title: { display: true, text, color: theme.fg, font: { weight: '600' } }, grid: { color: theme.grid }, ticks: { color: theme.fg, precision: 0 } };
}

export function shareAxis(theme, text) {
  return { type: 'linear', min: 0, max: 1, title: { display: true, text, color: theme.fg, font: { weight: '600' } }, grid: { color: theme.grid }, ticks: { color: theme.fg, stepSize: 0.2, callback: (v) => pct(Number(v), 0) } };
}

export function curveOptions(theme, groups, label, yTitle, grouped, legend = curveLegend(theme)) {
  const maxDays = Math.max(0, ...groups.flatMap((g) => g.points.map((p) => p.days)));
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'nearest', intersect: false },
    // Room under the axis for one row of numbers at risk per group.
    layout: { padding: { bottom: 10 + 16 * (groups.length + 1), right: 12 } },
    plugins: {
      legend,
      tooltip: {
        filter: (item) => item.dataset.reckon?.kind !== 'band',
        callbacks: {
          title: (items) => `Day ${items[0]?.raw?.x ?? ''}`,
          label: (item) => {
            const p = item.raw ?? {};
            const band = p.lower !== null && p.lower !== undefined && item.dataset.reckon?.kind === 'curve' ? ` (95%: ${pct(p.lower, 0)}–${pct(p.upper, 0)})` : '';
            return `${item.dataset.label}: ${pct(p.y, 0)}${band}, ${count(p.atRisk)} at risk`;
          },
        },
      },
    },
    scales: {
      x: daysAxis(theme, maxDays, grouped),
      // Grouped, the numbers at risk are named by group at the left: room for the names.
      y: { ...shareAxis(theme, yTitle), ...(grouped ? { afterFit: (scale) => { scale.width = Math.max(scale.width, Math.min(200, (scale.chart?.width ?? 800) * 0.28)); } } : {}) },
    },
  };
}

/**
 * Chart.js config: the share of allegations still without a verdict, one step line per group
 * with its 95 % band, "+" where open allegations leave the count, numbers at risk underneath.
 * @param {any} survival GET /api/survival
 * @param {import('./palette.js').Theme} [theme]
 * @param {(key: string) => string} [label] a group key's display name
 */
export function survivalConfig(survival, theme = LIGHT, label = (k) => k) {
  const { drawn } = pickGroups(survival);
  return {
    type: 'line',
    data: { datasets: drawn.flatMap((g, i) => survivalDatasets(g, seriesColor(theme, i), theme, label, showsCensorMarks(survival))) },
    options: curveOptions(theme, drawn, label, 'Still without a verdict', survival?.by !== 'none' && survival?.by !== undefined),
    plugins: [backgroundPlugin(theme.bg), atRiskPlugin(drawn.map((g, i) => ({ name: groupName(g, label), color: seriesColor(theme, i), atRisk: (t) => atRiskAt(g, t) })), { font: theme.font, color: theme.fg }), minPlotPlugin()],
  };
}

/**
 * Chart.js config: the share of allegations confirmed (solid) and refuted (dashed) within so
 * many days, per group, each with its 95 % band (a light fill of the line's colour) when the
 * answer carries it (`incidenceBands=true`). With one group the two lines take the verdicts'
 * own colours.
 */
export function incidenceConfig(survival, theme = LIGHT, label = (k) => k) {
  const { drawn } = pickGroups(survival);
  const datasets = drawn.flatMap((g, i) => {
    const name = groupName(g, label);
    const one = drawn.length === 1;
    return [
      ['cumConfirmed', 'confirmed', one ? theme.status.confirmed : seriesColor(theme, i), undefined],
      ['cumRefuted', 'refuted', one ? theme.status.refuted : seriesColor(theme, i), [7, 4]],
    ].flatMap(([field, verdict, color, dash]) => {
      const lineName = one && g.key === null ? (verdict === 'confirmed' ? 'Confirmed' : 'Refuted') : `${name}: ${verdict}`;
      const data = curvePoints(g, field);
      const line = { ...stepLine, label: lineName, data, borderColor: color, backgroundColor: color, borderWidth: 2.5, borderDash: dash, reckon: { kind: 'curve', group: name, verdict } };
      // Lighter than the Kaplan–Meier band: the two verdicts' bands overlap, and grouped a group's two share its colour.
      return hasBand(g, field) ? [...bandDatasets(lineName, data, color, one ? INCIDENCE_ALPHA : INCIDENCE_ALPHA_GROUPED, { group: name, verdict }), line] : [line];
    });
  });
  // Several groups: one legend entry per group and a key to solid and dashed, not one per line.
  const legend = drawn.length > 1 ? incidenceLegend(theme, drawn.map((g, i) => ({ name: groupName(g, label), color: seriesColor(theme, i) }))) : undefined;
  return {
    type: 'line',
    data: { datasets },
    options: curveOptions(theme, drawn, label, 'Share with that verdict by then', survival?.by !== 'none' && survival?.by !== undefined, legend),
    plugins: [backgroundPlugin(theme.bg), atRiskPlugin(drawn.map((g, i) => ({ name: groupName(g, label), color: drawn.length === 1 ? theme.fg : seriesColor(theme, i), atRisk: (t) => atRiskAt(g, t) })), { font: theme.font, color: theme.fg }), minPlotPlugin()],
  };
}

/**
 * What the curves say, in words, one sentence per group drawn or not: how many, what came
 * of them, the median wait, and whether there are too few to read much into.
 */
export function survivalWords(survival, label = (k) => k) {
  return (survival?.groups ?? []).map((g) => {
    const name = g.key === null ? '' : `${truncate(groupName(g, label), 60)}: `;
    // Grouped, an entry is a (source, allegation) pair: one allegation asserted by two sources counts twice.
    const unit = g.key === null ? 'allegation' : 'assertion';
    const n = `${count(g.entries)} ${unit}${g.entries === 1 ? '' : 's'}`;
    const few = g.entries < MIN_DRAWN ? ', too few to read anything into (not drawn)' : g.entries < FEW ? ', too few to read much into' : '';
    const parts = [[g.confirmed, 'confirmed'], [g.refuted, 'refuted'], [g.censored, 'still without a verdict']].filter(([k]) => k > 0).map(([k, what]) => `${count(k)} ${what}`);
    const median = g.entries < MIN_DRAWN ? '' : g.medianDays === null ? '; fewer than half have a verdict yet' : `; half had a verdict within ${formatDays(g.medianDays)}`;
    return { key: g.key, few: g.entries < FEW, text: `${name}${n}${few}. ${parts.join(', ')}${median}.` };
  });
}
