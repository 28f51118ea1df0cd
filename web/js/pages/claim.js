/**
 * `/claims/{id}` — statement and criteria up front, the timeline chart, the history, and the
 * forms that record what happens next. `?asOf=YYYY-MM-DD` replays the claim as it stood then.
 */
import { api, apiOptional, ApiProblem, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { formatDate, formatDateTime } from '../format.js';
import { describeForecast, describeOutcome } from '../question-words.js';
import { navigate } from '../router.js';
import { allSources } from '../sources.js';
import { firstAllegedOn } from '../charts/lanes.js';
import { forecastSeries } from '../charts/timeline.js';
import { detailsSection, laterWordingNote } from './claim-as-of.js';
import { claimFigures } from './claim-charts.js';
import { scoresSection } from './claim-scores.js';
import { actionPanels } from './claim-actions.js';
import { questionChangedNotice } from './claim-reaffirm.js';
import { historyList } from './claim-history.js';
import { editedBadge, kindBadge, statusBadge } from './claim-row.js';
import { flash, takeFlash } from './flash.js';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function fact(term, ...value) {
  return h('div', null, h('dt', null, term), h('dd', null, ...value));
}

/** "22 Dec 2022, by US National Security Council": the earliest live asserting stance. */
function firstAlleged(claim, names) {
  const on = firstAllegedOn(claim);
  if (!on) return null;
  const by = claim.stances.filter((s) => s.stance === 'asserts' && !s.retracted && s.date === on).map((s) => names.get(s.sourceId) ?? s.sourceId);
  return fact('First alleged on', formatDate(on), by.length ? h('span', { class: 'muted' }, ` by ${by.join(', ')}`) : null);
}

function facts(claim, names) {
  const due = claim.deadline ?? claim.checkBy;
  const latest = forecastSeries(claim).map(({ sourceId, forecasts }) => `${names.get(sourceId) ?? sourceId} ${describeForecast(claim, forecasts[forecasts.length - 1])}`);
  return h(
    'dl',
    { class: 'facts' },
    claim.kind === 'allegation' ? firstAlleged(claim, names) : null,
    due ? fact(claim.deadline ? 'Deadline' : 'Check by', formatDate(due)) : null,
    fact('Logged in Reckon', formatDate(claim.createdAt)),
    // An opening on the day it was logged says nothing the line above does not.
    claim.openedAt && formatDate(claim.openedAt) !== formatDate(claim.createdAt) ? fact('Opened', formatDate(claim.openedAt)) : null,
    claim.resolution ? fact('Outcome', `${describeOutcome(claim)}, known ${formatDate(claim.resolution.knownOn)}`) : fact('Outcome', 'Not resolved'),
    latest.length ? fact('Latest forecasts', latest.join(' · ')) : null,
    claim.tags.length ? fact('Tags', h('span', { class: 'tags' }, claim.tags.map((t) => h('a', { class: 'tag', href: `/?tag=${encodeURIComponent(t)}` }, t)))) : null,
  );
}

function asOfForm(id, asOf) {
  const form = h(
    'form',
    { class: 'asof-form', 'aria-label': 'View as of a date' },
    field({ name: 'asOf', label: 'As it stood on', type: 'date', value: asOf ?? '', id: 'asof-date' }),
    h('button', { type: 'submit' }, 'Show'),
    asOf ? h('a', { href: `/claims/${encodeURIComponent(id)}` }, 'Back to now') : null,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = /** @type {HTMLInputElement} */ (form.querySelector('input')).value;
    void navigate(`/claims/${encodeURIComponent(id)}${qs({ asOf: v })}`);
  });
  return form;
}

/** A link near the top to the Record panel, which on a phone sits below the charts. Scrolls in place (no navigation). */
function jumpToRecord() {
  const go = (e) => {
    e.preventDefault();
    const target = document.getElementById('record-h');
    target?.scrollIntoView({ block: 'start' });
    target?.closest('section')?.querySelector('summary')?.focus({ preventScroll: true });
  };
  return h('a', { href: '#record-h', onclick: go }, 'Record a forecast, stance or resolution ↓');
}

