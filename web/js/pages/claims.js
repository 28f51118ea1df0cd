/** `/` — the claims: full-text search, filters, sort and paging; the empty state on a new database. */
import { api, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formValues } from '../forms.js';
import { KIND_LABELS, STATUS_LABELS } from '../format.js';
import { navigate } from '../router.js';
import { allSources } from '../sources.js';
import { claimRow } from './claim-row.js';
import { emptyState } from './empty.js';
import { quickLogBox } from './quick-log.js';

const PAGE_SIZE = 25;
const FILTERS = ['q', 'kind', 'status', 'tag', 'source', 'due', 'sort'];
/** Newest and oldest go by the claim's date in the world (an allegation's first assertion); "last logged" by recording. */
const SORTS = [['newest', 'Newest first'], ['oldest', 'Oldest first'], ['deadline', 'Deadline soonest'], ['recorded', 'Last logged first']];

function filterForm(query, sources) {
  const v = (k) => query.get(k) ?? '';
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter claims', action: '/', method: 'get' },
    field({ name: 'q', label: 'Search', type: 'search', value: v('q'), class: 'grow', id: 'claims-q', attrs: { placeholder: 'Words in title, statement, criteria…' } }),
    field({ name: 'kind', id: 'claims-kind', label: 'Kind', type: 'select', value: v('kind'), options: [['', 'Any kind'], ...Object.entries(KIND_LABELS)] }),
    field({ name: 'status', id: 'claims-status', label: 'Status', type: 'select', value: v('status'), options: [['', 'Any status'], ...Object.entries(STATUS_LABELS)] }),
    field({ name: 'tag', label: 'Tag', value: v('tag'), id: 'claims-tag' }),
    field({ name: 'source', id: 'claims-source', label: 'Source', type: 'select', value: v('source'), options: [['', 'Any source'], ...sources.map((s) => [s.id, s.name])] }),
    field({ name: 'due', id: 'claims-due', label: 'Deadline / check-by', type: 'select', value: v('due'), options: [['', 'Any'], ['passed', 'Passed'], ['upcoming', 'Upcoming']] }),
    field({ name: 'sort', id: 'claims-sort', label: 'Sort', type: 'select', value: v('sort') || 'newest', options: SORTS }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply'), h('a', { href: '/', class: 'small' }, 'Clear')),
  );
  const apply = (replaceEntry) => {
    const values = formValues(form);
    if (values.sort === 'newest') delete values.sort;
    void navigate(`/${qs(values)}`, { replace: replaceEntry, keepScroll: true });
  };
  let timer = 0;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply(false);
  });
  form.addEventListener('change', (e) => {
    if (e.target instanceof HTMLSelectElement) apply(false);
  });
  form.addEventListener('input', (e) => {
    if (!(e.target instanceof HTMLInputElement)) return;
    clearTimeout(timer);
    timer = window.setTimeout(() => apply(true), 400);
  });
  return form;
}

function describe(query) {
  const parts = FILTERS.filter((k) => k !== 'sort' && query.get(k));
  return parts.length > 0;
}

export async function render({ main, query, signal }) {
  document.title = 'Claims — Reckon';
  const sources = await allSources();
  if (signal.aborted) return;
  const results = h('div', { 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading claims…'));
  const head = h('div', { class: 'page-head' }, h('h1', null, 'Claims'), h('a', { class: 'button primary', href: '/claims/new' }, 'Log a claim'));
  const form = filterForm(query, sources);
  replace(main, head, quickLogBox(sources), form, results);

  const params = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? '']));
  const names = new Map(sources.map((s) => [s.id, s.name]));
  const first = await api(`/api/claims${qs({ ...params, limit: PAGE_SIZE })}`, { signal });
  if (signal.aborted) return;

  if (first.items.length === 0 && !describe(query)) {
    form.hidden = true;
    replace(results, emptyState());
    return;
  }
  if (first.items.length === 0) {
    replace(results, h('p', { class: 'notice' }, 'No claims match these filters. ', h('a', { href: '/' }, 'Clear the filters')));
    return;
  }
  const list = h('ul', { class: 'claim-list', 'aria-label': 'Claims' });
  const countLine = h('p', { class: 'result-count' });
  const more = h('button', { type: 'button' }, 'Load more');
  const moreBox = h('div', { class: 'actions' }, more);
  let shown = 0;
  let cursor = first.nextCursor;
  const add = (items) => {
    for (const c of items) list.append(claimRow(c, names));
    shown += items.length;
    countLine.textContent = `${shown} claim${shown === 1 ? '' : 's'} shown${cursor ? ' — more below' : ''}`;
    moreBox.hidden = !cursor;
  };
  add(first.items);
  more.addEventListener('click', async () => {
    more.setAttribute('disabled', '');
    const page = await api(`/api/claims${qs({ ...params, cursor, limit: PAGE_SIZE })}`);
    cursor = page.nextCursor;
    const firstNew = list.children.length;
    add(page.items);
    more.removeAttribute('disabled');
    list.children[firstNew]?.querySelector('a')?.focus();
  });
  replace(results, countLine, list, moreBox);
}
