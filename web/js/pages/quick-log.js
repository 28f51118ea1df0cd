/**
 * The quick-log box at the top of the claims page: one line ("Will the ceasefire hold until
 * 2027-06-30? 70%"), Enter reads it into a filled draft (GET /api/quick-log/parse, the same
 * pure function as `reckon q`), Enter again logs it — the prediction, tagged review-criteria
 * since its criteria were drafted, then the forecast as the chosen source. Keyboard only.
 */
import { api, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formValues, showProblem, submitWith } from '../forms.js';
import { navigate } from '../router.js';
import { percentField, percentValue } from '../probability.js';
import { pickedSource, sourcePicker } from '../source-picker.js';
import { flash } from './flash.js';

const SOURCE_KEY = 'reckon.quickLog.source';
const REVIEW_TAG = 'review-criteria';

function rememberedSource(sources) {
  try {
    const id = localStorage.getItem(SOURCE_KEY);
    return sources.some((s) => s.id === id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function remember(id) {
  try {
    localStorage.setItem(SOURCE_KEY, id);
  } catch {
    /* private mode: not remembered */
  }
}

/** The draft's probability in percent; one it could not use is left as typed, to be corrected. */
const round = (p) => String(Math.round(p * 1000) / 10);

/** The filled draft: every field editable; Enter (or the button) logs it. */
function draftForm(draft, sources) {
  const form = h(
    'form',
    { class: 'quick-draft', novalidate: true, 'aria-label': 'Draft from the quick log' },
    h('h2', null, 'Draft — press Enter to log it'),
    field({ name: 'title', label: 'Title (and statement)', value: draft.title, required: true, pointer: '/claim/title' }),
    h(
      'div',
      { class: 'grid-2' },
      field({ name: 'deadline', label: 'Deadline', type: 'date', value: draft.deadline ?? '', required: true, pointer: '/claim/deadline', hint: draft.dateText ? `Read from “${draft.dateText}”.` : 'No date found in the line.' }),
      percentField({ name: 'probability', label: 'Your forecast (%)', value: draft.probability === null ? (draft.probabilityText ?? '') : round(draft.probability), required: true, pointer: '/forecast/probability', before: draft.probabilityText ? `Read from “${draft.probabilityText}”.` : 'No probability found in the line.' }),
    ),
    sourcePicker({ sources, label: 'Forecast as', value: rememberedSource(sources), prefix: '/forecast' }),
    field({ name: 'resolutionCriteria', label: 'Resolution criteria (drafted from the line — review them)', type: 'textarea', rows: 4, value: draft.resolutionCriteria, required: true, pointer: '/claim/resolutionCriteria', attrs: { class: 'needs-review' } }),
    field({ name: 'tags', label: 'Tags', value: REVIEW_TAG, pointer: '/claim/tags', hint: `${REVIEW_TAG} marks criteria still to review; remove it once they are right.` }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Log it'), h('button', { type: 'button', class: 'quick-cancel' }, 'Cancel (Esc)')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    let claimId = null;
    const ok = await submitWith(form, async () => {
      const probability = await percentValue(v.probability, '/forecast/probability');
      const sourceId = await pickedSource(v, '/forecast', form);
      const tags = (v.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
      // The claim and the forecast in one transaction: both are logged, or neither.
      const claim = { kind: 'prediction', title: v.title ?? '', statement: v.title ?? '', resolutionCriteria: v.resolutionCriteria ?? '', deadline: v.deadline ?? '', tags };
      const logged = await api('/api/quick-log', { method: 'POST', body: { claim, forecast: { sourceId, probability } } });
      claimId = logged.claim.id;
      remember(sourceId);
    });
    if (!ok || !claimId) return;
    flash('Logged, with your forecast. The criteria were drafted from your line: review them.');
    await navigate(`/claims/${encodeURIComponent(claimId)}`);
  });
  return form;
}

/** The box and the place its draft appears. */
export function quickLogBox(sources) {
  const slot = h('div', { class: 'quick-slot' });
  const input = h('input', { id: 'quick-log', name: 'text', type: 'text', autocomplete: 'off', placeholder: 'Will the ceasefire hold until 2027-06-30? 70%', 'aria-describedby': 'quick-log-hint quick-log-err' });
  const form = h(
    'form',
    { class: 'quick-log', 'aria-labelledby': 'quick-log-label', novalidate: true },
    h('div', { class: 'field', dataset: { pointer: '/text' } }, h('label', { for: 'quick-log', id: 'quick-log-label' }, 'Quick log a prediction'), h('p', { class: 'hint', id: 'quick-log-hint' }, 'The question, when it is decided and your probability: “by end of June 2027”, “before 2026”, “in 3 months” or a date; 70%, 0.7 or 7:3. Enter opens the draft, Enter again logs it.'), h('div', { class: 'quick-row' }, input, h('button', { type: 'submit' }, 'Draft')), h('p', { class: 'field-error', id: 'quick-log-err' })),
  );
  const close = () => {
    replace(slot);
    input.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    let draft = null;
    const ok = await submitWith(form, async () => {
      draft = await api(`/api/quick-log/parse${qs({ text })}`);
    });
    if (!ok || !draft) return;
    const d = draftForm(draft, sources);
    d.querySelector('.quick-cancel')?.addEventListener('click', close);
    d.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') close();
    });
    replace(slot, d);
    const place = { '/deadline': '/claim/deadline', '/probability': '/forecast/probability' };
    if (draft.problems.length) showProblem(d, { message: 'Check the marked fields before logging.', errors: draft.problems.map((p) => ({ ...p, pointer: place[p.pointer] ?? p.pointer })) }, { intro: 'The line left something out.' });
    else d.querySelector('button[type="submit"]')?.focus();
  });
  return h('section', { class: 'quick-box', 'aria-label': 'Quick log' }, form, slot);
}
