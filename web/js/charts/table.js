/** A table spec ({ caption, columns, rows }) as a real, accessible <table>. */
import { h } from '../dom.js';

/**
 * @typedef {string | { text: string, href?: string, class?: string }} Cell
 * @typedef {{ caption: string, columns: Array<string | { label: string, numeric?: boolean }>, rows: Cell[][], rowHeader?: boolean, sections?: Array<{ heading: string, rows: Cell[][] }> }} TableSpec
 * `sections`, where given, are drawn instead of `rows` (which then holds every row, for counting).
 */

function cellContent(cell) {
  if (cell && typeof cell === 'object') return cell.href ? h('a', { href: cell.href }, cell.text) : cell.text;
  return cell;
}

/** A table's body rows: the first cell a row header where `rowHeader` says so. */
function bodyRows(rows, cols, rowHeader) {
  return rows.map((row) =>
    h(
      'tr',
      null,
      row.map((cell, i) => {
        const cls = [cols[i]?.numeric ? 'num' : '', cell && typeof cell === 'object' && cell.class ? cell.class : ''].filter(Boolean).join(' ') || null;
        return i === 0 && rowHeader ? h('th', { scope: 'row', class: cls }, cellContent(cell)) : h('td', { class: cls }, cellContent(cell));
      }),
    ),
  );
}

/**
 * The spec as a <table>; with `sections`, one <tbody> per section under a heading row
 * (th scope="rowgroup"), instead of a first column that repeats the same name row after row.
 * @param {TableSpec} spec
 */
export function renderTable(spec, attrs = {}) {
  const cols = spec.columns.map((c) => (typeof c === 'string' ? { label: c, numeric: false } : c));
  const head = h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label))));
  const bodies = spec.sections
    ? spec.sections.map((s) => h('tbody', null, h('tr', { class: 'section-row' }, h('th', { scope: 'rowgroup', colspan: String(cols.length) }, s.heading)), bodyRows(s.rows, cols, spec.rowHeader)))
    : [h('tbody', null, bodyRows(spec.rows, cols, spec.rowHeader))];
  // A wide table scrolls sideways on a phone: the keyboard must reach it too (a focusable, named region).
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': spec.caption, ...attrs }, h('table', null, h('caption', null, spec.caption), head, bodies));
}
