/** Edit a claim's wording, criteria, tags or dates — only what changed is sent, with the reason. */
import { api } from '../api.js';
import { h } from '../dom.js';
import { field, formMessage, formValues, submitWith } from '../forms.js';

const dateOnly = (v) => (v ? String(v).slice(0, 10) : '');

/** The changed fields of the claim, as the PATCH body wants them (an emptied date is null). */
export function claimChanges(claim, v) {
  const changes = {};
  for (const key of ['title', 'statement', 'resolutionCriteria', 'details']) if ((v[key] ?? '') !== (claim[key] ?? '')) changes[key] = v[key] ?? '';
  const tags = (v.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (tags.join('\u0000') !== claim.tags.join('\u0000')) changes.tags = tags;
  for (const key of ['deadline', 'checkBy']) if (key in v && (v[key] ?? '') !== dateOnly(claim[key])) changes[key] = v[key] ? v[key] : null;
  return changes;
}

export function editForm(claim, onDone) {
  const due = claim.kind === 'prediction' ? field({ name: 'deadline', label: 'Deadline', type: 'date', value: dateOnly(claim.deadline) }) : field({ name: 'checkBy', label: 'Check by', type: 'date', value: dateOnly(claim.checkBy) });
  const form = h(
    'form',
    { novalidate: true },
    h('p', { class: 'small' }, 'Every earlier revision is kept. A claim edited after forecasts is flagged.'),
    field({ name: 'title', label: 'Title', value: claim.title, required: true }),
    field({ name: 'statement', label: 'Statement', type: 'textarea', value: claim.statement, required: true }),
    field({ name: 'resolutionCriteria', label: 'Resolution criteria', type: 'textarea', rows: 4, value: claim.resolutionCriteria, required: true }),
    field({ name: 'details', label: 'Details', type: 'textarea', value: claim.details ?? '' }),
    h('div', { class: 'grid-2' }, field({ name: 'tags', label: 'Tags', value: claim.tags.join(', '), hint: 'Separated by commas.' }), due),
    field({ name: 'reason', label: 'Reason for the change', type: 'textarea', rows: 2, required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save the edit')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const changes = claimChanges(claim, v);
    if (Object.keys(changes).length === 0) {
      formMessage(form, 'Nothing has changed yet: edit a field, then give the reason.');
      return;
    }
    const ok = await submitWith(form, () => api(`/api/claims/${encodeURIComponent(claim.id)}`, { method: 'PATCH', body: { ...changes, reason: v.reason ?? '' } }));
    if (ok) await onDone('Claim edited.');
  });
  return form;
}
