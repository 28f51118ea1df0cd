/**
 * `/claims/new` — log a prediction or an allegation, optionally with a first forecast or a
 * first stance. The claim is posted first, then the forecast or stance; a refusal keeps
 * everything typed and puts the API's message beside each field.
 */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { choices, field, formValues, submitWith, withPrefix } from '../forms.js';
import { todayIso } from '../format.js';
import { navigate } from '../router.js';
import { percentField, percentValue } from '../probability.js';
import { pickedSource, sourcePicker } from '../source-picker.js';
import { allSources } from '../sources.js';
import { basePriorBox } from './base-rate-prior.js';
import { flash } from './flash.js';
import { questionBody, questionFields } from './question-fields.js';

const CRITERIA_HINT =
  'The test that will decide it. Name the source of truth, the threshold and the date — e.g. “Confirmed if at least two of Reuters, AP and AFP report X before 1 July 2025; refuted if none has by then.” Say what makes it annulled, if anything.';

/** Only the fields that were filled in, with tags split on commas. */
export function claimBody(v) {
  const body = { kind: v.kind ?? '', title: v.title ?? '', statement: v.statement ?? '', resolutionCriteria: v.resolutionCriteria ?? '' };
  if (v.details) body.details = v.details;
  const tags = (v.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (tags.length) body.tags = tags;
  if (v.kind === 'prediction' && v.deadline) body.deadline = v.deadline;
  if (v.kind === 'prediction') Object.assign(body, questionBody(v));
  if (v.kind === 'allegation' && v.checkBy) body.checkBy = v.checkBy;
  return body;
}

function firstSection(sources) {
  const forecast = h(
    'div',
    { class: 'grid-2', dataset: { first: 'forecast' } },
    percentField({ name: 'probability', label: 'Probability it will be confirmed (%)', pointer: '/first/probability' }),
    field({ name: 'note', label: 'Note (optional)', pointer: '/first/note' }),
  );
  const stance = h(
    'div',
    { dataset: { first: 'stance' } },
    choices({ name: 'stance', legend: 'The source…', options: [['asserts', 'asserts it'], ['denies', 'denies it']], value: 'asserts', pointer: '/first/stance' }),
    h('div', { class: 'grid-2' }, field({ name: 'date', label: 'Date of the stance', value: todayIso(), pointer: '/first/date', hint: 'YYYY, YYYY-MM or YYYY-MM-DD.' }), field({ name: 'url', label: 'Link (optional)', type: 'url', pointer: '/first/url' })),
    field({ name: 'quote', label: 'Quote or paraphrase (optional)', type: 'textarea', pointer: '/first/quote' }),
  );
  const picker = sourcePicker({ sources, prefix: '/first' });
  const which = choices({ name: 'first', legend: 'Add a first forecast or stance? (optional)', options: [['none', 'Not now'], ['forecast', 'A forecast'], ['stance', 'A stance of a source']], value: 'none' });
  const later = h('p', { class: 'hint', dataset: { first: 'later' } }, 'A multiple-choice, number or date forecast is added on the claim’s page once it is logged.');
  const box = h('div', { class: 'subform' }, which, picker, forecast, later, stance);
  const sync = () => {
    const v = /** @type {HTMLInputElement | null} */ (box.querySelector('input[name="first"]:checked'))?.value ?? 'none';
    const form = box.closest('form');
    const yesNo = (form?.querySelector('input[name="questionType"]:checked')?.value ?? 'binary') === 'binary' || form?.querySelector('input[name="kind"]:checked')?.value !== 'prediction';
    picker.hidden = v === 'none' || (v === 'forecast' && !yesNo);
    forecast.hidden = v !== 'forecast' || !yesNo;
    later.hidden = v !== 'forecast' || yesNo;
    stance.hidden = v !== 'stance';
  };
  which.addEventListener('change', sync);
  queueMicrotask(() => box.closest('form')?.addEventListener('change', sync));
  sync();
  return box;
}

function claimFields(kind) {
  const deadline = field({ name: 'deadline', label: 'Deadline', type: 'date', required: true, hint: 'By when it must happen (UTC).' });
  const checkBy = field({ name: 'checkBy', label: 'Check by (optional)', type: 'date', hint: 'When to look again at the evidence.' });
  const kindChoice = choices({ name: 'kind', legend: 'Kind', value: kind, options: [['prediction', 'Prediction — about the future; gets probabilities'], ['allegation', 'Allegation — about a fact; sources assert or deny it']] });
  const question = questionFields();
  const sync = () => {
    const v = /** @type {HTMLInputElement | null} */ (kindChoice.querySelector('input:checked'))?.value;
    deadline.hidden = v !== 'prediction';
    checkBy.hidden = v !== 'allegation';
    question.hidden = v !== 'prediction';
  };
  kindChoice.addEventListener('change', sync);
  sync();
  return [
    kindChoice,
    question,
    field({ name: 'title', label: 'Title', required: true, hint: 'Short, for lists.', attrs: { maxlength: '300', autocomplete: 'off' } }),
    field({ name: 'statement', label: 'Statement', type: 'textarea', required: true, hint: 'The exact wording of the claim.' }),
    field({ name: 'resolutionCriteria', label: 'Resolution criteria', type: 'textarea', rows: 4, required: true, hint: CRITERIA_HINT }),
    field({ name: 'details', label: 'Details (optional)', type: 'textarea', hint: 'Background, links, who said it where.' }),
    h('div', { class: 'grid-2' }, field({ name: 'tags', label: 'Tags (optional)', hint: 'Separated by commas: north-korea, munitions' }), deadline, checkBy),
  ];
}

export async function render({ main, query, signal }) {
  document.title = 'Log a claim — Reckon';
  const sources = await allSources();
  if (signal.aborted) return;
  const kind = query.get('kind') === 'allegation' ? 'allegation' : 'prediction';
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log the claim');
  const form = h('form', { class: 'form-narrow', novalidate: true, 'aria-labelledby': 'new-title' }, claimFields(kind), firstSection(sources), h('div', { class: 'actions' }, submit, h('a', { href: '/' }, 'Cancel')));
  let createdId = null;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    await submitWith(form, async () => {
      // A first forecast of another type is added on the claim page (its form needs the question).
      const first = v.first === 'forecast' && (v.questionType ?? 'binary') !== 'binary' && v.kind === 'prediction' ? 'none' : (v.first ?? 'none');
      // A first forecast's probability is checked, in percent, before the claim is logged.
      const probability = first === 'forecast' ? await percentValue(v.probability, '/first/probability') : undefined;
      if (!createdId) createdId = (await api('/api/claims', { method: 'POST', body: claimBody(v) })).id;
      if (first !== 'none') {
        const what = first === 'forecast' ? 'forecast' : 'stance';
        const intro = `The claim was logged, but the ${what} was not recorded.`;
        const sourceId = await pickedSource(v, '/first', form).catch(withPrefix('/first/newSource', intro));
        const body = first === 'forecast' ? { sourceId, probability, ...(v.note ? { note: v.note } : {}) } : { sourceId, stance: v.stance, date: v.date ?? '', ...(v.quote ? { quote: v.quote } : {}), ...(v.url ? { url: v.url } : {}) };
        await api(`/api/claims/${encodeURIComponent(createdId)}/${first === 'forecast' ? 'forecasts' : 'stances'}`, { method: 'POST', body }).catch(withPrefix('/first', intro));
      }
      flash(first === 'none' ? 'Claim logged.' : `Claim logged with its first ${first}.`);
      await navigate(`/claims/${encodeURIComponent(createdId)}`);
    });
    if (createdId && form.isConnected) {
      submit.textContent = 'Record and open the claim';
      const link = h('a', { href: `/claims/${encodeURIComponent(createdId)}` }, 'Open the claim without it');
      form.querySelector('.form-summary')?.append(h('p', null, link));
    }
  });
  // The prior goes right after the first-stance box, beside the source it is about.
  form.querySelector('.subform')?.after(basePriorBox(form, sources));
  replace(main, h('div', { class: 'page-head' }, h('h1', { id: 'new-title' }, 'Log a claim')), h('p', { class: 'lede' }, 'A claim is one checkable statement with written criteria that will decide it.'), form);
}
