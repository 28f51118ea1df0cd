/**
 * Small inline Chart.js plugins (no plugin packages): a solid background so a downloaded PNG
 * reads on any page, dated vertical lines with labels, and error bars for Wilson intervals.
 */

/** Paint the canvas background before anything else is drawn. */
export function backgroundPlugin(color) {
  return {
    id: 'reckonBackground',
    color,
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

/**
 * Vertical lines at x values (epoch ms on a linear axis), each labelled at the top of the
 * plot (or just above it, with `above`). Labels that would collide are stacked a row apart.
 * @param {Array<{ x: number, label: string, color: string, dash?: number[], kind: string }>} lines
 */
export function verticalLinesPlugin(lines, { font = 'sans-serif', background = '#fff', above = false } = {}) {
  const visible = (chart) => {
    const { chartArea, scales } = chart;
    if (!scales.x || !chartArea) return [];
    return lines
      .map((l) => ({ ...l, px: scales.x.getPixelForValue(l.x) }))
      .filter((l) => l.px >= chartArea.left - 0.5 && l.px <= chartArea.right + 0.5)
      .sort((a, b) => a.px - b.px);
  };
  return {
    id: 'reckonVerticalLines',
    lines,
    // Lines go under the data, labels over it.
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      for (const line of visible(chart)) {
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 2;
        ctx.setLineDash(line.dash ?? []);
        ctx.beginPath();
        ctx.moveTo(line.px, chartArea.top);
        ctx.lineTo(line.px, chartArea.bottom);
        ctx.stroke();
      }
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = `600 12px ${font}`;
      const placed = [];
      for (const line of visible(chart)) {
        const w = ctx.measureText(line.label).width + 8;
        const right = line.px + w + 2 > chartArea.right;
        const left = right ? line.px - w - 2 : line.px + 2;
        let row = 0;
        while (placed.some((p) => p.row === row && left < p.right + 4 && left + w > p.left - 4)) row += 1;
        placed.push({ row, left, right: left + w });
        // `above`: in the room left over the plot (the chart's top padding), rows going up.
        const top = above ? chartArea.top - 18 * (row + 1) : chartArea.top + 2 + row * 18;
        ctx.fillStyle = background;
        ctx.globalAlpha = 0.9;
        ctx.fillRect(left, top, w, 16);
        ctx.globalAlpha = 1;
        ctx.fillStyle = line.color;
        ctx.textBaseline = 'top';
        ctx.fillText(line.label, left + 4, top + 2);
      }
      ctx.restore();
    },
  };
}

/**
 * Error bars for every dataset that carries `errorBars`: an array, parallel to its data, of
 * [low, high] in the units of its value axis (or null for no bar). Vertical, or horizontal
 * when the chart's indexAxis is 'y'.
 */
export function errorBarsPlugin() {
  return {
    id: 'reckonErrorBars',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = chart.options.indexAxis === 'y';
      chart.data.datasets.forEach((ds, i) => {
        const bars = /** @type {any} */ (ds).errorBars;
        if (!Array.isArray(bars) || !chart.isDatasetVisible(i)) return;
        const meta = chart.getDatasetMeta(i);
        const scale = chart.scales[(horizontal ? meta.xAxisID : meta.yAxisID) ?? (horizontal ? 'x' : 'y')];
        ctx.save();
        ctx.strokeStyle = /** @type {any} */ (ds).errorBarColor ?? /** @type {string} */ (ds.borderColor);
        ctx.lineWidth = 1.5;
        bars.forEach((bar, j) => {
          const point = meta.data[j];
          if (!bar || !point) return;
          const a = scale.getPixelForValue(bar[0]);
          const b = scale.getPixelForValue(bar[1]);
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(a, point.y);
            ctx.lineTo(b, point.y);
            for (const x of [a, b]) {
              ctx.moveTo(x, point.y - 5);
              ctx.lineTo(x, point.y + 5);
            }
          } else {
            ctx.moveTo(point.x, a);
            ctx.lineTo(point.x, b);
            for (const y of [a, b]) {
              ctx.moveTo(point.x - 5, y);
              ctx.lineTo(point.x + 5, y);
            }
          }
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };
}

/**
 * For every dataset marked `reckon.labels`: a short text beside each point (the point's
 * `tag`), to its right, or to its left where the right edge is near, on a pale halo so the
 * grid does not cut through it; and, under the marks, a bar from a point to its `spanEnd`
 * (a date known only to the month or year runs to the period's end).
 */
export function pointLabelsPlugin({ font = 'sans-serif', color = '#1b1f24', background = '#fff' } = {}) {
  /** Call `draw(point, element, spanEndPx)` for each labelled dataset's visible points. */
  const each = (chart, draw) => {
    chart.data.datasets.forEach((ds, i) => {
      if (!(/** @type {any} */ (ds).reckon?.labels) || !chart.isDatasetVisible(i)) return;
      const meta = chart.getDatasetMeta(i);
      ds.data.forEach((p, j) => {
        const el = meta.data[j];
        const point = /** @type {any} */ (p) ?? {};
        if (!el) return;
        const end = point.spanEnd ? Math.max(el.x, Math.min(chart.scales.x.getPixelForValue(point.spanEnd), chart.chartArea.right)) : null;
        draw(point, el, end, ds);
      });
    });
  };
  return {
    id: 'reckonPointLabels',
    beforeDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.globalAlpha = 0.5;
      ctx.lineWidth = 4;
      ctx.lineCap = 'round';
      each(chart, (p, el, end, ds) => {
        if (end === null) return;
        ctx.strokeStyle = ds.reckon.color ?? ds.borderColor;
        ctx.beginPath();
        ctx.moveTo(el.x, el.y);
        ctx.lineTo(end, el.y);
        ctx.stroke();
      });
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = `12px ${font}`;
      ctx.textBaseline = 'middle';
      // Every mark's box, so a label is put where it hides none (right, else left of its mark).
      const marks = [];
      each(chart, (p, el) => marks.push({ x: el.x, y: el.y }));
      const hides = (left, w, self) => marks.some((m) => m !== self && m.x + 9 > left - 2 && m.x - 9 < left + w + 2 && Math.abs(m.y - self.y) < 16);
      each(chart, (p, el, end) => {
        if (!p.tag) return;
        const w = ctx.measureText(p.tag).width;
        const self = marks.find((m) => m.x === el.x && m.y === el.y);
        const right = (end ?? el.x) + 11;
        const left = el.x - 11 - w;
        const fitsRight = right + w <= chartArea.right && !hides(right, w, self);
        const fitsLeft = left >= chartArea.left && !hides(left, w, self);
        const x = fitsRight || !fitsLeft ? (right + w <= chartArea.right ? right : left) : left;
        // Where it would hide a mark either way, the text goes without its halo, so the mark shows through.
        if (fitsRight || fitsLeft) {
          ctx.globalAlpha = 0.85;
          ctx.fillStyle = background;
          ctx.fillRect(x - 2, el.y - 8, w + 4, 16);
        }
        ctx.globalAlpha = 1;
        ctx.fillStyle = color;
        ctx.fillText(p.tag, x, el.y);
      });
      ctx.restore();
    },
  };
}
