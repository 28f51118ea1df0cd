/**
 * What every small-multiple panel of a time-to-verdict chart shares (incidence-panels.js,
 * survival-panels.js): one group per chart, its name (cut to fit) and size as the title, its numbers at
 * risk under the axis (one row, not named: the title names it), no legend (the figure keys
 * the lines once for all panels), and fixed scales so that every panel reads the same
 * whatever its width (Tufte's small multiples, "The Visual Display of Quantitative
 * Information", ch. 8). Pure: a group and its datasets in, a Chart.js config out.
 */
import { count, pct } from '../format.js';
import { backgroundPlugin } from './plugins.js';
import { atRiskPlugin, fitNames } from './at-risk.js';
import { atRiskAt, curveOptions, daysAxis, shareAxis } from './survival.js';

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

/** The last day of any of `groups`' points (0 without any): what niceTop rounds for the shared day axis. */
export function lastDay(groups) {
  return Math.max(0, ...groups.flatMap((g) => g.points.map((p) => p.days)));
}

/**
 * One panel's Chart.js config: `datasets` (the group's lines and bands) on the shared scales —
 * days 0 to niceTop(maxDays), share 0 to maxShare — titled "name (entries)", the name cut with
 * an ellipsis to the panel's width as drawn (at-risk.js's fitNames over `siblings`, every
 * panel's name, so that cut names still read apart) and whole in a tooltip, with the group's
 * numbers at risk under the axis.
 * @param {any} group one of GET /api/survival's groups
 * @param {string} name the group's display name
 * @param {string[]} siblings every panel's name, this one's included
 * @param {any[]} datasets
 * @param {{ maxDays: number, maxShare: number }} scales
 * @param {import('./palette.js').Theme} theme
 */
export function panelConfig(group, name, siblings, datasets, scales, theme) {
  const options = curveOptions(theme, [group], (k) => k, '', false, { display: false });
  options.layout.padding.bottom = 10 + 16 * 2;
  const font = { family: theme.font, weight: '600', size: 13 };
  const tip = { full: name, shown: name };
  const text = (ctx) => {
    tip.shown = ctx?.chart ? fitTitle(ctx.chart, name, siblings, font) : name;
    return `${tip.shown} (${count(group.entries)})`;
  };
  options.plugins.title = { display: true, text, align: 'start', color: theme.fg, font, padding: { top: 0, bottom: 8 } };
  const share = shareAxis(theme, '');
  options.scales = {
    // The axes' titles are said once, in the figure's key, not in every panel.
    x: { ...daysAxis(theme, scales.maxDays, true), suggestedMax: undefined, max: niceTop(scales.maxDays), title: { display: false } },
    y: { ...share, max: scales.maxShare, title: { display: false }, ticks: { ...share.ticks, stepSize: scales.maxShare <= 0.5 ? 0.1 : 0.2, callback: (v) => pct(Number(v), 0) } },
  };
  return {
    type: 'line',
    data: { datasets },
    options,
    plugins: [backgroundPlugin(theme.bg), atRiskPlugin([{ name, color: theme.fg, atRisk: (t) => atRiskAt(group, t) }], { font: theme.font, color: theme.fg, named: false, title: 'Number at risk' }), titleTipPlugin(tip)],
  };
}

/** `name` cut to fit the chart's width beside its count, in the title's font (cut apart from its siblings). */
function fitTitle(chart, name, siblings, font) {
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = `${font.weight} ${font.size}px ${font.family}`;
  // Room for the name: the chart's width less the widest count in brackets ("(1,234)") and a margin.
  const room = chart.width - ctx.measureText(' (0,000)').width - 8;
  const shown = fitNames(ctx, siblings, room)[siblings.indexOf(name)] ?? name;
  ctx.restore();
  return shown;
}

/** A cut title's full name as the canvas's tooltip while the pointer is on the title (as at-risk.js does for a cut row name). */
function titleTipPlugin(tip) {
  return {
    id: 'reckonPanelTitle',
    afterEvent(chart, { event }) {
      const b = chart.titleBlock;
      const on = tip.shown !== tip.full && b && event.type === 'mousemove' && event.x >= b.left && event.x <= b.right && event.y >= b.top && event.y <= b.bottom;
      if (on) chart.canvas.setAttribute('title', tip.full);
      else if (chart.canvas.getAttribute('title') === tip.full) chart.canvas.removeAttribute('title');
    },
  };
}
