/**
 * Before a claim is resolved, ask for confirmation when the resolution would leave forecasts
 * out (made on or after the known-on date: a date-only date is the start of that day, UTC) or
 * when the outcome is called before the deadline. The numbers come from
 * GET /api/claims/{id}/resolution-preview, which records nothing.
 */
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDate, formatDateTime } from '../format.js';

/** What a person should know before resolving; empty when there is nothing to confirm. */
export async function resolutionWarnings(claim, knownOn) {
  const preview = await api(`/api/claims/${encodeURIComponent(claim.id)}/resolution-preview?knownOn=${encodeURIComponent(knownOn)}`);
  const out = [];
  const n = preview.uncountedForecasts;
  if (n > 0) {
    out.push(`${n} forecast${n === 1 ? ' was' : 's were'} made on or after ${formatDateTime(preview.knownOnFrom)} and will not count. A known-on date means the start of that day (UTC), so forecasts made later that day are left out.`);
  }
  if (preview.beforeDeadline && preview.deadline) out.push(`The known-on date is before the deadline (${formatDate(preview.deadline)}): this resolves the claim before forecasting closes.`);
  return out;
}

/**
 * Show the warnings in the form with "Resolve anyway" (which calls `confirm`) and "Go back"
 * (which returns to the known-on field). The box is an alertdialog, focused, so it is announced.
 */
export function showResolveConfirm(form, warnings, confirm) {
  form.querySelector('.confirm-box')?.remove();
  const yes = h('button', { type: 'button', class: 'primary' }, 'Resolve anyway');
  const no = h('button', { type: 'button' }, 'Go back');
  const box = h(
    'div',
    { class: 'notice warn confirm-box', role: 'alertdialog', 'aria-labelledby': 'resolve-confirm-h', 'aria-describedby': 'resolve-confirm-list' },
    h('p', { id: 'resolve-confirm-h' }, h('strong', null, 'Resolve anyway?')),
    h('ul', { id: 'resolve-confirm-list' }, warnings.map((w) => h('li', null, w))),
    h('div', { class: 'actions' }, yes, no),
  );
  yes.addEventListener('click', () => {
    box.remove();
    confirm();
  });
  no.addEventListener('click', () => {
    box.remove();
    form.querySelector('[name="knownOn"]')?.focus();
  });
  form.querySelector('.actions')?.before(box);
  yes.focus();
}
