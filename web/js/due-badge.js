/** The nav badge of the Needs resolution page: how many open claims are past their date. */
import { api, qs } from './api.js';
import { h } from './dom.js';

/** The claim list's query for overdue claims, oldest due date first. */
export const DUE_QUERY = { status: 'open', due: 'passed', sort: 'deadline' };

/** Show how many claims are overdue (100+ beyond a page), hidden at none. */
export async function refreshDueBadge() {
  const badge = document.getElementById('due-badge');
  if (!badge) return;
  try {
    const page = await api(`/api/claims${qs({ ...DUE_QUERY, limit: 100 })}`);
    const n = page.items.length;
    badge.replaceChildren(page.nextCursor ? '100+' : String(n), h('span', { class: 'visually-hidden' }, ' overdue'));
    badge.hidden = n === 0;
  } catch {
    badge.hidden = true;
  }
}
