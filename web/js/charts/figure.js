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
 * Build a figure element and draw its chart once it is in the page.
 * `height` (px) sizes a chart whose content sets its height, such as one lane per source.
 * `note` is said in words above the chart (a small sample, say).
 * @param {{ title: string, description?: string, build: (theme: any) => any, table: (config: any) => import('./table.js').TableSpec & { summary?: any, csv?: () => string }, filename: string, size?: 'short' | 'tall', height?: number, note?: Node | string | null, after?: Node | null }} spec
 * @returns {{ element: HTMLElement, ready: Promise<void> }}
 */
export function figure({ title, description, build, table, filename, size, height, note, after }) {
  const titleId = uid('fig-title');
  const tableId = uid('fig-table');
  const canvas = /** @type {HTMLCanvasElement} */ (h('canvas', { role: 'img', 'aria-label': `${title}. ${description ?? ''} The data is available as a table.` }));
  const tableSlot = h('div', { id: tableId, hidden: true, class: 'figure-table' });
  const toggle = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'aria-controls': tableId }, 'Show data as table');
  const png = h('button', { type: 'button', class: 'small' }, 'Download PNG');
  const box = h('div', { class: `chart-box${size ? ` ${size}` : ''}` }, canvas);
  // Set through the CSSOM: the CSP allows no inline style attribute.
  if (height) box.style.height = `${height}px`;
  const element = h(
    'figure',
    { class: 'figure', 'aria-labelledby': titleId },
    h('figcaption', null, h('span', { class: 'figure-title', id: titleId }, title), h('span', { class: 'figure-tools' }, toggle, png), description ? h('p', { class: 'figure-desc' }, description) : null),
    note ? h('p', { class: 'figure-note' }, note) : null,
    box,
    after ?? null,
    tableSlot,
  );
  const entry = { chart: null, canvas, build };
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide table' : 'Show data as table';
    tableSlot.hidden = !open;
  });
  png.addEventListener('click', () => downloadPng(canvas, filename));
  // The table is read from the same config the chart draws; a long one opens on its short view.
  tableSlot.append(renderLongTable(table(build(readTheme())), filename));
  const ready = loadChart().then(async (Chart) => {
    for (let i = 0; i < 20 && !canvas.isConnected; i += 1) await new Promise((r) => requestAnimationFrame(r));
    if (!canvas.isConnected) return;
    entry.chart = draw(Chart, canvas, build);
    live.add(entry);
  });
  return { element, ready };
}
