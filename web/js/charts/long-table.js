/**
 * A figure's table that is too long to read (1,300+ rows): it opens on its short view (a few
 * dozen rows, what they are said in words), with a button that shows every row and another
 * that downloads every row as CSV. Each view is a real <table> with its caption (table.js).
 */
import { h, uid } from '../dom.js';
import { count } from '../format.js';
import { renderTable } from './table.js';

/** Save `text` as a file through a temporary link (the page's CSP allows blob: URLs, as the PNG download uses). */
export function downloadText(text, filename, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = h('a', { href: url, download: filename, class: 'visually-hidden' }, 'download');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/**
 * The table of `spec`; where it has a short view (`spec.summary`), that view, the words that
 * say what it shows, a "Show all N rows" toggle (the full table is built on the first click)
 * and, where `spec.csv` is given, a "Download CSV" of every row.
 * @param {import('./table.js').TableSpec & { summary?: { spec: import('./table.js').TableSpec, words: string } | null, csv?: () => string }} spec
 * @param {string} filename the download's name, without ".csv"
 */
export function renderLongTable(spec, filename) {
  const { summary } = spec;
  if (!summary) return renderTable(spec);
  const slotId = uid('long-table');
  const slot = h('div', { id: slotId }, renderTable(summary.spec));
  const all = `Show all ${count(spec.rows.length)} rows`;
  const toggle = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'aria-controls': slotId }, all);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? `Show the ${count(summary.spec.rows.length)} rows only` : all;
    slot.replaceChildren(renderTable(open ? spec : summary.spec));
  });
  const csv = spec.csv ? h('button', { type: 'button', class: 'small' }, `Download CSV (${count(spec.rows.length)} rows)`) : null;
  csv?.addEventListener('click', () => downloadText(/** @type {() => string} */ (spec.csv)(), `${filename}.csv`));
  return h('div', { class: 'long-table' }, h('p', { class: 'table-note' }, summary.words), h('div', { class: 'figure-tools table-tools' }, toggle, csv), slot);
}
