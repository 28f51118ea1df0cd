/**
 * `/sources/{id}` — a source's track record: right / wrong / pending with accuracy and its
 * interval, every stance with how the claim turned out, and for forecasters their
 * calibration and skill relative to others on the same claims.
 */
import { api, apiOptional, qs } from '../api.js';
import { externalLink, h, replace } from '../dom.js';
import { SOURCE_TYPE_LABELS, STANCE_LABELS, STATUS_LABELS, VERDICT_LABELS, count, formatDate, label, pct, pctRange, score } from '../format.js';
import { renderTable } from '../charts/table.js';
import { calibrationView, stat } from './calibration-view.js';

/** Every stance of the source as a table spec. */
export function stanceTable(record, name) {
  return {
    caption: `Stances of ${name} and how the claims turned out`,
    columns: ['Date', 'Claim', 'Stance', 'Claim status', 'Verdict'],
    rows: record.stanceItems.map((s) => [
      formatDate(s.date),
      { text: s.claimTitle, href: `/claims/${encodeURIComponent(s.claimId)}` },
      `${label(STANCE_LABELS, s.stance)}${s.retracted ? ' (retracted)' : ''}`,
      label(STATUS_LABELS, s.status),
      { text: label(VERDICT_LABELS, s.verdict), class: s.verdict === 'right' ? 'verdict-right' : s.verdict === 'wrong' ? 'verdict-wrong' : '' },
    ]),
  };
}

function recordStats(r) {
  const st = r.stances;
  if (r.stanceItems.length === 0) return [h('h2', null, 'Stances on allegations'), h('p', { class: 'muted' }, 'No stances recorded.')];
  return [
    h('h2', null, 'Stances on allegations'),
    h(
      'dl',
      { class: 'stats' },
      stat('Right', count(st.right)),
      stat('Wrong', count(st.wrong)),
      stat('Pending', count(st.pending)),
      stat('Not scored', count(st.notScored)),
      stat('Accuracy', pct(r.accuracy), r.accuracyInterval ? `(95%: ${pctRange(r.accuracyInterval)})` : null),
      r.statedConfidence?.count ? stat('Stated confidence, Brier', score(r.statedConfidence.brier), `${count(r.statedConfidence.count)} scored`) : null,
    ),
  ];
}

function forecastStats(f) {
  const rel = f.relativeBrier;
  return h(
    'dl',
    { class: 'stats' },
    stat('Forecasts scored', count(f.count)),
    stat('Brier score', score(f.brier), 'lower is better'),
    stat('Log score', score(f.logScore), 'higher is better'),
    stat('Relative Brier', rel === null || rel === undefined ? '—' : `${rel > 0 ? '+' : ''}${score(rel)}`, f.sharedClaims ? `vs other forecasters on ${count(f.sharedClaims)} shared claims; below 0 is better` : 'no claim shared with another forecaster yet'),
  );
}

/** Metaculus's peer and baseline scores: sums and means over the source's scored questions (GET /api/sources/{id}/scores). */
function metaculusStats(s) {
  const f = (v) => (v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`);
  return [
    h('h2', null, 'Peer and baseline scores'),
    h(
      'dl',
      { class: 'stats' },
      stat('Questions scored', count(s.questions)),
      stat('Peer score', f(s.peer.sum), `sum; mean ${f(s.peer.mean)} per question — above 0 beats the other forecasters`),
      stat('Baseline score', f(s.baseline.sum), `sum; mean ${f(s.baseline.mean)} per question — above 0 beats a coin flip`),
      stat('Coverage', s.coverage.sum.toFixed(2), `sum; mean ${pct(s.coverage.mean, 0)} of each question’s window`),
    ),
    h('p', { class: 'small' }, 'Scored as Metaculus scores: each forecast counts for as long as it stood. ', h('a', { href: '/leaderboard' }, 'See the leaderboard')),
  ];
}

export async function render({ main, params, signal }) {
  const [id] = params;
  const source = await api(`/api/sources/${encodeURIComponent(id)}`, { signal });
  if (signal.aborted) return;
  document.title = `${source.name} — Reckon`;
  const [record, cal, scores] = await Promise.all([
    apiOptional(`/api/sources/${encodeURIComponent(id)}/track-record`, { signal }),
    apiOptional(`/api/calibration${qs({ source: id })}`, { signal }),
    apiOptional(`/api/sources/${encodeURIComponent(id)}/scores`, { signal }),
  ]);
  if (signal.aborted) return;
  const parts = [
    h('p', { class: 'small' }, h('a', { href: '/sources' }, '← All sources')),
    h('h1', null, source.name),
    h('p', { class: 'claim-head' }, h('span', { class: 'badge kind' }, label(SOURCE_TYPE_LABELS, source.type)), source.country ? h('span', { class: 'badge kind' }, source.country) : null, source.url ? externalLink(source.url, 'Website') : null, h('a', { href: `/${qs({ source: id })}` }, 'Claims involving this source')),
  ];
  let ready = Promise.resolve();
  if (!record) parts.push(h('p', { class: 'notice' }, 'Track records are not available on this server yet.'));
  else {
    parts.push(...recordStats(record));
    if (record.stanceItems.length) parts.push(renderTable(stanceTable(record, source.name)));
    if (record.forecasts.count > 0 || (cal && cal.count > 0)) {
      parts.push(h('h2', null, 'Forecasts'), forecastStats(record.forecasts));
    }
  }
  if (scores && scores.questions > 0) parts.push(...metaculusStats(scores));
  if (cal && cal.count > 0) {
    const view = calibrationView(cal, { title: `Calibration of ${source.name}`, filename: `reckon-calibration-${source.id}`, withStats: !record });
    parts.push(h('h2', null, 'Calibration'), ...view.elements, h('p', null, h('a', { href: `/calibration${qs({ source: id })}` }, 'Explore this calibration with filters')));
    ready = view.ready;
  }
  replace(main, ...parts);
  await ready;
}
