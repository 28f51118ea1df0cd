/** `/calibration` — the reliability diagram and scores, for any slice of the resolved forecasts. */
import { ApiProblem, apiOptional, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formValues } from '../forms.js';
import { KIND_LABELS } from '../format.js';
import { navigate } from '../router.js';
import { allSources } from '../sources.js';
import { calibrationView } from './calibration-view.js';

/** Query parameters passed through to the API, with their defaults (left out of the URL). */
export const CALIBRATION_PARAMS = { source: '', tag: '', kind: '', from: '', to: '', rule: 'last', bins: '10', binning: 'equal', backfilled: 'include', closedOnly: 'false' };

function filters(query, sources) {
  const v = (k) => query.get(k) ?? CALIBRATION_PARAMS[k];
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Calibration filters' },
    field({ name: 'source', id: 'cal-source', label: 'Source', type: 'select', value: v('source'), options: [['', 'All sources'], ...sources.map((s) => [s.id, s.name])] }),
    field({ name: 'tag', id: 'cal-tag', label: 'Tag', value: v('tag') }),
    field({ name: 'kind', id: 'cal-kind', label: 'Kind', type: 'select', value: v('kind'), options: [['', 'Any kind'], ...Object.entries(KIND_LABELS)] }),
    field({ name: 'from', id: 'cal-from', label: 'Resolved from', type: 'date', value: v('from') }),
    field({ name: 'to', id: 'cal-to', label: 'Resolved to', type: 'date', value: v('to') }),
    field({ name: 'rule', id: 'cal-rule', label: 'Forecast that counts', type: 'select', value: v('rule'), options: [['last', 'Last before resolution'], ['time-weighted', 'Time-weighted average']] }),
    field({ name: 'bins', id: 'cal-bins', label: 'Bins', type: 'number', value: v('bins'), attrs: { min: '2', max: '50', step: '1' } }),
    field({ name: 'binning', id: 'cal-binning', label: 'Binning', type: 'select', value: v('binning'), options: [['equal', 'Equal width'], ['quantile', 'Quantile (equal counts)']] }),
    field({ name: 'backfilled', id: 'cal-backfilled', label: 'Backfilled forecasts', type: 'select', value: v('backfilled'), options: [['include', 'Included'], ['exclude', 'Left out']] }),
    field({ name: 'closedOnly', id: 'cal-closed', label: 'Questions', type: 'select', value: v('closedOnly'), options: [['false', 'Every resolved question'], ['true', 'Only those past their deadline']] }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply'), h('a', { href: '/calibration', class: 'small' }, 'Reset')),
  );
  const apply = () => {
    const values = formValues(form);
    for (const [k, d] of Object.entries(CALIBRATION_PARAMS)) if (values[k] === d) delete values[k];
    void navigate(`/calibration${qs(values)}`, { keepScroll: true });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener('change', (e) => {
    if (e.target instanceof HTMLSelectElement || (e.target instanceof HTMLInputElement && e.target.type === 'date')) apply();
  });
  return form;
}

/** With closedOnly: how many questions it leaves out, and why one would. */
function leftOutNote(cal) {
  if (cal.leftOutQuestions === undefined) return null;
  const n = cal.leftOutQuestions;
  return h('p', { class: 'notice', role: 'status' }, `${n === 0 ? 'No question' : n === 1 ? '1 question' : `${n} questions`} left out: resolved before ${n === 1 ? 'its' : 'their'} deadline, which has not passed yet. Questions that resolve early are mostly those that resolve Yes, so counting only closed questions keeps that bias out.`);
}

/** The API query for the page's query string: only the known parameters. */
export function calibrationQuery(query) {
  return qs(Object.fromEntries(Object.keys(CALIBRATION_PARAMS).map((k) => [k, query.get(k) ?? ''])));
}

export async function render({ main, query, signal }) {
  document.title = 'Calibration — Reckon';
  const sources = await allSources();
  if (signal.aborted) return;
  const results = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', null, 'Calibration')),
    h('p', { class: 'lede' }, 'When forecasts said 70%, did it happen 70% of the time? Each resolved claim counts once per forecaster.'),
    filters(query, sources),
    results,
  );
  let cal;
  try {
    cal = await apiOptional(`/api/calibration${calibrationQuery(query)}`, { signal });
  } catch (err) {
    if (!(err instanceof ApiProblem) || err.status !== 400) throw err;
    // The API's detail lists the pointers for programs; a person gets each message once, under a plain lead.
    const lead = err.errors.length ? 'These filters were not accepted; change them and apply again:' : err.message;
    replace(results, h('div', { class: 'notice error', role: 'alert' }, h('p', null, lead), err.errors.length ? h('ul', null, err.errors.map((e) => h('li', null, e.message))) : null));
    return;
  }
  if (signal.aborted) return;
  if (!cal) {
    replace(results, h('p', { class: 'notice' }, 'Calibration is not available on this server yet.'));
    return;
  }
  const source = sources.find((s) => s.id === query.get('source'));
  const view = calibrationView(cal, { title: source ? `Calibration of ${source.name}` : 'Calibration of all forecasts', filename: `reckon-calibration${source ? `-${source.id}` : ''}` });
  replace(results, leftOutNote(cal), view.elements);
  await view.ready;
}
