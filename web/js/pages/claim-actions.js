/**
 * The forms that record what happens to a claim: a forecast, a stance, evidence, the
 * resolution or a reopening, and an edit. Each posts to the API and re-renders the page.
 */
import { api } from '../api.js';
import { h } from '../dom.js';
import { choices, field, formValues, submitWith } from '../forms.js';
import { BEARING_LABELS, STATUS_LABELS, formatDate, toEpoch, todayIso, truncate } from '../format.js';
import { percentField, percentValue } from '../probability.js';
import { pickedSource, rememberForecaster, rememberedForecaster, sourcePicker } from '../source-picker.js';
import { editForm } from './claim-edit.js';
import { resolutionWarnings, showResolveConfirm } from './resolve-confirm.js';
import { cdfForecastFields, cdfForQuartiles, choiceForecastBody, choiceForecastFields, valueResolveBody, valueResolveFields } from './question-forecast.js';

const ESTIMATIVE = ['almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'likely', 'very likely', 'almost certain'];
const RELIABILITY = [['A', 'A — completely reliable'], ['B', 'B — usually reliable'], ['C', 'C — fairly reliable'], ['D', 'D — not usually reliable'], ['E', 'E — unreliable'], ['F', 'F — cannot be judged']];
const CREDIBILITY = [['1', '1 — confirmed by other sources'], ['2', '2 — probably true'], ['3', '3 — possibly true'], ['4', '4 — doubtful'], ['5', '5 — improbable'], ['6', '6 — cannot be judged']];

const optional = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

function panel(title, form, open = false) {
  return h('details', { open }, h('summary', null, title), form);
}

/** What a form's `post` returns when it waits for a confirmation instead of recording. */
const AWAITING_CONFIRMATION = Symbol('awaiting confirmation');

/** A form whose submit runs `post(values, form)` and then `onDone(message)`. */
function actionForm(children, label, post, message, onDone) {
  const form = h('form', { novalidate: true }, children, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, label)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = formValues(form);
    let waiting = false;
    const ok = await submitWith(form, async () => {
      waiting = (await post(values, form)) === AWAITING_CONFIRMATION;
    });
    if (ok && !waiting) await onDone(message);
  });
  return form;
}

/** The forecast's values: a probability (yes/no), one per option, or a CDF (issue 17). */
async function forecastValues(claim, v) {
  if (claim.questionType === 'multiple-choice') return choiceForecastBody(claim, v);
  if (claim.questionType === 'numeric' || claim.questionType === 'date') return { cdf: cdfForQuartiles(claim, v).cdf };
  // Checked in the unit typed before anything is sent (or a new source registered).
  return { probability: await percentValue(v.probability, '/probability') };
}

function forecastForm(claim, sources, onDone) {
  const type = claim.questionType ?? 'binary';
  const values = type === 'multiple-choice' ? choiceForecastFields(claim) : type === 'binary' ? null : cdfForecastFields(claim);
  const made = field({ name: 'madeAt', label: 'Made on (optional)', type: 'date', hint: 'Leave empty for now; an earlier date marks it backfilled.' });
  return actionForm(
    [
      sourcePicker({ sources, label: 'Forecaster', value: rememberedForecaster(sources) }),
      values ? [values, made] : h('div', { class: 'grid-2' }, percentField({ name: 'probability', label: 'Probability it will be confirmed (%)', required: true }), made),
      field({ name: 'note', label: 'Note (optional)', type: 'textarea', rows: 2 }),
    ],
    'Record the forecast',
    async (v, form) => {
      const values = await forecastValues(claim, v);
      const sourceId = await pickedSource(v, '', form);
      await api(`/api/claims/${encodeURIComponent(claim.id)}/forecasts`, { method: 'POST', body: { sourceId, ...values, ...optional({ madeAt: v.madeAt === todayIso() ? undefined : v.madeAt, note: v.note }) } });
      rememberForecaster(sourceId);
    },
    'Forecast recorded.',
    onDone,
  );
}

function stanceForm(claim, sources, onDone) {
  return actionForm(
    [
      sourcePicker({ sources, defaultType: 'government' }),
      choices({ name: 'stance', legend: 'The source…', options: [['asserts', 'asserts it'], ['denies', 'denies it']], value: 'asserts' }),
      h('div', { class: 'grid-2' }, field({ name: 'date', label: 'Date', value: todayIso(), required: true, hint: 'YYYY, YYYY-MM or YYYY-MM-DD.' }), field({ name: 'url', label: 'Link (optional)', type: 'url' })),
      field({ name: 'quote', label: 'Quote or paraphrase (optional)', type: 'textarea', rows: 2 }),
      h('div', { class: 'grid-2' }, percentField({ name: 'confidence', label: 'Stated confidence, % (optional)', bounded: false }), field({ name: 'estimative', label: 'or in words (ICD 203)', type: 'select', options: [['', '—'], ...ESTIMATIVE.map((e) => [e, e])] })),
    ],
    'Record the stance',
    async (v, form) => {
      const confidence = await percentValue(v.confidence, '/confidence', { bounded: false, optional: true, name: 'Stated confidence' });
      const sourceId = await pickedSource(v, '', form);
      await api(`/api/claims/${encodeURIComponent(claim.id)}/stances`, { method: 'POST', body: { sourceId, stance: v.stance, date: v.date ?? '', ...optional({ quote: v.quote, url: v.url, confidence, estimative: v.estimative }) } });
    },
    'Stance recorded.',
    onDone,
  );
}

