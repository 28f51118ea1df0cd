/**
 * The as-of view of a claim hides what was not yet known on that date. Stances, evidence and
 * resolutions after it are already left out by the API; the claim's own text may have been
 * written later too (claims about the past are logged after the fact): the details are then
 * folded away, and the wording is marked with the date it was written.
 */
import { h } from '../dom.js';
import { formatDate, toEpoch } from '../format.js';

const TEXT_FIELDS = ['title', 'statement', 'resolutionCriteria', 'details'];
const FIELD_WORDS = { title: 'the title', statement: 'the statement', resolutionCriteria: 'the resolution criteria', details: 'the details' };

/** When a field's current text was written: the last revision that changed it, else the first. */
export function writtenAt(claim, field) {
  const revs = claim.revisions ?? [];
  const last = [...revs].reverse().find((r) => r.revision === 1 || r.changed?.includes(field));
  return last?.recordedAt ?? claim.createdAt;
}

/**
 * The text fields written after the as-of date: the API's `writtenAfterAsOf` when it sends
 * it, else worked out from the revisions' recording times. Empty outside the as-of view.
 */
export function laterFields(claim, asOf) {
  if (!asOf) return [];
  if (Array.isArray(claim.writtenAfterAsOf)) return claim.writtenAfterAsOf;
  const end = toEpoch(claim.asOf ?? asOf);
  return TEXT_FIELDS.filter((f) => claim[f] !== undefined && toEpoch(writtenAt(claim, f)) > end);
}

/** "The title, the statement and the resolution criteria were written on 7 Dec 2026, after this date…" */
export function laterWordingNote(claim, asOf) {
  const fields = laterFields(claim, asOf).filter((f) => f !== 'details');
  if (!fields.length) return null;
  const list = fields.map((f) => FIELD_WORDS[f]);
  const words = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
  const dates = [...new Set(fields.map((f) => formatDate(writtenAt(claim, f))))].join(', ');
  return h('p', { class: 'muted small later-text' }, `${words[0].toUpperCase()}${words.slice(1)} ${fields.length > 1 ? 'were' : 'was'} written on ${dates}, after ${formatDate(asOf)}: the wording may use hindsight.`);
}

/** The details, folded away with the date they were written when that is after the as-of date. */
export function detailsSection(claim, asOf) {
  if (!claim.details) return null;
  const later = laterFields(claim, asOf).includes('details');
  const text = h('p', { class: 'prewrap' }, claim.details);
  return h(
    'section',
    { class: 'criteria', 'aria-labelledby': 'details-h' },
    h('h2', { id: 'details-h' }, 'Details'),
    later ? h('p', { class: 'notice later-text' }, `Written on ${formatDate(writtenAt(claim, 'details'))}, after ${formatDate(asOf)}: they may tell what was not yet known then, so they are hidden here.`) : null,
    later ? h('details', { class: 'later-details' }, h('summary', null, 'Show the details written later'), text) : text,
  );
}
