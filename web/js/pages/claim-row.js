/** One claim in the list: title, kind, status, due date, latest probabilities or stance tally. */
import { h } from '../dom.js';
import { formatValue } from '../charts/continuous.js';
import { rangeNumber } from '../cdf/scale.js';
import { KIND_LABELS, STATUS_LABELS, formatDate, pct } from '../format.js';

export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, STATUS_LABELS[status] ?? status);
}

export function kindBadge(kind) {
  return h('span', { class: 'badge kind' }, KIND_LABELS[kind] ?? kind);
}

export function editedBadge() {
  return h('span', { class: 'badge warn', title: 'The wording, criteria or dates changed after forecasts were made.' }, 'Edited after forecasts');
}

function dueText(claim, now) {
  const due = claim.deadline ?? claim.checkBy;
  if (!due) return null;
  const passed = claim.status === 'open' && Date.parse(due.length === 10 ? `${due}T00:00:00Z` : due) < now;
  return h('span', null, `${claim.deadline ? 'Deadline' : 'Check by'} ${formatDate(due)}`, passed ? h('strong', null, ' · passed') : null);
}

/**
 * A latest forecast as the list shows it (issue 17): a yes/no chance ("70%"); for multiple
 * choice the leading option and its share ("Austria 45%"); for a number or a date the median
 * and the central half ("median 11,000 · 50 %: 9,500–12,600"), from the list's quartiles.
 */
export function forecastChip(claim, f) {
  if (Array.isArray(f.probabilities)) {
    const lead = f.probabilities.indexOf(Math.max(...f.probabilities));
    return [h('strong', null, `${claim.options?.[lead] ?? `Option ${lead + 1}`} ${pct(f.probabilities[lead], 0)}`)];
  }
  if (f.median !== undefined) {
    const v = (x) => formatValue(claim, rangeNumber(x));
    return ['median ', h('strong', null, v(f.median)), h('span', { class: 'muted chip-range' }, ` · 50 %: ${v(f.lowerQuartile)}–${v(f.upperQuartile)}`)];
  }
  return [h('strong', null, pct(f.probability))];
}

function side(claim, names) {
  const out = [];
  const forecasts = [...claim.latestForecasts].sort((a, b) => b.madeAt.localeCompare(a.madeAt));
  for (const f of forecasts.slice(0, 3)) out.push(h('span', { class: f.probability === undefined ? 'prob-chip question-chip' : 'prob-chip' }, `${names.get(f.sourceId) ?? f.sourceId} `, ...forecastChip(claim, f)));
  if (forecasts.length > 3) out.push(h('span', { class: 'muted small' }, `+${forecasts.length - 3} more forecasters`));
  const { asserts, denies } = claim.stanceTally;
  if (asserts + denies > 0) out.push(h('span', { class: 'prob-chip' }, 'Asserts ', h('strong', null, String(asserts)), ' · Denies ', h('strong', null, String(denies))));
  if (out.length === 0) out.push(h('span', { class: 'muted small' }, claim.kind === 'prediction' ? 'No forecasts yet' : 'No stances yet'));
  return out;
}

/** @param {any} claim an item of GET /api/claims */
export function claimRow(claim, names, now = Date.now()) {
  return h(
    'li',
    { class: 'claim-row' },
    h(
      'div',
      null,
      h('h2', null, h('a', { href: `/claims/${encodeURIComponent(claim.id)}` }, claim.title)),
      h(
        'div',
        { class: 'claim-meta' },
        kindBadge(claim.kind),
        statusBadge(claim.status),
        claim.editedAfterForecasts ? editedBadge() : null,
        claim.firstAllegedOn ? h('span', null, `First alleged ${formatDate(claim.firstAllegedOn)}`) : null,
        dueText(claim, now),
        claim.tags.length ? h('span', { class: 'tags' }, claim.tags.map((t) => h('a', { class: 'tag', href: `/?tag=${encodeURIComponent(t)}` }, t))) : null,
      ),
    ),
    h('div', { class: 'claim-side' }, side(claim, names)),
  );
}
