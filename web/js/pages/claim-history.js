/**
 * A claim's history, in the order things happened in the world: revisions with what changed
 * and why, forecasts, stances, evidence, resolutions, reopenings and retractions.
 */
import { h, externalLink } from '../dom.js';
import { describeForecast, describeOutcome } from '../question-words.js';
import { BEARING_LABELS, STANCE_LABELS, STATUS_LABELS, formatDate, formatDateTime, formatMoment, pct, toEpoch, truncate } from '../format.js';
import { openRetract } from './retract.js';

const FIELD_LABELS = { title: 'Title', statement: 'Statement', resolutionCriteria: 'Resolution criteria', details: 'Details', tags: 'Tags', deadline: 'Deadline', checkBy: 'Check by' };
/** Why a forecast does not count, in words (a retracted one is badged already). */
const NOT_COUNTED = {
  superseded: 'Not counted: a later forecast of the same source counts instead.',
  'made-after-close': 'Not counted: made at or after the deadline, when forecasting had closed.',
  'made-after-known-on': 'Not counted: made on or after the date the outcome became known (a date-only known-on date means the start of that day, UTC).',
};
const KIND_OF = { 'forecast.recorded': 'forecast', 'stance.recorded': 'stance', 'evidence.recorded': 'evidence' };

function show(value) {
  if (value === undefined || value === null || value === '') return '(none)';
  return Array.isArray(value) ? value.join(', ') || '(none)' : truncate(String(value), 400);
}

function revisionDiff(claim, seq) {
  const rev = claim.revisions.find((r) => r.seq === seq);
  const prev = rev ? claim.revisions.find((r) => r.revision === rev.revision - 1) : null;
  if (!rev) return null;
  return h(
    'dl',
    { class: 'diff' },
    rev.changed.map((f) => [h('dt', null, FIELD_LABELS[f] ?? f), h('dd', null, h('del', null, show(prev?.[f])), ' → ', h('ins', null, show(rev[f])))]),
  );
}

function describe(entry, claim, names) {
  const p = entry.payload;
  const who = (id) => names.get(id) ?? id;
  switch (entry.type) {
    case 'claim.created':
      return { cls: 'ev-created', what: 'Logged', body: [] };
    case 'claim.edited':
      return { cls: 'ev-edit', what: `Edited (revision ${p.revision})`, body: [p.reason ? h('p', null, 'Why: ', p.reason) : null, revisionDiff(claim, entry.seq)] };
    case 'forecast.recorded': {
      const mark = claim.forecasts.find((f) => f.seq === entry.seq);
      const why = NOT_COUNTED[mark?.notCountedBecause];
      return { cls: 'ev-forecast', what: `${who(p.sourceId)} forecast ${describeForecast(claim, p)}`, body: [p.backfilled ? h('span', { class: 'badge kind' }, 'Backfilled') : null, why ? h('p', { class: 'small not-counted' }, why) : null, p.note ? h('p', null, p.note) : null] };
    }
    case 'stance.recorded':
      return {
        cls: 'ev-stance',
        what: `${who(p.sourceId)} ${STANCE_LABELS[p.stance]?.toLowerCase() ?? p.stance} it`,
        body: [
          p.quote ? h('blockquote', null, p.quote) : null,
          p.estimative || p.confidence !== undefined ? h('p', { class: 'small' }, 'Stated confidence: ', p.estimative ?? pct(p.confidence)) : null,
          p.url ? h('p', { class: 'small' }, externalLink(p.url, 'Source link')) : null,
        ],
      };
    case 'evidence.recorded':
      return {
        cls: 'ev-evidence',
        what: `Evidence — ${BEARING_LABELS[p.bearing] ?? p.bearing}`,
        body: [h('p', null, p.summary), h('p', { class: 'small muted' }, [p.publishedBy ? `Published by ${p.publishedBy}` : null, p.grade ? `Admiralty grade ${p.grade.reliability}${p.grade.credibility}` : null].filter(Boolean).join(' · ')), p.url ? h('p', { class: 'small' }, externalLink(p.url, 'Link')) : null],
      };
    case 'claim.resolved': {
      const cited = (p.evidenceIds ?? []).map((id) => claim.evidence.find((e) => e.id === id)).filter(Boolean);
      return { cls: 'ev-resolution', what: p.value !== undefined ? describeOutcome(claim, p) : `Resolved: ${STATUS_LABELS[p.outcome] ?? p.outcome}`, body: [p.note ? h('p', null, p.note) : null, cited.length ? h('p', { class: 'small' }, 'Rests on: ', cited.map((e) => truncate(e.summary, 80)).join('; ')) : null] };
    }
    case 'claim.reopened':
      return { cls: 'ev-reopen', what: 'Reopened', body: [h('p', null, 'Why: ', p.reason)] };
    case 'event.retracted':
      return { cls: 'ev-retraction', what: `Retracted the ${p.targetType} recorded as event #${p.targetSeq}`, body: [h('p', null, 'Why: ', p.reason)] };
    default:
      return { cls: '', what: entry.type, body: [] };
  }
}

