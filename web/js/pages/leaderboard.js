/**
 * `/leaderboard` — sources ranked by Metaculus's peer score (default) or baseline score over
 * resolved predictions, by sum or by sum ÷ max(30, coverage), filtered by tag and period
 * (GET /api/leaderboard). The table is the data; it downloads as CSV.
 */
import { ApiProblem, api, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formValues } from '../forms.js';
import { count } from '../format.js';
import { navigate } from '../router.js';
import { allSources } from '../sources.js';
import { renderTable } from '../charts/table.js';

export const LEADERBOARD_PARAMS = { score: 'peer', order: 'sum', tag: '', from: '', to: '' };

function filters(query) {
  const v = (k) => query.get(k) ?? LEADERBOARD_PARAMS[k];
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Leaderboard filters' },
    field({ name: 'score', id: 'lb-score', label: 'Score', type: 'select', value: v('score'), options: [['peer', 'Peer (against the others)'], ['baseline', 'Baseline (against a coin flip)']] }),
    field({ name: 'order', id: 'lb-order', label: 'Ranked by', type: 'select', value: v('order'), options: [['sum', 'Sum over questions'], ['mean', 'Sum ÷ max(30, coverage)']] }),
    field({ name: 'tag', id: 'lb-tag', label: 'Tag', value: v('tag') }),
    field({ name: 'from', id: 'lb-from', label: 'Resolved from', type: 'date', value: v('from') }),
    field({ name: 'to', id: 'lb-to', label: 'Resolved to', type: 'date', value: v('to') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply'), h('a', { href: '/leaderboard', class: 'small' }, 'Reset')),
  );
  const apply = () => {
    const values = formValues(form);
    for (const [k, d] of Object.entries(LEADERBOARD_PARAMS)) if (values[k] === d) delete values[k];
    void navigate(`/leaderboard${qs(values)}`, { keepScroll: true });
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

const fixed = (v, d = 1) => `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(d)}`;

/** The leaderboard as a table spec. */
export function leaderboardTable(items, names, score) {
  return {
    caption: `Sources by ${score} score`,
    columns: [{ label: 'Rank', numeric: true }, 'Source', { label: 'Questions', numeric: true }, { label: 'Sum', numeric: true }, { label: 'Mean', numeric: true }, { label: 'Coverage', numeric: true }],
    rows: items.map((i) => [String(i.rank), { text: names.get(i.sourceId) ?? i.sourceId, href: `/sources/${encodeURIComponent(i.sourceId)}` }, count(i.questions), fixed(i.sum), fixed(i.mean), fixed(i.coverage, 2)]),
  };
}

function csvLink(items, score) {
  const lines = ['rank,sourceId,questions,sum,mean,coverage', ...items.map((i) => [i.rank, `"${i.sourceId}"`, i.questions, i.sum, i.mean, i.coverage].join(','))];
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(lines.join('\n') + '\n')}`;
  return h('a', { href, download: `reckon-leaderboard-${score}.csv`, class: 'small' }, 'Download as CSV');
}

const EXPLAIN = {
  peer: 'Peer score: on each question, 100 × the average of ln(your probability of what happened ÷ each other forecaster’s), averaged over the question’s window; positive means better than the others standing at the same time, and a lone forecaster scores 0.',
  baseline: 'Baseline score: on each question, 100 × log₂(2p) for the probability p given to what happened, averaged over the question’s window; positive means better than a coin flip.',
};

export async function render({ main, query, signal }) {
  document.title = 'Leaderboard — Reckon';
  const score = query.get('score') === 'baseline' ? 'baseline' : 'peer';
  const results = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
  replace(
    main,
    h('div', { class: 'page-head' }, h('h1', null, 'Leaderboard')),
    h('p', { class: 'lede' }, 'Who forecast best on resolved predictions, scored as Metaculus scores: each forecast counts for as long as it stood, and time after a question closed early counts zero.'),
    filters(query),
    results,
  );
  let board;
  try {
    board = await api(`/api/leaderboard${qs(Object.fromEntries(Object.keys(LEADERBOARD_PARAMS).map((k) => [k, query.get(k) ?? ''])))}`, { signal });
  } catch (err) {
    if (!(err instanceof ApiProblem) || err.status !== 400) throw err;
    replace(results, h('div', { class: 'notice error', role: 'alert' }, h('p', null, err.message), h('ul', null, err.errors.map((e) => h('li', null, `${e.pointer.slice(1)}: ${e.message}`)))));
    return;
  }
  const sources = await allSources();
  if (signal.aborted) return;
  const names = new Map(sources.map((s) => [s.id, s.name]));
  if (board.items.length === 0) {
    replace(results, h('p', { class: 'notice' }, 'No scored questions here yet: scores come once a prediction with forecasts is confirmed or refuted.'));
    return;
  }
  const most = Math.max(...board.items.map((i) => i.questions));
  replace(
    results,
    renderTable(leaderboardTable(board.items, names, score)),
    h('p', { class: 'small' }, EXPLAIN[score], ' Mean is the sum ÷ questions; coverage is the summed share of each question’s window with a forecast standing. ', csvLink(board.items, score)),
    most < 30 ? h('p', { class: 'muted small' }, `Small samples: no source has more than ${most} scored question${most === 1 ? '' : 's'}, so luck weighs heavily. Ranking by sum ÷ max(30, coverage) damps it.`) : null,
  );
}
