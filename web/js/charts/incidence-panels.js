/**
 * The grouped cumulative incidences as small multiples: one small chart per drawn group, each
 * with that group's confirmed (solid) and refuted (dashed) lines in the verdicts' colours and
 * their 95 % bands, all on the same day axis and the same share scale. Laid over one another in
 * one chart, six groups' twelve bands read as one grey area on a phone; side by side, each
 * band is its own and the groups compare by position (Tufte's small multiples, "The Visual
 * Display of Quantitative Information", ch. 8). Pure: API answer in, Chart.js configs out.
 */
import { count, pct, truncate } from '../format.js';
import { LIGHT } from './palette.js';
import { backgroundPlugin } from './plugins.js';
import { atRiskPlugin } from './at-risk.js';
import { INCIDENCE_ALPHA, atRiskAt, bandDatasets, curveOptions, curvePoints, daysAxis, groupName, hasBand, pickGroups, shareAxis, stepLine } from './survival.js';

/**
 * The top of the share axis that every panel shares: the highest share or band end of any
 * drawn group, rounded up to the next 10 % (at least 10 %, at most 100 %), so that curves
 * which stay under 40 % are not drawn in the bottom third of a small panel.
 */
export function panelShareMax(groups) {
  const top = Math.max(0, ...groups.flatMap((g) => g.points.flatMap((p) => [p.cumConfirmed, p.cumRefuted, p.cumConfirmedUpper ?? 0, p.cumRefutedUpper ?? 0])));
  return Math.min(1, Math.max(0.1, Math.ceil(top * 10 - 1e-9) / 10));
}

/** The scales every panel shares: the drawn groups, the last day of any of them, the share axis's top. */
export function panelScales(survival) {
  const { drawn } = pickGroups(survival);
  return { drawn, maxDays: Math.max(0, ...drawn.flatMap((g) => g.points.map((p) => p.days))), maxShare: panelShareMax(drawn) };
}

/** The lines (and bands, where the answer has them) of one group's two incidences, in the verdicts' colours. */
function panelDatasets(group, name, theme) {
  const verdicts = [
    ['cumConfirmed', 'confirmed', 'Confirmed', theme.status.confirmed, undefined],
    ['cumRefuted', 'refuted', 'Refuted', theme.status.refuted, [7, 4]],
  ];
  return verdicts.flatMap(([field, verdict, text, color, dash]) => {
    const data = curvePoints(group, field);
    const line = { ...stepLine, label: text, data, borderColor: color, backgroundColor: color, borderWidth: 2, borderDash: dash, reckon: { kind: 'curve', group: name, verdict } };
    return hasBand(group, field) ? [...bandDatasets(text, data, color, INCIDENCE_ALPHA, { group: name, verdict }), line] : [line];
  });
}

/**
 * One panel's Chart.js config: `group`'s incidences on the shared `scales` (panelScales), its
 * name and size as the title, its numbers at risk under the axis (one row, not named: the
 * title names it). No legend: the figure keys solid, dashed and shading once for all panels.
 * @param {any} group one of GET /api/survival's groups
 * @param {{ maxDays: number, maxShare: number }} scales
 */
export function incidencePanelConfig(group, scales, theme = LIGHT, label = (k) => k) {
  const name = groupName(group, label);
  const options = curveOptions(theme, [group], label, '', false, { display: false });
  options.layout.padding.bottom = 10 + 16 * 2;
  options.plugins.title = { display: true, text: `${truncate(name, 44)} (${count(group.entries)})`, align: 'start', color: theme.fg, font: { weight: '600', size: 13 }, padding: { top: 0, bottom: 8 } };
  const share = shareAxis(theme, '');
  options.scales = {
    // The axes' titles are said once, in the figure's key, not in every panel.
    x: { ...daysAxis(theme, scales.maxDays, true), suggestedMax: undefined, max: niceTop(scales.maxDays), title: { display: false } },
    y: { ...share, max: scales.maxShare, title: { display: false }, ticks: { ...share.ticks, stepSize: scales.maxShare <= 0.5 ? 0.1 : 0.2, callback: (v) => pct(Number(v), 0) } },
  };
  return {
    type: 'line',
    data: { datasets: panelDatasets(group, name, theme) },
    options,
    plugins: [backgroundPlugin(theme.bg), atRiskPlugin([{ name, color: theme.fg, atRisk: (t) => atRiskAt(group, t) }], { font: theme.font, color: theme.fg, named: false, title: 'Number at risk' })],
  };
}

/**
 * The day axis's end in every panel, fixed rather than left to each chart so that the panels
 * agree whatever their width: the last day (30 at least) rounded up to a multiple of the
 * smallest 1, 2 or 5 × 10^k that takes at most six such steps (2,532 → 3,000).
 */
export function niceTop(days) {
  const d = Math.max(30, days);
  for (let k = 1; ; k *= 10) {
    for (const m of [1, 2, 5]) if (d / (m * k) <= 6) return Math.ceil(d / (m * k)) * m * k;
  }
}