/**
 * Which entries may be retracted, as the API decides (domain/rules.ts decideRetraction):
 * forecasts, stances and evidence not yet retracted — but once the claim is resolved only
 * evidence, since retracting a forecast or stance would take a call out of the scores in hindsight.
 */
function retractable(claim, kind, entry) {
  return Boolean(kind) && !entry.retracted && (kind === 'evidence' || claim.status === 'open');
}

/** Why a resolved claim's forecasts and stances carry no "Retract…" (null when none is held back). */
function heldBackNote(claim, canRetract) {
  const held = canRetract && claim.status !== 'open' && claim.timeline.some((e) => (e.type === 'forecast.recorded' || e.type === 'stance.recorded') && !e.retracted);
  return held ? h('p', { class: 'small muted retract-note' }, "A resolved claim's forecasts and stances cannot be retracted; reopen the claim first. Evidence can still be retracted.") : null;
}

/**
 * The history list, after a note saying which retractions are not offered and why.
 * @param {any} claim @param {Map<string, string>} names
 */
export function historyList(claim, names, { canRetract, onDone }) {
  // Logging comes first even when imported history is older than the record of it.
  const first = (e) => (e.type === 'claim.created' ? 0 : 1);
  const entries = [...claim.timeline].sort((a, b) => first(a) - first(b) || toEpoch(a.worldAt) - toEpoch(b.worldAt) || a.seq - b.seq);
  const list = h(
    'ol',
    { class: 'history' },
    entries.map((entry) => {
      const { cls, what, body } = describe(entry, claim, names);
      const kind = KIND_OF[entry.type];
      const lag = Math.abs(toEpoch(entry.recordedAt) - toEpoch(entry.worldAt)) > 5 * 60_000;
      const retract = canRetract && retractable(claim, kind, entry) ? h('button', { type: 'button', class: 'small', 'aria-label': `Retract: ${what}` }, 'Retract…') : null;
      retract?.addEventListener('click', () => openRetract({ seq: entry.seq, what: `${kind}: ${what}`, kind, onDone }));
      return h(
        'li',
        { class: `${cls}${entry.retracted ? ' retracted' : ''}`, id: `event-${entry.seq}` },
        h('div', { class: 'when' }, entry.type === 'stance.recorded' || entry.type === 'evidence.recorded' ? formatDate(entry.payload.date) : formatMoment(entry.worldAt), lag ? ` · recorded ${formatDateTime(entry.recordedAt)}` : '', entry.recordedBy ? ` by ${entry.recordedBy}` : '', ` · #${entry.seq}`),
        h('div', { class: 'what' }, what),
        entry.retracted ? h('span', { class: 'badge status-refuted' }, 'Retracted') : null,
        body,
        retract ? h('div', null, retract) : null,
      );
    }),
  );
  return [heldBackNote(claim, canRetract), list];
}
