/** A table spec ({ caption, columns, rows }) as a real, accessible <table>. */
import { h } from '../dom.js';

/**
 * @typedef {string | { text: string, href?: string, class?: string }} Cell
 * @typedef {{ caption: string, columns: Array<string | { label: string, numeric?: boolean }>, rows: Cell[][], rowHeader?: boolean }} TableSpec
 */

function cellContent(cell) {
  if (cell && typeof cell === 'object') return cell.href ? h('a', { href: cell.href }, cell.text) : cell.text;
  return cell;
}

/** @param {TableSpec} spec */
export function renderTable(spec, attrs = {}) {
  const cols = spec.columns.map((c) => (typeof c === 'string' ? { label: c, numeric: false } : c));
  const head = h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label))));
  const body = h(
    'tbody',
    null,
    spec.rows.map((row) =>
      h(
        'tr',
        null,
        row.map((cell, i) => {
          const cls = [cols[i]?.numeric ? 'num' : '', cell && typeof cell === 'object' && cell.class ? cell.class : ''].filter(Boolean).join(' ') || null;
          return i === 0 && spec.rowHeader ? h('th', { scope: 'row', class: cls }, cellContent(cell)) : h('td', { class: cls }, cellContent(cell));
        }),
      ),
    ),
  );
  // A wide table scrolls sideways on a phone: the keyboard must reach it too (a focusable, named region).
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': spec.caption, ...attrs }, h('table', null, h('caption', null, spec.caption), head, body));
}
