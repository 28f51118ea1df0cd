/**
 * Dates in the world. Stances and evidence keep their precision (`2023`, `2023-10`,
 * `2023-10-13`); forecasts and recording times are full instants. For "as of" replay a
 * partial date counts from the first instant of its period (UTC).
 */

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export type Precision = 'year' | 'month' | 'day';

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
}

/** The form Reckon writes itself (toISOString): parsed without the general path. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The precision of a partial date, or null when it is not one (2023-02-30 is not). */
export function partialDatePrecision(value: string): Precision | null {
  const m = PARTIAL.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1) return null;
  if (m[2] === undefined) return 'year';
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return 'month';
  return validDay(year, month, Number(m[3])) ? 'day' : null;
}

/**
 * Parse an ISO-8601 date (`2023-10-13`, taken as midnight UTC) or date-time (with `Z` or an
 * offset; without a zone it is UTC) into epoch milliseconds, rejecting impossible calendar
 * dates such as 2023-02-30 that `Date.parse` would roll over. Null when invalid.
 */
export function parseInstant(value: string): number | null {
  if (CANONICAL.test(value)) {
    // Date.parse would roll 2023-02-30 over to March: check the calendar first.
    const y = Number(value.slice(0, 4));
    if (y < 1 || !validDay(y, Number(value.slice(5, 7)), Number(value.slice(8, 10)))) return null;
    if (Number(value.slice(11, 13)) > 23 || Number(value.slice(14, 16)) > 59 || Number(value.slice(17, 19)) > 59) return null;
    return Date.parse(value);
  }
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1, 7).map((v) => v ?? undefined) as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1 || !validDay(year, month, day)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const zone = m[8];
  let text = value.replace(' ', 'T');
  if (m[4] === undefined) text = `${value}T00:00:00Z`;
  else if (!zone) text = `${text}Z`;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** Normalise an instant to `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function toIsoInstant(value: string): string | null {
  const ms = parseInstant(value);
  if (ms === null) return null;
  // Already in the stored form (and a real instant): Date#toISOString would give it back as it is.
  return CANONICAL.test(value) ? value : new Date(ms).toISOString();
}

/** The first instant (epoch ms) of a partial date's period, or of a full date/date-time. */
export function worldStart(value: string): number | null {
  const p = partialDatePrecision(value);
  if (p === 'year') return Date.UTC(Number(value), 0, 1);
  if (p === 'month') return Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, 1);
  return parseInstant(value);
}
