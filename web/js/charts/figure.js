/**
 * A chart as a report-ready figure: title, description, the chart (chart.js, served by the
 * app), a "data as table" toggle with a real <table>, and a PNG download. Figures rebuild
 * with the colour scheme and are destroyed when the page changes.
 */
import { h, uid } from '../dom.js';
import { renderLongTable } from './long-table.js';
import { readTheme } from './theme.js';

/** @type {Set<{ chart: any, canvas: HTMLCanvasElement, build: (theme: any) => any }>} */
const live = new Set();
let loading = null;

/** Load chart.js once, on the first page that draws a chart. */
export function loadChart() {
  if (/** @type {any} */ (window).Chart) return Promise.resolve(/** @type {any} */ (window).Chart);
  loading ??= new Promise((resolve, reject) => {
    const script = h('script', { src: '/vendor/chart.umd.js' });
    script.addEventListener('load', () => resolve(/** @type {any} */ (window).Chart));
    script.addEventListener('error', () => reject(new Error('The chart library could not be loaded.')));
    document.head.append(script);
  });
  return loading;
}

function draw(Chart, canvas, build) {
  const theme = readTheme();
  Chart.defaults.font.family = theme.font;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = theme.fg;
  Chart.defaults.borderColor = theme.grid;
  const config = build(theme);
  // Draw at twice the screen's density at least, so a downloaded PNG is sharp in print.
  config.options = { ...config.options, devicePixelRatio: Math.max(2, window.devicePixelRatio || 1) };
  return new Chart(canvas, config);
}

export function destroyFigures() {
  for (const f of live) f.chart?.destroy();
  live.clear();
}

export function rebuildFigures() {
  const Chart = /** @type {any} */ (window).Chart;
  if (!Chart) return;
  for (const f of live) {
    f.chart.destroy();
    f.chart = draw(Chart, f.canvas, f.build);
  }
}

function downloadPng(canvas, filename) {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `${filename}.png`, class: 'visually-hidden' }, 'download');
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }, 'image/png');
}

/**
 * One PNG of a figure's panels as they are laid out (columns as on screen), under a line of
 * text keying them (the page's key is HTML, which a PNG would lose).
 * @param {HTMLCanvasElement[]} canvases
 * @param {string} keyText
 */
function composePanels(canvases, keyText) {
  const theme = readTheme();
  const top = canvases[0]?.getBoundingClientRect().top ?? 0;
  const cols = Math.max(1, canvases.filter((c) => Math.abs(c.getBoundingClientRect().top - top) < 2).length);
  const [w, hgt] = [canvases[0]?.width ?? 0, canvases[0]?.height ?? 0];
  const ratio = w / Math.max(1, canvases[0]?.getBoundingClientRect().width ?? 1);
  const head = Math.round(28 * ratio);
  const out = document.createElement('canvas');
  [out.width, out.height] = [cols * w, head + Math.ceil(canvases.length / cols) * hgt];
  const ctx = /** @type {CanvasRenderingContext2D} */ (out.getContext('2d'));
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = theme.fg;
  ctx.font = `${Math.round(13 * ratio)}px ${theme.font}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(keyText, 8 * ratio, head / 2, out.width - 16 * ratio);
  canvases.forEach((c, i) => ctx.drawImage(c, (i % cols) * w, head + Math.floor(i / cols) * hgt));
  return out;
}

const canvasFor = (label) => /** @type {HTMLCanvasElement} */ (h('canvas', { role: 'img', 'aria-label': label }));

/**
 * Build a figure element and draw its chart once it is in the page.
 * `height` (px) sizes a chart whose content sets its height, such as one lane per source.
 * `note` is said in words above the chart (a small sample, say).
 * `panels`, instead of `build`: small multiples, one chart per item in a grid (as many columns
 * as fit), under `key` (what the lines and shading mean, the shared scales); `keyText` heads
 * the PNG, which holds every panel.
 * @param {{ title: string, description?: string, build?: (theme: any) => any, panels?: { key: Node, keyText: string, items: Array<{ name: string, build: (theme: any) => any }> }, table: (config: any) => import('./table.js').TableSpec & { summary?: any, csv?: () => string }, filename: string, size?: 'short' | 'tall', height?: number, note?: Node | string | null, after?: Node | null }} spec
 * @returns {{ element: HTMLElement, ready: Promise<void> }}
 */
export function figure({ title, description, build, panels, table, filename, size, height, note, after }) {
  const titleId = uid('fig-title');
  const tableId = uid('fig-table');
  const entries = panels
    ? panels.items.map((p, i) => ({ chart: null, canvas: canvasFor(`${title}: ${p.name} (panel ${i + 1} of ${panels.items.length}). The data is available as a table.`), build: p.build }))
    : [{ chart: null, canvas: canvasFor(`${title}. ${description ?? ''} The data is available as a table.`), build: /** @type {(theme: any) => any} */ (build) }];
  const tableSlot = h('div', { id: tableId, hidden: true, class: 'figure-table' });
  const toggle = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'aria-controls': tableId }, 'Show data as table');
  const png = h('button', { type: 'button', class: 'small' }, 'Download PNG');
  const box = panels ? h('div', { class: 'panels' }, entries.map((e) => h('div', { class: 'chart-box panel' }, e.canvas))) : h('div', { class: `chart-box${size ? ` ${size}` : ''}` }, entries[0]?.canvas);
  // Set through the CSSOM: the CSP allows no inline style attribute.
  if (height && !panels) box.style.height = `${height}px`;
  const element = h(
    'figure',
    { class: 'figure', 'aria-labelledby': titleId },
    h('figcaption', null, h('span', { class: 'figure-title', id: titleId }, title), h('span', { class: 'figure-tools' }, toggle, png), description ? h('p', { class: 'figure-desc' }, description) : null),
    note ? h('p', { class: 'figure-note' }, note) : null,
    panels ? h('p', { class: 'panel-key' }, panels.key) : null,
    box,
    after ?? null,
    tableSlot,
  );
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide table' : 'Show data as table';
    tableSlot.hidden = !open;
  });
  png.addEventListener('click', () => downloadPng(panels ? composePanels(entries.map((e) => e.canvas), panels.keyText) : entries[0].canvas, filename));
  // The table is read from the same config the chart draws (a panel figure's from its data); a long one opens on its short view.
  tableSlot.append(renderLongTable(table(build?.(readTheme())), filename));
  const ready = loadChart().then(async (Chart) => {
    const first = entries[0]?.canvas;
    for (let i = 0; i < 20 && first && !first.isConnected; i += 1) await new Promise((r) => requestAnimationFrame(r));
    for (const entry of entries) {
      if (!entry.canvas.isConnected) continue;
      entry.chart = draw(Chart, entry.canvas, entry.build);
      live.add(entry);
    }
  });
  return { element, ready };
}
