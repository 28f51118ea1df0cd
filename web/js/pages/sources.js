/** `/sources` — every source, ranked by accuracy or by Brier score, with counts. */
import { ApiProblem, api, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { SOURCE_TYPE_LABELS, count, label, pct, pctRange, score } from '../format.js';
import { navigate } from '../router.js';
import { renderTable } from '../charts/table.js';
import { figure } from '../charts/figure.js';
import { rankedWith, rankingConfig } from '../charts/ranking.js';

const SORTS = [['accuracy', 'Accuracy of stances'], ['brier', 'Brier score of forecasts']];

async function load(sort, signal) {
  try {
    const page = await api(`/api/sources${qs({ sort, limit: 200 })}`, { signal });
    return { items: page.items, ranked: page.items.some((s) => s.stats) };
  } catch (err) {
    if (!(err instanceof ApiProblem) || err.status !== 400) throw err;
    const page = await api('/api/sources?limit=200', { signal });
    return { items: page.items, ranked: false };
  }
}

/** The ranking as a table spec: one row per source. */
export function rankingTable(items, sort) {
  const link = (s) => ({ text: s.name, href: `/sources/${encodeURIComponent(s.id)}` });
  return {
    caption: `Sources ranked by ${sort === 'brier' ? 'Brier score (lower is better)' : 'accuracy of their stances'}`,
    columns: [{ label: 'Rank', numeric: true }, 'Source', 'Type', { label: 'Right', numeric: true }, { label: 'Wrong', numeric: true }, { label: 'Pending', numeric: true }, { label: 'Accuracy', numeric: true }, { label: '95% interval', numeric: true }, { label: 'Forecasts', numeric: true }, { label: 'Brier', numeric: true }],
    rows: items.map((s, i) => {
      const st = s.stats ?? {};
      return [String(i + 1), link(s), label(SOURCE_TYPE_LABELS, s.type), count(st.right), count(st.wrong), count(st.pending), pct(st.accuracy), pctRange(st.accuracyInterval), count(st.forecasts), score(st.brier)];
    }),
  };
}

export async function render({ main, query, signal }) {
  document.title = 'Sources — Reckon';
  const sort = query.get('sort') === 'brier' ? 'brier' : 'accuracy';
  const sortField = field({ name: 'sort', id: 'sources-sort', label: 'Rank by', type: 'select', value: sort, options: SORTS });
  sortField.querySelector('select')?.addEventListener('change', (e) => {
    const v = /** @type {HTMLSelectElement} */ (e.target).value;
    void navigate(`/sources${v === 'accuracy' ? '' : qs({ sort: v })}`, { keepScroll: true });
  });
  const results = h('div', null, h('p', { class: 'loading' }, 'Loading sources…'));
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Sources')), h('p', { class: 'lede' }, 'Who said what, and how it turned out. Accuracy counts the stances on resolved allegations; Brier scores the forecasts on resolved claims.'), h('form', { class: 'filters', 'aria-label': 'Ranking' }, sortField), results);
  const { items, ranked } = await load(sort, signal);
  if (signal.aborted) return;
  if (items.length === 0) {
    replace(results, h('p', { class: 'notice' }, 'No sources yet. They are registered when you record a forecast or a stance.'));
    return;
  }
  if (!ranked) {
    replace(
      results,
      h('p', { class: 'notice' }, 'Rankings are not available on this server yet; here are the sources by name.'),
      renderTable({ caption: 'Sources by name', columns: ['Source', 'Type', 'Country'], rowHeader: true, rows: items.map((s) => [{ text: s.name, href: `/sources/${encodeURIComponent(s.id)}` }, label(SOURCE_TYPE_LABELS, s.type), s.country ?? '—']) }),
    );
    return;
  }
  const charted = rankedWith(items, sort);
  const fig = charted.length
    ? figure({
        title: sort === 'brier' ? 'Brier score of each forecaster' : 'Accuracy of each source',
        description: sort === 'brier' ? 'Mean Brier score of the forecasts that counted on resolved claims; lower is better.' : 'Share of stances on resolved allegations that proved right, with the 95% Wilson interval. Few stances make a wide interval.',
        build: (theme) => rankingConfig(items, sort, theme),
        table: () => rankingTable(charted, sort),
        filename: `reckon-sources-${sort}`,
        size: charted.length > 10 ? 'tall' : 'short',
      })
    : null;
  replace(results, fig?.element ?? null, renderTable(rankingTable(items, sort)));
  await fig?.ready;
}
