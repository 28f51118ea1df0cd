/**
 * The claim page's scores, once a prediction is confirmed or refuted: each source's Metaculus
 * baseline and peer score and coverage (GET /api/claims/{id}/scores), the crowd's, and one
 * sentence on what each means.
 */
import { h } from '../dom.js';
import { formatDate, pct } from '../format.js';
import { renderTable } from '../charts/table.js';

const signed = (v) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`;

/** The explanation under the table: one sentence per score. */
function legend(scores) {
  const early = scores.closedAt && scores.scheduledCloseAt && scores.closedAt < scores.scheduledCloseAt;
  return h(
    'ul',
    { class: 'score-legend small' },
    h('li', null, h('strong', null, 'Baseline'), ': how much better than a coin flip (50 %) the source’s forecasts were, averaged over the whole window from opening to scheduled close — 100 × log₂(2p) at each instant, 0 before a source’s first forecast', early ? ` and after the question closed early on ${formatDate(scores.closedAt)}` : '', '.'),
    h('li', null, h('strong', null, 'Peer'), ': how much better than the other forecasters standing at the same time, averaged the same way — 100 × the average of ln(your p ÷ each other’s p); 0 for a lone forecaster, and everyone’s peer scores add up to 0.'),
    h('li', null, h('strong', null, 'Coverage'), ': the share of the window during which the source had a forecast standing; a late forecast covers less and counts less.'),
  );
}

/** The scores section, or null when the claim has none (not resolved yes/no, or no forecasts). */
export function scoresSection(scores, names) {
  if (!scores || scores.sources.length === 0) return null;
  const rows = scores.sources.map((s) => [{ text: names.get(s.sourceId) ?? s.sourceId, href: `/sources/${encodeURIComponent(s.sourceId)}` }, signed(s.baseline), signed(s.peer), pct(s.coverage, 0)]);
  if (scores.crowd) rows.push(['Crowd (recency-weighted median)', signed(scores.crowd.baseline), '—', pct(scores.crowd.coverage, 0)]);
  const few = scores.sources.length < 3 ? h('p', { class: 'muted small' }, `Only ${scores.sources.length} source${scores.sources.length === 1 ? '' : 's'} scored on this question: one question says little about skill.`) : null;
  return h(
    'section',
    { 'aria-labelledby': 'scores-h', class: 'claim-scores' },
    h('h2', { id: 'scores-h' }, 'Scores'),
    renderTable({
      caption: `Metaculus baseline and peer scores, ${formatDate(scores.openedAt)} to ${formatDate(scores.scheduledCloseAt)}`,
      columns: ['Source', { label: 'Baseline', numeric: true }, { label: 'Peer', numeric: true }, { label: 'Coverage', numeric: true }],
      rows,
      rowHeader: true,
    }),
    legend(scores),
    few,
  );
}
