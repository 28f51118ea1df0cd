/**
 * The due feeds' content, from claim and resolution rows: Atom entries (a claim becoming due,
 * a claim overdue, a resolution) and iCalendar all-day events (each open claim's due day).
 */
import type { FeedEntry } from './atom.js';
import type { DueEvent } from './ics.js';

/** How far ahead a claim counts as "becoming due" in the Atom feed. */
export const DUE_SOON_DAYS = 7;
const DAY_MS = 86_400_000;

export interface DueClaim {
  id: string;
  kind: 'prediction' | 'allegation';
  title: string;
  statement: string;
  resolutionCriteria: string;
  deadline: string | null;
  checkBy: string | null;
  dueAt: string;
  changedAt: string;
}

export interface Resolution {
  seq: number;
  claimId: string;
  title: string;
  outcome: string;
  knownOn: string;
  note: string | null;
  recordedAt: string;
}

/** The UTC day of a stored date or instant (`2027-06-30`, `2027-06-30T22:00:00Z` → 2027-06-30). */
export function dueDay(dueAt: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dueAt) ? dueAt : new Date(dueAt).toISOString().slice(0, 10);
}

/** The due date as an instant: a bare day counts from its start (UTC), as the claim list's `due=passed` does. */
export function dueInstant(dueAt: string): string {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(dueAt) ? `${dueAt}T00:00:00Z` : dueAt).toISOString();
}

const dueWord = (c: DueClaim) => (c.deadline ? 'Deadline' : 'Check-by date');

/** An overdue claim: one entry per claim and due date, dated when the date passed. */
export function overdueEntry(c: DueClaim, claimUrl: string): FeedEntry {
  return {
    id: `${claimUrl}#overdue-${c.dueAt}`,
    title: `Needs resolution: ${c.title}`,
    updated: dueInstant(c.dueAt),
    link: claimUrl,
    summary: `${dueWord(c)} ${dueDay(c.dueAt)} has passed and the ${c.kind} is still open. Resolution criteria: ${c.resolutionCriteria}`,
    category: 'overdue',
  };
}

/** A claim due within DUE_SOON_DAYS: dated when it came that close. */
export function dueSoonEntry(c: DueClaim, claimUrl: string): FeedEntry {
  return {
    id: `${claimUrl}#due-soon-${c.dueAt}`,
    title: `Due ${dueDay(c.dueAt)}: ${c.title}`,
    updated: new Date(Date.parse(dueInstant(c.dueAt)) - DUE_SOON_DAYS * DAY_MS).toISOString(),
    link: claimUrl,
    summary: `${dueWord(c)} ${dueDay(c.dueAt)}. ${c.statement}`,
    category: 'due-soon',
  };
}

export function resolutionEntry(r: Resolution, claimUrl: string, eventUrl: string): FeedEntry {
  return {
    id: eventUrl,
    title: `Resolved ${r.outcome}: ${r.title}`,
    updated: r.recordedAt,
    link: claimUrl,
    summary: `Outcome ${r.outcome}, known on ${r.knownOn.slice(0, 10)}.${r.note ? ` ${r.note}` : ''}`,
    category: 'resolved',
  };
}

/** The calendar event of an open claim's due day; its UID is stable, so an edited date moves the event. */
export function dueEvent(c: DueClaim, claimUrl: string, host: string): DueEvent {
  const word = c.deadline ? 'Deadline' : 'Check by';
  return {
    uid: `claim-${c.id}@${host}`,
    day: dueDay(c.dueAt),
    summary: `${word}: ${c.title}`,
    description: `${c.statement}\n\nResolution criteria: ${c.resolutionCriteria}\n\n${claimUrl}`,
    url: claimUrl,
    stamp: c.changedAt,
  };
}
