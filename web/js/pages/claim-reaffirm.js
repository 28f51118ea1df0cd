/**
 * "The question changed since your forecast": for each source whose standing forecast was
 * recorded before the claim's wording or criteria last changed, the word-level diff between the
 * question it answered and the question now, and a one-click "reaffirm" — a new forecast with the
 * same probability and a note — as Metaculus does when a question is edited.
 */
import { diffWords } from '/vendor/diff/diff/word.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formMessage } from '../forms.js';
import { formatDate } from '../format.js';
import { describeForecast } from '../question-words.js';

/** The fields that make the question: a change to any of them asks forecasters to look again. */
const QUESTION_FIELDS = ['title', 'statement', 'resolutionCriteria', 'details'];
const LABELS = { title: 'Title', statement: 'Statement', resolutionCriteria: 'Resolution criteria', details: 'Details' };

/**
 * Each source's latest live forecast recorded before the latest revision that changed the
 * question, with the fields that differ between the revision it answered and the current one.
 * Order is by ledger sequence (what Reckon knew when), not by the forecast's own date.
 * @param {any} claim the claim as GET /api/claims/{id} gives it
 */
export function staleForecasts(claim) {
  const revisions = [...claim.revisions].sort((a, b) => a.seq - b.seq);
  const current = revisions[revisions.length - 1];
  const lastChange = [...revisions].reverse().find((r) => r.revision > 1 && r.changed.some((f) => QUESTION_FIELDS.includes(f)));
  if (!current || !lastChange) return [];
  const latest = new Map();
  for (const f of claim.forecasts) if (!f.retracted && (!latest.has(f.sourceId) || latest.get(f.sourceId).seq < f.seq)) latest.set(f.sourceId, f);
  const out = [];
  for (const f of latest.values()) {
    if (f.seq > lastChange.seq) continue;
    const answered = [...revisions].reverse().find((r) => r.seq < f.seq) ?? revisions[0];
    const changes = QUESTION_FIELDS.filter((k) => (answered[k] ?? '') !== (current[k] ?? '')).map((k) => ({ field: k, before: answered[k] ?? '', after: current[k] ?? '' }));
    if (changes.length) out.push({ forecast: f, answered: answered.revision, changes });
  }
  return out.sort((a, b) => a.forecast.seq - b.forecast.seq);
}

function diffView(before, after) {
  return h('p', { class: 'word-diff prewrap' }, diffWords(before, after).map((part) => (part.added ? h('ins', null, part.value) : part.removed ? h('del', null, part.value) : part.value)));
}

function card(claim, item, names, onDone) {
  const { forecast: f } = item;
  const who = names.get(f.sourceId) ?? f.sourceId;
  const button = h('button', { type: 'button', class: 'primary' }, `Reaffirm ${describeForecast(claim, f)}`);
  const box = h(
    'li',
    { class: 'changed-card' },
    h('h3', null, `${who}: the question changed since your forecast`),
    h('p', { class: 'small' }, `${who} forecast ${describeForecast(claim, f)} on ${formatDate(f.madeAt)}, answering revision ${item.answered}; the claim is now at revision ${claim.revision}.`),
    h('dl', { class: 'diff' }, item.changes.map((c) => [h('dt', null, LABELS[c.field]), h('dd', null, diffView(c.before, c.after))])),
    h('div', { class: 'actions' }, button, h('span', { class: 'small muted' }, 'or record a new probability in the forecast form.')),
  );
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '');
    try {
      const note = `Reaffirmed after the question changed (revision ${item.answered} → ${claim.revision}).`;
      await api(`/api/claims/${encodeURIComponent(claim.id)}/forecasts`, { method: 'POST', body: { sourceId: f.sourceId, ...(f.probabilities ? { probabilities: f.probabilities } : f.cdf ? { cdf: f.cdf } : { probability: f.probability }), note } });
      await onDone(`${who}’s forecast of ${describeForecast(claim, f)} reaffirmed.`);
    } catch (err) {
      button.removeAttribute('disabled');
      formMessage(box, err instanceof Error ? err.message : String(err)).focus();
    }
  });
  return box;
}

/** The notice, or null when every standing forecast answered the current question (or forecasting is closed). */
export function questionChangedNotice(claim, names, { onDone }) {
  // Forecasting is closed once a claim is resolved or its deadline has passed.
  if (claim.status !== 'open' || (claim.deadline && Date.parse(claim.deadline.length === 10 ? `${claim.deadline}T00:00:00Z` : claim.deadline) <= Date.now())) return null;
  const items = staleForecasts(claim);
  if (items.length === 0) return null;
  return h(
    'section',
    { class: 'notice warn question-changed', 'aria-labelledby': 'question-changed-h' },
    h('h2', { id: 'question-changed-h' }, 'The question changed since these forecasts'),
    h('ul', { class: 'plain' }, items.map((item) => card(claim, item, names, onDone))),
  );
}