function evidenceForm(claim, onDone) {
  return actionForm(
    [
      choices({ name: 'bearing', legend: 'It…', options: Object.entries(BEARING_LABELS).map(([k, l]) => [k, k === 'context' ? 'gives context' : l.toLowerCase()]), value: 'supports' }),
      field({ name: 'summary', label: 'Summary', type: 'textarea', rows: 3, required: true }),
      h('div', { class: 'grid-2' }, field({ name: 'date', label: 'Date', value: todayIso(), required: true, hint: 'YYYY, YYYY-MM or YYYY-MM-DD.' }), field({ name: 'publishedBy', label: 'Published by (optional)' })),
      field({ name: 'url', label: 'Link (optional)', type: 'url' }),
      h('div', { class: 'grid-2' }, field({ name: 'reliability', label: 'Source reliability (optional)', type: 'select', options: [['', '—'], ...RELIABILITY], pointer: '/grade/reliability' }), field({ name: 'credibility', label: 'Information credibility (optional)', type: 'select', options: [['', '—'], ...CREDIBILITY], pointer: '/grade/credibility' })),
    ],
    'Add the evidence',
    async (v) => {
      const grade = v.reliability || v.credibility ? { grade: { reliability: v.reliability ?? '', credibility: Number(v.credibility || 0) } } : {};
      await api(`/api/claims/${encodeURIComponent(claim.id)}/evidence`, { method: 'POST', body: { bearing: v.bearing, summary: v.summary ?? '', date: v.date ?? '', ...optional({ url: v.url, publishedBy: v.publishedBy }), ...grade } });
    },
    'Evidence added.',
    onDone,
  );
}

function resolveForm(claim, onDone) {
  const live = claim.evidence.filter((e) => !e.retracted);
  const valued = (claim.questionType ?? 'binary') !== 'binary';
  // A question with a value resolves with it, or as annulled / unresolvable (issue 17).
  const outcomes = valued ? [['resolved', 'It resolved'], ['annulled', STATUS_LABELS.annulled], ['unresolvable', STATUS_LABELS.unresolvable]] : Object.entries(STATUS_LABELS).filter(([k]) => k !== 'open' && k !== 'resolved');
  return actionForm(
    [
      choices({ name: 'outcome', legend: 'Outcome', options: outcomes, value: valued ? 'resolved' : 'confirmed' }),
      valued ? valueResolveFields(claim) : null,
      field({ name: 'knownOn', label: 'Known on', type: 'date', value: todayIso(), required: true, hint: 'The date the outcome became known.' }),
      field({ name: 'note', label: 'Resolution note (optional)', type: 'textarea', rows: 2, hint: 'How it was decided.' }),
      live.length ? choices({ name: 'evidenceIds', legend: 'It rests on (optional)', type: 'checkbox', options: live.map((e) => [e.id, truncate(e.summary, 70)]) }) : null,
    ],
    'Resolve the claim',
    async (v, form) => {
      // "Known today" means now, so forecasts made earlier today still count.
      const knownOn = v.knownOn === todayIso() ? new Date().toISOString() : (v.knownOn ?? '');
      // Forecasts the date leaves out, or a resolution before the deadline: confirm first (once per date and outcome).
      const asked = JSON.stringify([v.knownOn, v.outcome]);
      if (knownOn && form.dataset.confirmed !== asked) {
        const warnings = await resolutionWarnings(claim, knownOn);
        if (warnings.length) {
          showResolveConfirm(form, warnings, () => {
            form.dataset.confirmed = asked;
            form.requestSubmit();
          });
          return AWAITING_CONFIRMATION;
        }
      }
      delete form.dataset.confirmed;
      form.querySelector('.confirm-box')?.remove();
      const result = valued && v.outcome === 'resolved' ? valueResolveBody(claim, v) : { outcome: v.outcome ?? '' };
      await api(`/api/claims/${encodeURIComponent(claim.id)}/resolution`, { method: 'POST', body: { ...result, knownOn, ...optional({ note: v.note }), ...(v.evidenceIds?.length ? { evidenceIds: v.evidenceIds } : {}) } });
    },
    'Claim resolved.',
    onDone,
  );
}

function reopenForm(claim, onDone) {
  return actionForm(
    [h('p', { class: 'small' }, 'The resolution stays in the history.'), field({ name: 'reason', label: 'Why reopen it?', type: 'textarea', rows: 2, required: true })],
    'Reopen the claim',
    (v) => api(`/api/claims/${encodeURIComponent(claim.id)}/reopen`, { method: 'POST', body: { reason: v.reason ?? '' } }),
    'Claim reopened.',
    onDone,
  );
}

/** All the panels, the most likely one first. */
export function actionPanels(claim, sources, { onDone }) {
  const open = claim.status === 'open';
  // Forecasting closes at the deadline (a date-only deadline: the start of that day, UTC), as the API decides.
  const closed = Boolean(claim.deadline) && Date.now() >= toEpoch(claim.deadline);
  return h(
    'section',
    { class: 'action-panels', 'aria-labelledby': 'record-h' },
    h('h2', { id: 'record-h' }, 'Record'),
    !open
      ? h('p', { class: 'small muted' }, 'Forecasts close once a claim is resolved.')
      : closed
        ? h('p', { class: 'small muted' }, `Forecasting closed at the deadline (${formatDate(claim.deadline)}).`)
        : panel('Add a forecast', forecastForm(claim, sources, onDone), claim.kind === 'prediction'),
    panel('Record a stance', stanceForm(claim, sources, onDone), claim.kind === 'allegation' && open),
    panel('Add evidence', evidenceForm(claim, onDone)),
    open ? panel('Resolve', resolveForm(claim, onDone)) : panel('Reopen', reopenForm(claim, onDone)),
    open ? panel('Edit the claim', editForm(claim, onDone)) : h('p', { class: 'small muted' }, 'A resolved claim is edited only after it is reopened.'),
  );
}
