/**
 * The claim page's scores, once a prediction is resolved (GET /api/claims/{id}/scores): each
 * source's Metaculus baseline and peer score and coverage, the crowd's, and — for a question
 * that is not yes/no (issue 17) — the scores of each source's last forecast: log score and
 * Brier score (multiple choice), ranked probability score (ordered multiple choice only), log
 * score and CRPS (numeric and date). A measure the answer does not carry (RPS of unordered
 * options, anything but baseline and peer on a yes/no claim) gets no column and no legend line.
 * One sentence per measure says what it is and which way is better; the definitions and their
 * sources are in src/domain/questions/choice-scores.ts and continuous-scores.ts.
 */
import { h } from '../dom.js';
import { formatDate, pct } from '../format.js';
import { renderTable } from '../charts/table.js';

const MINUS = '−';
const sign = (v) => (v > 0 ? '+' : v < 0 ? MINUS : '');
/** Baseline and peer: points, one decimal, signed with a true minus ("+12.3", "−4.0"). */
const signed = (v) => `${sign(v)}${Math.abs(v).toFixed(1)}`;
/** Log, Brier and ranked probability scores: three decimals as on the source page, a true minus as above. */
const decimals = (v) => `${v < 0 ? MINUS : ''}${Math.abs(v).toFixed(3)}`;
const SIGNIFICANT = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 });
/** CRPS, in the range's units (days for a date): four significant digits, as the page's values. */
const units = (v) => SIGNIFICANT.format(v).replace('-', MINUS);

/**
 * The last-forecast measures, in column order: the API's field, its header, its name in a sentence, its format and its
 * legend line (`claim` for the wording of a date question).
 */
const MEASURES = [
  {
    key: 'logScore',
    label: 'Log score',
    noun: 'log score',
    format: decimals,
    explain: (claim) =>
      claim.questionType === 'multiple-choice'
        ? 'the natural log of the probability the source’s last forecast gave the option that happened, ln p; 0 is certainty on it; higher is better.'
        : 'the natural log of the probability the source’s last forecast gave the slice of the range the outcome fell in (one of 200, or beyond an open end); higher is better.',
  },
  { key: 'brier', label: 'Brier score', noun: 'Brier score', format: decimals, explain: () => 'of the last forecast, the sum over the options of (p − o)², o 1 for the option that happened and 0 for the others; 0 is perfect, 2 the worst; lower is better.' },
  { key: 'rps', label: 'RPS', noun: 'RPS', format: decimals, explain: () => 'ranked probability score of the last forecast: the Brier score of its cumulative probabilities across the ordered options, Σ (P − O)² ÷ (options − 1), so a near miss costs less than a far one; 0 is perfect, 1 the worst; lower is better.' },
  {
    key: 'crps',
    label: 'CRPS',
    noun: 'CRPS',
    format: units,
    explain: (claim) =>
      `continuous ranked probability score of the last forecast: ∫ (F(x) − 1{x ≥ outcome})² dx over the range, F its cumulative probability, in ${claim.questionType === 'date' ? 'days' : 'the question’s units'}; mass beyond an open end counts at that end; 0 is all the probability on the outcome; lower is better.`,
  },
];

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

/** The measures at least one source has a number for (RPS is null on unordered options). */
function measuresOf(scores) {
  return MEASURES.filter((m) => scores.sources.some((s) => isNumber(s[m.key])));
}

/** The baseline's reference forecast, which depends on the question's type. */
function baselineWords(claim) {
  if (claim?.questionType === 'multiple-choice') return 'how much better than the same probability on every option the source’s forecasts were, averaged over the whole window from opening to scheduled close — 100 × ln(p × options) ÷ ln(options) at each instant';
  if (claim?.questionType === 'numeric' || claim?.questionType === 'date') return 'how much better than a flat forecast over the range (5 % beyond each open end) the source’s forecasts were, averaged over the whole window from opening to scheduled close — 100 × ln(p ÷ the flat forecast’s p) ÷ 2 at each instant, p the probability of the slice the outcome fell in';
  return 'how much better than a coin flip (50 %) the source’s forecasts were, averaged over the whole window from opening to scheduled close — 100 × log₂(2p) at each instant';
}

