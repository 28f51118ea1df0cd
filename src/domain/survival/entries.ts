/**
 * Which span of time an allegation (or a source's assertion of it) is observed for, and how
 * that span ends — the entries of the survival curves and base rates (issue 14):
 *
 * - start: the first day of the earliest non-retracted stance (a `2023` or `2023-10` date
 *   starts on its first day, UTC); an entry whose start is after `asOf` does not exist yet.
 * - end: a claim confirmed or refuted with knownOn on or before asOf ends in that verdict on
 *   knownOn's UTC day; annulled or unresolvable by then, censored on that day; anything else
 *   (open, or resolved after asOf) censored on asOf. A reopened claim counts by its current
 *   resolution (the caller passes the claim's current status).
 * - days: whole UTC calendar days from start to end (0 allowed); start after end → no entry.
 */
import { worldStart } from '../dates.js';

export const DAY_MS = 86_400_000;

export type ClaimStatus = 'open' | 'confirmed' | 'refuted' | 'annulled' | 'unresolvable';
/** How an entry ends: a verdict, censored by annulment / unresolvability, or still open on asOf. */
export type EntryEnd = 'confirmed' | 'refuted' | 'annulled' | 'unresolvable' | 'open';

/** Whole UTC days since 1970-01-01 of the first instant of a (partial) date or date-time; null when invalid. */
export function dayNumber(value: string): number | null {
  const ms = worldStart(value);
  return ms === null ? null : Math.floor(ms / DAY_MS);
}

/** The ISO date (YYYY-MM-DD) of a day number. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface EntryFacts {
  /** The earliest stance's date (partial dates allowed). */
  start: string;
  /** The claim's current status. */
  status: ClaimStatus;
  /** The current resolution's knownOn (null when open). */
  knownOn: string | null;
}

export interface Entry {
  days: number;
  end: EntryEnd;
}

export interface Span {
  startDay: number;
  endDay: number;
  end: EntryEnd;
}

/** The span of these facts as of day `asOfDay` (start and end day numbers), or null when there is none. */
export function entrySpan(f: EntryFacts, asOfDay: number): Span | null {
  const startDay = dayNumber(f.start);
  if (startDay === null) return null;
  return spanOfDays(startDay, f.status, f.status === 'open' || f.knownOn === null ? null : dayNumber(f.knownOn), asOfDay);
}

/** entrySpan over day numbers: a start day, the claim's current status and its knownOn day (null when open). */
export function spanOfDays(startDay: number, status: ClaimStatus, knownDay: number | null, asOfDay: number): Span | null {
  if (startDay > asOfDay) return null;
  const resolved = status !== 'open' && knownDay !== null && knownDay <= asOfDay;
  const endDay = resolved ? knownDay : asOfDay;
  if (startDay > endDay) return null;
  return { startDay, endDay, end: resolved ? status : 'open' };
}

/** The entry for these facts as of day `asOfDay`, or null when there is none (not begun, or starting after its end). */
export function survivalEntry(f: EntryFacts, asOfDay: number): Entry | null {
  const span = entrySpan(f, asOfDay);
  return span && { days: span.endDay - span.startDay, end: span.end };
}

/** Whether an end is a verdict (the event of the survival analysis); every other end is censoring. */
export function isVerdict(end: EntryEnd): end is 'confirmed' | 'refuted' {
  return end === 'confirmed' || end === 'refuted';
}
