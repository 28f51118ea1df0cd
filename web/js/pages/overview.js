/**
 * `/overview` — how allegations held up over time: how long the facts took to come in (open
 * allegations counted, not dropped), how often each kind of source was confirmed, each
 * source's record over time, and every claim's status per period.
 */
import { apiOptional, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { count, formatDate } from '../format.js';
import { navigate } from '../router.js';
import { allSources } from '../sources.js';
import { baseRatesSection, sourcesSection, statusSection, survivalSection } from './overview-sections.js';

const INTERVALS = [['month', 'Month'], ['quarter', 'Quarter'], ['year', 'Year']];
const GROUPINGS = [['none', 'No grouping'], ['sourceType', 'Type of source'], ['source', 'Source']];

function pick(query, name, options, fallback) {
  const v = query.get(name);
  return options.some(([o]) => o === v) ? v : fallback;
}

function filters(params) {
  const go = (change) => void navigate(`/overview${qs({ ...params, ...change, by: (change.by ?? params.by) === 'none' ? '' : change.by ?? params.by, interval: (change.interval ?? params.interval) === 'quarter' ? '' : change.interval ?? params.interval })}`, { keepScroll: true });
  const by = field({ name: 'by', id: 'overview-by', label: 'Group curves and base rates by', type: 'select', value: params.by, options: GROUPINGS });
  const interval = field({ name: 'interval', id: 'overview-interval', label: 'Period', type: 'select', value: params.interval, options: INTERVALS });
  const asOf = field({ name: 'asOf', id: 'overview-as-of', label: 'As it stood on', type: 'date', value: params.asOf, hint: 'Empty: today.' });
  by.querySelector('select')?.addEventListener('change', (e) => go({ by: /** @type {HTMLSelectElement} */ (e.target).value }));
  asOf.querySelector('input')?.addEventListener('change', (e) => go({ asOf: /** @type {HTMLInputElement} */ (e.target).value }));
  interval.querySelector('select')?.addEventListener('change', (e) => go({ interval: /** @type {HTMLSelectElement} */ (e.target).value }));
  const form = h('form', { class: 'filters', 'aria-label': 'Overview options' }, by, interval, asOf);
  form.addEventListener('submit', (e) => e.preventDefault());
  return { form, go };
}

/** "7 claims: 6 allegations and 1 prediction." from the overview's totals. */
function totalsLine(totals) {
  if (!totals) return null;
  const s = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;
  return h('p', null, `${s(totals.claims, 'claim', 'claims')}: ${s(totals.allegations, 'allegation', 'allegations')} and ${s(totals.predictions, 'prediction', 'predictions')}; ${count(totals.open)} open, ${count(totals.confirmed)} confirmed, ${count(totals.refuted)} refuted.`);
}

export async function render({ main, query, signal }) {
  document.title = 'Overview — Reckon';
  const day = query.get('asOf') ?? '';
  // A past day replays every figure as it stood then (the APIs' asOf); anything else is today.
  const params = { by: pick(query, 'by', GROUPINGS, 'none'), interval: pick(query, 'interval', INTERVALS, 'quarter'), source: query.get('source') ?? '', asOf: /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '' };
  const { form, go } = filters(params);
  const results = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Overview')), h('p', { class: 'lede' }, 'How allegations held up over time: how long the facts took to come in, how often each kind of source turned out right, and where every claim stands.'), form, results);
  const rateBy = params.by === 'source' ? 'source' : 'sourceType';
  const [overview, survival, rates, sources] = await Promise.all([
    apiOptional(`/api/overview${qs({ interval: params.interval, asOf: params.asOf })}`, { signal }),
    apiOptional(`/api/survival${qs({ by: params.by, asOf: params.asOf, incidenceBands: 'true' })}`, { signal }),
    apiOptional(`/api/base-rates${qs({ by: rateBy, asOf: params.asOf })}`, { signal }),
    allSources(),
  ]);
  if (signal.aborted) return;
  if (!overview) {
    replace(results, h('p', { class: 'notice' }, 'The overview is not available on this server yet.'));
    return;
  }
  if (!overview.periods.length) {
    replace(results, h('p', { class: 'notice' }, 'No claims yet. ', h('a', { href: '/claims/new' }, 'Log the first one.')));
    return;
  }
  const names = new Map(sources.map((s) => [s.id, s.name]));
  const sections = [
    ['Time to verdict', survivalSection(survival, params.by, names)],
    ['Base rates', baseRatesSection(rates, names)],
    ['Sources', sourcesSection(overview, params.source, (source) => go({ source }))],
    ['Claims by status', statusSection(overview, params.interval)],
  ];
  const asOfNote = params.asOf ? h('div', { class: 'notice', role: 'status' }, h('p', null, `As it stood at the end of ${formatDate(params.asOf)} (UTC): allegations still open then are counted until that day. `, h('a', { href: `/overview${qs({ by: params.by === 'none' ? '' : params.by, interval: params.interval === 'quarter' ? '' : params.interval })}` }, 'Back to today'))) : null;
  replace(results, asOfNote, totalsLine(overview.totals), sections.map(([title, s]) => [h('h2', null, title), s.nodes]));
  await Promise.all(sections.flatMap(([, s]) => s.figures.map((f) => f.ready)));
}
