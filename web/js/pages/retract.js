/** Retract a forecast, stance or piece of evidence: a dialog asking why, then the API call. */
import { api } from '../api.js';
import { h } from '../dom.js';
import { field, formValues, submitWith } from '../forms.js';

/** @param {{ seq: number, what: string, kind: string, onDone: (message: string) => unknown }} o */
export function openRetract({ seq, what, kind, onDone }) {
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { id: 'retract-title' }, `Retract this ${kind}?`),
    h('p', null, what),
    h('p', { class: 'small muted' }, 'It stays in the history, marked as retracted, and stops counting.'),
    field({ name: 'reason', label: 'Reason', type: 'textarea', required: true, pointer: '/reason' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Retract'), h('button', { type: 'button', value: 'cancel' }, 'Cancel')),
  );
  const dialog = h('dialog', { 'aria-labelledby': 'retract-title' }, form);
  const close = () => dialog.close();
  form.querySelector('button[value="cancel"]')?.addEventListener('click', close);
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { reason } = formValues(form);
    const ok = await submitWith(form, () => api(`/api/events/${seq}/retraction`, { method: 'POST', body: { reason: reason ?? '' } }));
    if (ok) {
      close();
      await onDone(`The ${kind} was retracted.`);
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  form.querySelector('textarea')?.focus();
}
