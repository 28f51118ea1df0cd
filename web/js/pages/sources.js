/**
 * `/sources` — every source, ranked by accuracy or by Brier score, with counts. The default
 * measure fits the data, a source with too few scored is marked and not given a rank, and one
 * with nothing scored is listed apart with the reason (sources-ranking.js).
 */
import { ApiProblem, api, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { field } from '../forms.js';
import { SOURCE_TYPE_LABELS, count, label, pct, pctRange, score } from '../format.js';
import { navigate } from '../router.js';
import { renderTable } from '../charts/table.js';
import { figure } from '../charts/figure.js';
import { rankedWith, rankingConfig, rankingHeight } from '../charts/ranking.js';
import { MIN_SCORED, countNote, defaultSort, splitRanking } from './sources-ranking.js';

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

const link = (s) => ({ text: s.name, href: `/sources/${encodeURIComponent(s.id)}` });

/** The ranking as a table spec: the ranked (numbered), then the too-few-to-rank (marked, no number). */
export function rankingTable(items, sort) {
  const { ranked, few } = splitRanking(items, sort);
  return {
    caption: `Sources ranked by ${sort === 'brier' ? 'Brier score (lower is better)' : 'accuracy of their stances'}`,
    columns: [{ label: 'Rank', numeric: true }, 'Source', 'Type', { label: 'Scored', numeric: true }, { label: 'Right', numeric: true }, { label: 'Wrong', numeric: true }, { label: 'Pending', numeric: true }, { label: 'Accuracy', numeric: true }, { label: '95% interval', numeric: true }, { label: 'Forecasts', numeric: true }, { label: 'Brier', numeric: true }],
    rows: [...ranked, ...few].map((s, i) => {
      const st = s.stats ?? {};
      const tooFew = i >= ranked.length;
      return [tooFew ? '—' : String(i + 1), link(s), label(SOURCE_TYPE_LABELS, s.type), tooFew ? { text: countNote(s, sort), class: 'few' } : countNote(s, sort).slice(4), count(st.right), count(st.wrong), count(st.pending), pct(st.accuracy), pctRange(st.accuracyInterval), count(st.forecasts), score(st.brier)];
    }),
  };
}

/** The sources with nothing scored for this measure, each with why. */
export function unrankedTable(items, sort) {
  return {
    caption: `Not ranked by ${sort === 'brier' ? 'Brier score' : 'accuracy'}: nothing scored yet`,
    columns: ['Source', 'Why not'],
    rowHeader: true,
    rows: splitRanking(items, sort).unranked.map(({ source, why }) => [link(source), why]),
  };
}

function sortSelect(sort) {
  const sortField = field({ name: 'sort', id: 'sources-sort', label: 'Rank by', type: 'select', value: sort, options: SORTS });
  sortField.querySelector('select')?.addEventListener('change', (e) => {
    const v = /** @type {HTMLSelectElement} */ (e.target).value;
    void navigate(`/sources${qs({ sort: v })}`, { keepScroll: true });
  });
  return sortField;
}

/** What the page says about the measure: why it was chosen, and what "too few" means. */
function rankingNotes(items, sort, chosen) {
  const { ranked, few } = splitRanking(items, sort);
  const notes = [];
  if (chosen && sort === 'brier') {
    const stances = splitRanking(items, 'accuracy');
    notes.push(stances.few.length ? `Ranked by the Brier score of forecasts: no source has ${MIN_SCORED} scored stances yet.` : 'Ranked by the Brier score of forecasts: no stance has been scored yet.');
  }
  if (few.length) notes.push(`${few.length === 1 ? 'One source has' : `${few.length} sources have`} fewer than ${MIN_SCORED} scored ${sort === 'brier' ? 'forecasts' : 'stances'}: listed after the ranked ones, faded in the chart, without a rank (too few to tell skill from luck).${ranked.length === 0 ? ' No source has enough yet to be ranked.' : ''}`);
  return notes.length ? h('div', { class: 'notice small-sample' }, notes.map((n) => h('p', null, n))) : null;
}

async function loadRanking(query, signal) {
  const asked = query.get('sort');
  const sort = asked === 'brier' || asked === 'accuracy' ? asked : 'accuracy';
  const first = await load(sort, signal);
  if (asked || !first.ranked || defaultSort(first.items) === sort) return { ...first, sort, chosen: !asked && first.ranked };
  return { ...(await load('brier', signal)), sort: 'brier', chosen: true };
}

export async function render({ main, query, signal }) {
  document.title = 'Sources — Reckon';
  const results = h('div', null, h('p', { class: 'loading' }, 'Loading sources…'));
  const form = h('form', { class: 'filters', 'aria-label': 'Ranking' });
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Sources')), h('p', { class: 'lede' }, 'Who said what, and how it turned out. Accuracy counts the stances on resolved allegations; Brier scores the forecasts on resolved claims.'), form, results);
  const { items, ranked, sort, chosen } = await loadRanking(query, signal);
  if (signal.aborted) return;
  replace(form, sortSelect(sort));
  if (items.length === 0) {
    replace(results, h('p', { class: 'notice' }, 'No sources yet. They are registered when you record a forecast or a stance.'));
    return;
  }
  if (!ranked) {
    replace(
      results,
      h('p', { class: 'notice' }, 'Rankings are not available on this server yet; here are the sources by name.'),
      renderTable({ caption: 'Sources by name', columns: ['Source', 'Type', 'Country'], rowHeader: true, rows: items.map((s) => [link(s), label(SOURCE_TYPE_LABELS, s.type), s.country ?? '—']) }),
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
        height: rankingHeight(charted, sort),
      })
    : null;
  const unranked = splitRanking(items, sort).unranked;
  replace(
    results,
    rankingNotes(items, sort, chosen),
    fig?.element ?? h('p', { class: 'notice' }, `No source has a scored ${sort === 'brier' ? 'forecast' : 'stance'} yet.`),
    charted.length ? renderTable(rankingTable(items, sort)) : null,
    unranked.length ? h('section', { class: 'unranked', 'aria-label': 'Not ranked' }, renderTable(unrankedTable(items, sort))) : null,
  );
  await fig?.ready;
}