function header(claim, names, asOf) {
  return [
    h('p', { class: 'small' }, h('a', { href: '/' }, '← All claims'), asOf ? null : [' · ', jumpToRecord()]),
    h('h1', null, claim.title),
    h('div', { class: 'claim-head' }, kindBadge(claim.kind), statusBadge(claim.status), claim.editedAfterForecasts ? editedBadge() : null, claim.revision > 1 ? h('span', { class: 'badge kind' }, `Revision ${claim.revision}`) : null),
    asOf ? h('div', { class: 'notice', role: 'status' }, h('p', null, `As it stood at the end of ${formatDate(asOf)} (UTC), by the dates of events in the world. `, h('a', { href: `/claims/${encodeURIComponent(claim.id)}` }, 'Back to now')), laterWordingNote(claim, asOf)) : null,
    h('p', { class: 'statement' }, claim.statement),
    h('section', { class: 'criteria', 'aria-labelledby': 'criteria-h' }, h('h2', { id: 'criteria-h' }, 'Resolution criteria'), h('p', { class: 'prewrap' }, claim.resolutionCriteria)),
    detailsSection(claim, asOf),
    claim.resolution?.note ? h('section', { class: 'criteria', 'aria-labelledby': 'res-h' }, h('h2', { id: 'res-h' }, 'Resolution note'), h('p', { class: 'prewrap' }, claim.resolution.note)) : null,
    facts(claim, names),
    asOfForm(claim.id, asOf),
  ];
}

async function load(id, asOf, signal) {
  try {
    return await api(`/api/claims/${encodeURIComponent(id)}${qs({ asOf: asOf ? (DAY_RE.test(asOf) ? `${asOf}T23:59:59Z` : asOf) : undefined })}`, { signal });
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 404 && asOf) return null;
    throw err;
  }
}

export async function render({ main, params, query, signal }) {
  const [id] = params;
  const asOf = query.get('asOf') || null;
  const enc = encodeURIComponent(id);
  // The crowd line and the scores (issue 16), not in the as-of view (they are today's).
  const [claim, sources, crowd, scores] = await Promise.all([
    load(id, asOf, signal),
    allSources(),
    asOf ? null : apiOptional(`/api/claims/${enc}/aggregate`, { signal }),
    asOf ? null : apiOptional(`/api/claims/${enc}/scores`, { signal }),
  ]);
  if (signal.aborted) return;
  if (!claim) {
    document.title = 'Not yet logged — Reckon';
    replace(main, h('h1', null, 'Not logged yet'), h('p', null, `This claim did not exist on ${formatDate(asOf)}. `, h('a', { href: `/claims/${encodeURIComponent(id)}` }, 'See it now')));
    return;
  }
  document.title = `${claim.title} — Reckon`;
  const names = new Map(sources.map((s) => [s.id, s.name]));
  const notice = takeFlash();
  const done = (message) => {
    flash(message);
    return navigate(location.pathname + location.search, { replace: true, keepScroll: true });
  };
  if (crowd?.history?.length) claim.crowd = crowd.history;
  const charts = claimFigures(claim, names);
  const recorded = h('p', { class: 'muted small' }, `Revision ${claim.revision}, last event recorded ${formatDateTime(claim.timeline[claim.timeline.length - 1]?.recordedAt)}.`);
  replace(
    main,
    notice,
    header(claim, names, asOf),
    asOf ? null : questionChangedNotice(claim, names, { onDone: done }),
    h('h2', null, 'Timeline'),
    charts.length ? charts.map((c) => c.element) : h('p', { class: 'notice' }, 'Nothing to chart yet: add a forecast, a stance or a piece of evidence.'),
    scoresSection(scores, names, claim),
    h(
      'div',
      { class: 'two-col' },
      h('section', { 'aria-labelledby': 'history-h' }, h('h2', { id: 'history-h' }, 'History'), historyList(claim, names, { canRetract: !asOf, onDone: done }), recorded),
      asOf ? h('section', null, h('h2', null, 'Record'), h('p', null, 'Viewing the past: ', h('a', { href: `/claims/${encodeURIComponent(claim.id)}` }, 'go back to now'), ' to record anything.')) : actionPanels(claim, sources, { onDone: done }),
    ),
  );
  if (notice) {
    notice.setAttribute('tabindex', '-1');
    notice.focus({ preventScroll: true });
  }
  await Promise.all(charts.map((c) => c.ready));
}
