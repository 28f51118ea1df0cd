/**
 * The "number at risk" table that survival plots carry under their time axis: one row per
 * group, a count under each tick of the x axis (how many entries had not yet ended then).
 * A group's name stands left of the plot, cut with an ellipsis to the room there and never
 * reaching its first number; the full name shows as the canvas's title while the pointer is
 * on a cut one. What was drawn where is kept on the plugin (`layout`), in CSS pixels.
 */
import { count } from '../format.js';

/** Row height and the gaps (px) between a name and the plot, and between two numbers. */
const ROW = 16;
const GAP = 8;

/**
 * @typedef {{ left: number, right: number, top: number, bottom: number }} Box
 * @typedef {{ name: string, shown: string, box: Box | null, numbers: Array<{ text: string, box: Box }> }} RowLayout
 * @param {Array<{ name: string, color: string, atRisk: (t: number) => number }>} rows
 * @param {{ font?: string, color?: string, title?: string, named?: boolean }} [o] `named`: whether rows are named left of the plot
 *   (default: unless the one row is "All allegations"); a small-multiple panel names its group in its title instead.
 */
export function atRiskPlugin(rows, { font = 'sans-serif', color = '#1b1f24', title = 'Number at risk (no verdict yet, still counted)', named: naming } = {}) {
  const plugin = {
    id: 'reckonAtRisk',
    rows,
    /** @type {RowLayout[]} */
    layout: [],
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
      const named = naming ?? (rows.length > 1 || rows[0].name !== 'All allegations');
      const shown = named ? fitNames(ctx, rows.map((r) => r.name), chartArea.left - GAP - 2) : [];
      plugin.layout = rows.map((row, i) => {
        const y = top + ROW * (i + 1);
        const numbers = drawNumbers(chart, row, y, color, named ? chartArea.left : 0);
        if (!named) return { name: row.name, shown: '', box: null, numbers };
        ctx.textAlign = 'right';
        ctx.fillStyle = row.color;
        ctx.fillText(shown[i], chartArea.left - GAP, y);
        const width = ctx.measureText(shown[i]).width;
        return { name: row.name, shown: shown[i], box: { left: chartArea.left - GAP - width, right: chartArea.left - GAP, top: y, bottom: y + ROW - 4 }, numbers };
      });
      ctx.restore();
    },
    // A cut name's full text as the canvas's tooltip while the pointer is on it.
    afterEvent(chart, { event }) {
      const canvas = chart.canvas;
      const hit = event.type === 'mousemove' ? plugin.layout.find((r) => r.box && r.shown !== r.name && inside(r.box, event.x, event.y)) : undefined;
      if (hit) canvas.setAttribute('title', hit.name);
      else if (canvas.hasAttribute('title')) canvas.removeAttribute('title');
    },
  };
  return plugin;
}

const inside = (box, x, y) => x >= box.left - 2 && x <= box.right + 2 && y >= box.top - 2 && y <= box.bottom + 2;

/**
 * One row's counts, centred under the ticks but kept right of `floor` (the plot's left edge,
 * where the names end, when there are names) and inside the canvas; a count that would touch
 * the one before it is left out.
 */
function drawNumbers(chart, row, y, color, floor) {
  const { ctx, chartArea, scales, width } = chart;
  const numbers = [];
  ctx.textAlign = 'left';
  ctx.fillStyle = color;
  for (const tick of scales.x.ticks) {
    const px = scales.x.getPixelForValue(tick.value);
    if (px < chartArea.left - 1 || px > chartArea.right + 1) continue;
    const text = count(row.atRisk(tick.value));
    const w = ctx.measureText(text).width;
    const left = Math.min(Math.max(px - w / 2, floor), width - w - 2);
    const before = numbers.at(-1);
    if (before && left < before.box.right + 6) continue;
    ctx.fillText(text, left, y);
    numbers.push({ text, box: { left, right: left + w, top: y, bottom: y + ROW - 4 } });
  }
  return numbers;
}

/**
 * Names cut to fit `width` px: with an ellipsis at the end, or, where that would make two
 * different names read the same ("Allegation so…" twice), in the middle, keeping their ends.
 */
export function fitNames(ctx, names, width) {
  const ends = names.map((n) => fitText(ctx, n, width));
  const clash = (i) => ends.some((e, j) => j !== i && e === ends[i] && names[j] !== names[i]);
  return names.map((n, i) => (clash(i) ? fitMiddle(ctx, n, width) : ends[i]));
}

/** Text cut with an ellipsis to fit `width` px in the context's current font. */
function fitText(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/** Text cut in the middle ("Allegatio…urce 1") to fit `width` px. */
function fitMiddle(ctx, text, width) {
  for (let keep = text.length - 1; keep > 1; keep -= 1) {
    const s = `${text.slice(0, Math.ceil(keep / 2)).trimEnd()}…${text.slice(text.length - Math.floor(keep / 2)).trimStart()}`;
    if (ctx.measureText(s).width <= width) return s;
  }
  return '…';
}
