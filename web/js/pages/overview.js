/**
 * `/overview` — how allegations held up over time: how long the facts took to come in (open
 * allegations counted, not dropped), how often each kind of source was confirmed, each
 * source's record over time, and every claim's status per period.
 */
import { apiOptional, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { count } from '../format.js';
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
  by.querySelector('select')?.addEventListener('change', (e) => go({ by: /** @type {HTMLSelectElement} */ (e.target).value }));
  interval.querySelector('select')?.addEventListener('change', (e) => go({ interval: /** @type {HTMLSelectElement} */ (e.target).value }));
  return { form: h('form', { class: 'filters', 'aria-label': 'Overview options' }, by, interval), go };
}

/** "7 claims: 6 allegations and 1 prediction." from the overview's totals. */
function totalsLine(totals) {
  if (!totals) return null;
  const s = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;
  return h('p', null, `${s(totals.claims, 'claim', 'claims')}: ${s(totals.allegations, 'allegation', 'allegations')} and ${s(totals.predictions, 'prediction', 'predictions')}; ${count(totals.open)} open, ${count(totals.confirmed)} confirmed, ${count(totals.refuted)} refuted.`);
}

export async function render({ main, query, signal }) {
  document.title = 'Overview — Reckon';
  const params = { by: pick(query, 'by', GROUPINGS, 'none'), interval: pick(query, 'interval', INTERVALS, 'quarter'), source: query.get('source') ?? '' };
  const { form, go } = filters(params);
  const results = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Overview')), h('p', { class: 'lede' }, 'How allegations held up over time: how long the facts took to come in, how often each kind of source turned out right, and where every claim stands.'), form, results);
  const rateBy = params.by === 'source' ? 'source' : 'sourceType';
  const [overview, survival, rates, sources] = await Promise.all([
    apiOptional(`/api/overview${qs({ interval: params.interval })}`, { signal }),
    apiOptional(`/api/survival${qs({ by: params.by })}`, { signal }),
    apiOptional(`/api/base-rates${qs({ by: rateBy })}`, { signal }),
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
  replace(results, totalsLine(overview.totals), sections.map(([title, s]) => [h('h2', null, title), s.nodes]));
  await Promise.all(sections.flatMap(([, s]) => s.figures.map((f) => f.ready)));
}
