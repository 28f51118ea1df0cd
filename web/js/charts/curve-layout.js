/**
 * Layout of the time-to-verdict charts (survival.js): a legend that stays compact on a phone,
 * one legend entry per group plus a key to solid and dashed lines where each group draws two,
 * and a plot area that keeps a readable height however much the legend and the rows at risk
 * under the axis take (the chart's box grows instead).
 */

/** Below this chart width (px) the legend is set smaller and tighter. */
export const NARROW = 520;

/**
 * The plot's least height (px) for a chart `width` px wide: 40 % of the width, at least 220
 * (a phone) and at most 320 (a wide screen, where a flatter plot would hide the curves' shape).
 */
export const minPlotHeight = (width) => Math.round(Math.min(320, Math.max(220, 0.4 * width)));

const narrow = (ctx) => (ctx.chart?.width ?? 800) < NARROW;

/**
 * Chart.js legend options: lines as the key, smaller text, shorter keys and less padding on a
 * narrow chart, bands left out.
 */
export function curveLegend(theme) {
  return {
    position: 'top',
    labels: {
      color: theme.fg,
      usePointStyle: true,
      pointStyle: 'line',
      pointStyleWidth: (ctx) => (narrow(ctx) ? 18 : 26),
      padding: (ctx) => (narrow(ctx) ? 6 : 10),
      font: (ctx) => ({ family: theme.font, size: narrow(ctx) ? 11 : 12 }),
      filter: (item, data) => item.datasetIndex === undefined || data.datasets[item.datasetIndex]?.reckon?.kind !== 'band',
    },
  };
}

/**
 * The grouped incidence chart's legend: one entry per group (its colour), then "Confirmed"
 * (solid) and "Refuted" (dashed), instead of one entry per group and verdict (twelve for six
 * groups, which on a phone took most of the chart). A click shows or hides a group's lines and
 * bands, or every group's lines and bands of one verdict.
 * @param {any} theme
 * @param {Array<{ name: string, color: string }>} groups
 */
export function incidenceLegend(theme, groups) {
  const base = curveLegend(theme);
  const entry = (text, color, dash, match) => ({ text, strokeStyle: color, fillStyle: color, fontColor: theme.fg, lineWidth: 2.5, lineDash: dash, pointStyle: 'line', reckon: match });
  const matches = (d, match) => (match.group === undefined || d.reckon?.group === match.group) && (match.verdict === undefined || d.reckon?.verdict === match.verdict);
  return {
    ...base,
    labels: {
      ...base.labels,
      generateLabels: (chart) =>
        [
          ...groups.map((g) => entry(g.name, g.color, [], { group: g.name })),
          entry('Confirmed', theme.fg, [], { verdict: 'confirmed' }),
          entry('Refuted', theme.fg, [7, 4], { verdict: 'refuted' }),
        ].map((item) => ({ ...item, hidden: chart.data.datasets.every((d, i) => !matches(d, item.reckon) || !chart.isDatasetVisible(i)) })),
    },
    onClick: (_e, item, legend) => {
      const chart = legend.chart;
      chart.data.datasets.forEach((d, i) => {
        if (matches(d, item.reckon)) chart.setDatasetVisibility(i, Boolean(item.hidden));
      });
      chart.update();
    },
  };
}

/**
 * Grows the chart's box (the canvas's parent) where the legend, axes and rows under the axis
 * leave the plot less than minPlotHeight, and gives it back when they no longer do; never
 * below the box's height from the style sheet.
 */
export function minPlotPlugin() {
  return {
    id: 'reckonMinPlot',
    afterLayout(chart) {
      const box = chart.canvas?.parentElement;
      if (!box || !chart.chartArea) return;
      const deficit = minPlotHeight(chart.width) - (chart.chartArea.bottom - chart.chartArea.top);
      if (Math.abs(deficit) < 1) return;
      const current = box.getBoundingClientRect().height;
      box.style.removeProperty('height');
      const natural = box.getBoundingClientRect().height;
      const next = Math.max(natural, Math.ceil(current + deficit));
      // Set through the CSSOM: the CSP allows no inline style attribute.
      if (next > natural + 0.5) box.style.height = `${next}px`;
    },
  };
}
