/** `/overview` — how the body of claims held up over time, per source, and how long resolution took. */
import { apiOptional, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { count, formatDays } from '../format.js';
import { navigate } from '../router.js';
import { figure } from '../charts/figure.js';
import { bySourceConfig, bySourceTable, leadTimesConfig, leadTimesTable, periodsConfig, periodsTable } from '../charts/overview.js';
import { stat } from './calibration-view.js';

const INTERVALS = [['month', 'Month'], ['quarter', 'Quarter'], ['year', 'Year']];

export async function render({ main, query, signal }) {
  document.title = 'Overview — Reckon';
  const interval = INTERVALS.some(([v]) => v === query.get('interval')) ? query.get('interval') : 'quarter';
  const select = field({ name: 'interval', id: 'overview-interval', label: 'Period', type: 'select', value: interval, options: INTERVALS });
  select.querySelector('select')?.addEventListener('change', (e) => void navigate(`/overview${qs({ interval: /** @type {HTMLSelectElement} */ (e.target).value })}`, { keepScroll: true }));
  const results = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Overview')), h('p', { class: 'lede' }, 'How the body of claims held up over time.'), h('form', { class: 'filters', 'aria-label': 'Overview period' }, select), results);
  const data = await apiOptional(`/api/overview${qs({ interval })}`, { signal });
  if (signal.aborted) return;
  if (!data) {
    replace(results, h('p', { class: 'notice' }, 'The overview is not available on this server yet.'));
    return;
  }
  if (!data.periods.length) {
    replace(results, h('p', { class: 'notice' }, 'No claims yet. ', h('a', { href: '/claims/new' }, 'Log the first one.')));
    return;
  }
  const figs = [
    figure({ title: `Claims by status, per ${interval}`, description: 'How many claims stood open, confirmed, refuted, annulled or unresolvable at the end of each period.', build: (t) => periodsConfig(data, t), table: () => periodsTable(data), filename: `reckon-overview-${interval}` }),
    data.bySource.length ? figure({ title: 'Outcomes per source', description: 'Stances of each source on allegations: right, wrong, or still pending.', build: (t) => bySourceConfig(data, t), table: () => bySourceTable(data), filename: 'reckon-outcomes-by-source', size: data.bySource.length > 8 ? 'tall' : undefined }) : null,
    data.leadTimes.count ? figure({ title: 'Resolution lead times', description: 'Time from logging (or opening) a claim to its resolution.', build: (t) => leadTimesConfig(data, t), table: () => leadTimesTable(data), filename: 'reckon-lead-times', size: 'short' }) : null,
  ];
  const lt = data.leadTimes;
  replace(
    results,
    figs[0]?.element,
    h('h2', null, 'Per source'),
    figs[1]?.element ?? h('p', { class: 'muted' }, 'No stances on resolved allegations yet.'),
    h('h2', null, 'Lead times'),
    h('dl', { class: 'stats' }, stat('Resolved claims', count(lt.count)), stat('Median', formatDays(lt.medianDays)), stat('Mean', formatDays(lt.meanDays))),
    figs[2]?.element ?? null,
  );
  await Promise.all(figs.map((f) => f?.ready));
}
