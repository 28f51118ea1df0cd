/**
 * The "number at risk" table that survival plots carry under their time axis: one row per
 * group, a count under each tick of the x axis (how many entries had not yet ended then).
 */

/**
 * @param {Array<{ name: string, color: string, atRisk: (t: number) => number }>} rows
 * @param {{ font?: string, color?: string, title?: string }} [o]
 */
export function atRiskPlugin(rows, { font = 'sans-serif', color = '#1b1f24', title = 'Number at risk (no verdict yet, still counted)' } = {}) {
  return {
    id: 'reckonAtRisk',
    rows,
    afterDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x;
      if (!x || !rows.length) return;
      const top = x.bottom + 8;
      ctx.save();
      ctx.textBaseline = 'top';
      ctx.font = `600 11px ${font}`;
      ctx.fillStyle = color;
      ctx.textAlign = 'left';
      ctx.fillText(chartArea.right - chartArea.left < 420 ? 'Number at risk' : title, chartArea.left, top);
      ctx.font = `11px ${font}`;
      rows.forEach((row, i) => {
        const y = top + 16 * (i + 1);
        if (rows.length > 1 || row.name !== 'All allegations') {
          ctx.textAlign = 'right';
          ctx.fillStyle = row.color;
          ctx.fillText(fitText(ctx, row.name, chartArea.left - 10), chartArea.left - 8, y);
        }
        ctx.textAlign = 'center';
        ctx.fillStyle = color;
        for (const tick of x.ticks) {
          const px = x.getPixelForValue(tick.value);
          if (px < chartArea.left - 1 || px > chartArea.right + 1) continue;
          ctx.fillText(String(row.atRisk(tick.value)), px, y);
        }
      });
      ctx.restore();
    },
  };
}

/** Text cut with an ellipsis to fit `width` px in the context's current font. */
function fitText(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}