/** The explanation under the table: one sentence per score shown; higher is better for baseline and peer. */
function legend(scores, claim, measures) {
  const early = scores.closedAt && scores.scheduledCloseAt && scores.closedAt < scores.scheduledCloseAt;
  return h(
    'ul',
    { class: 'score-legend small' },
    h('li', null, h('strong', null, 'Baseline'), `: ${baselineWords(claim)}, 0 before a source’s first forecast`, early ? ` and after the question closed early on ${formatDate(scores.closedAt)}` : '', '; higher is better.'),
    h('li', null, h('strong', null, 'Peer'), ': how much better than the other forecasters standing at the same time, averaged the same way — 100 × the average of ln(your p ÷ each other’s p); 0 for a lone forecaster, and everyone’s peer scores add up to 0; higher is better.'),
    h('li', null, h('strong', null, 'Coverage'), ': the share of the window during which the source had a forecast standing; a late forecast covers less and counts less.'),
    measures.map((m) => h('li', { 'data-measure': m.key }, h('strong', null, m.label), `: ${m.explain(claim)}`)),
  );
}

const DASH = '—';
/** ["a", "b", "c"] → "a, b and c". */
const listed = (words) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** The scores section, or null when the claim has none (not resolved, or no forecasts). */
export function scoresSection(scores, names, claim) {
  if (!scores || scores.sources.length === 0) return null;
  const measures = measuresOf(scores);
  const last = (s) => measures.map((m) => (isNumber(s[m.key]) ? m.format(s[m.key]) : DASH));
  const rows = scores.sources.map((s) => [{ text: names.get(s.sourceId) ?? s.sourceId, href: `/sources/${encodeURIComponent(s.sourceId)}` }, signed(s.baseline), signed(s.peer), pct(s.coverage, 0), ...last(s)]);
  // The crowd is scored over the window only: it has no last forecast of its own.
  const crowd = claim?.questionType === 'numeric' || claim?.questionType === 'date' ? 'Crowd (recency-weighted average)' : 'Crowd (recency-weighted median)';
  if (scores.crowd) rows.push([crowd, signed(scores.crowd.baseline), DASH, pct(scores.crowd.coverage, 0), ...measures.map(() => DASH)]);
  const few = scores.sources.length < 3 ? h('p', { class: 'muted small' }, `Only ${scores.sources.length} source${scores.sources.length === 1 ? '' : 's'} scored on this question: one question says little about skill.`) : null;
  const window = `${formatDate(scores.openedAt)} to ${formatDate(scores.scheduledCloseAt)}`;
  return h(
    'section',
    { 'aria-labelledby': 'scores-h', class: 'claim-scores' },
    h('h2', { id: 'scores-h' }, 'Scores'),
    // Said above the table, not in its caption: a caption as wide as a table scrolled sideways on a phone is cut.
    measures.length ? h('p', { class: 'muted small' }, `Baseline, peer and coverage are Metaculus’s scores over the window; ${listed(measures.map((m) => m.noun))} score each source’s last forecast before the close.`) : null,
    renderTable({
      caption: measures.length ? `Scores, ${window}` : `Metaculus baseline and peer scores, ${window}`,
      columns: ['Source', { label: 'Baseline', numeric: true }, { label: 'Peer', numeric: true }, { label: 'Coverage', numeric: true }, ...measures.map((m) => ({ label: m.key === 'crps' && claim?.questionType === 'date' ? 'CRPS (days)' : m.label, numeric: true }))],
      rows,
      rowHeader: true,
    }),
    legend(scores, claim, measures),
    few,
  );
}
