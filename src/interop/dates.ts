/**
 * Date parsing shared by the importers. Everything ends up ISO-8601: date-times as UTC
 * `YYYY-MM-DDTHH:MM:SSZ` (milliseconds kept only when non-zero), dates as `YYYY-MM-DD`,
 * and for stance/evidence dates the partial forms `YYYY` and `YYYY-MM` as well.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL = /^(\d{4})(?:-(\d{2}))?$/;
// Date-time with `T` or a space, optional (even unpadded) seconds and fraction, optional zone.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{1,2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** True if y-m-d is a real calendar day (rejects 2023-02-30). */
function isCalendarDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Formats a Date as UTC ISO, dropping `.000`. */
export function formatUtc(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * Parses a date-time; with no zone it is taken as UTC (Fatebook and spreadsheets write
 * none). Returns undefined if the text is not a valid date-time.
 */
export function parseDateTime(text: string): string | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m;
  if (!isCalendarDay(Number(y), Number(mo), Number(d))) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  // Microseconds (Metaculus) are cut to the milliseconds JavaScript can hold.
  const ms = frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : '';
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s.padStart(2, '0')}${ms}${offset}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : formatUtc(date);
}

/** Parses `YYYY-MM-DD`; undefined if invalid. */
export function parseDate(text: string): string | undefined {
  const m = DATE.exec(text.trim());
  if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  return m[0];
}

/** A date stays a date, a date-time becomes UTC; undefined if neither. */
export function parseDateOrDateTime(text: string): string | undefined {
  return parseDate(text) ?? parseDateTime(text);
}

/** A date-time, or a date taken as midnight UTC (forecast times need an instant). */
export function parseInstant(text: string): string | undefined {
  const date = parseDate(text);
  return date ? `${date}T00:00:00Z` : parseDateTime(text);
}

/**
 * A partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). A date-time gives the calendar day as
 * written, before any zone shift: a page dated 2024-06-20T23:00-05:00 was published on
 * the 20th where it was published.
 */
export function parsePartialDate(text: string): string | undefined {
  const trimmed = text.trim();
  const partial = PARTIAL.exec(trimmed);
  if (partial) return partial[2] === undefined || (Number(partial[2]) >= 1 && Number(partial[2]) <= 12) ? trimmed : undefined;
  const date = parseDate(trimmed);
  if (date) return date;
  return parseDateTime(trimmed) ? trimmed.slice(0, 10) : undefined;
}

/** Unix epoch seconds (possibly fractional, as Metaculus writes) to UTC ISO. */
export function epochToIso(seconds: number): string | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  const date = new Date(Math.round(seconds * 1000));
  return Number.isNaN(date.getTime()) ? undefined : formatUtc(date);
}
