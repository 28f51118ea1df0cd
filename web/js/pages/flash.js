/** A one-time confirmation shown on the next page rendered ("Forecast recorded."). */
import { h } from '../dom.js';

let pending = null;

export function flash(message) {
  pending = message;
}

/** The pending message as a status notice, once; null when there is none. */
export function takeFlash() {
  const m = pending;
  pending = null;
  return m ? h('div', { class: 'notice ok', role: 'status' }, h('p', null, m)) : null;
}
