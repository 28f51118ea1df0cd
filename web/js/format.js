/**
 * Formatting shared by pages, chart configs and data tables, so a chart, its table and the
 * report a user pastes them into say the same thing. Pure: no DOM. Dates are shown in UTC.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DASH = '—';

/** 0.7 → "70%", 0.125 → "12.5%"; null → "—". One decimal at most, none when whole. */
export function pct(p, digits = 1) {
  if (p === null || p === undefined || !Number.isFinite(p)) return DASH;
  const f = 10 ** digits;
  const v = Math.round(p * 100 * f) / f;
  return `${v}%`;
}

/** [0.05, 0.4] → "5–40%"; null → "—". */
export function pctRange(range, digits = 1) {
  if (!Array.isArray(range) || range.length !== 2) return DASH;
  return `${pct(range[0], digits).slice(0, -1)}–${pct(range[1], digits)}`;
}

/** A score to three decimals: 0.18449 → "0.184"; null → "—". */
export function score(x, digits = 3) {
  return x === null || x === undefined || !Number.isFinite(x) ? DASH : x.toFixed(digits);
}

/** An integer count with thousands separators; null → "—". */
export function count(n) {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : Math.round(n).toLocaleString('en-GB');
}

/**
 * Epoch ms of an ISO date, date-time or partial date (`2023`, `2023-10`): the first instant
 * of its period, in UTC. NaN when it is not a date.
 */
export function toEpoch(value) {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(value);
  if (partial) return Date.UTC(Number(partial[1]), partial[2] ? Number(partial[2]) - 1 : 0, 1);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  return Date.parse(value);
}

/** "13 Oct 2023"; a partial date keeps its precision ("Oct 2023", "2023"). */
export function formatDate(value) {
  if (value === null || value === undefined || value === '') return DASH;
  if (typeof value === 'string' && /^\d{4}$/.test(value)) return value;
  const ms = toEpoch(value);
  if (!Number.isFinite(ms)) return String(value);
  const d = new Date(ms);
  const month = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) return month;
  return `${d.getUTCDate()} ${month}`;
}

/** "13 Oct 2023, 14:05 UTC". */
export function formatDateTime(value) {
  const ms = toEpoch(value);
  if (!Number.isFinite(ms)) return DASH;
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(ms)}, ${hh}:${mm} UTC`;
}

/** A date-time unless it is exactly midnight UTC, then just the date. */
export function formatMoment(value) {
  const ms = toEpoch(value);
  if (!Number.isFinite(ms)) return DASH;
  return ms % 86_400_000 === 0 ? formatDate(ms) : formatDateTime(ms);
}

/** Today as YYYY-MM-DD (UTC), for date inputs. */
export function todayIso(now = Date.now()) {
  return new Date(now).toISOString().slice(0, 10);
}

/** "1 day", "12 days", "1.5 years" for long spans. */
export function formatDays(days) {
  if (days === null || days === undefined || !Number.isFinite(days)) return DASH;
  const d = Math.round(days);
  if (Math.abs(d) >= 730) return `${(d / 365.25).toFixed(1)} years`;
  return `${d} ${Math.abs(d) === 1 ? 'day' : 'days'}`;
}

/** Cut text to `max` characters on a word boundary, with an ellipsis. */
export function truncate(text, max = 80) {
  const s = String(text ?? '');
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export const STATUS_LABELS = { open: 'Open', confirmed: 'Confirmed', refuted: 'Refuted', annulled: 'Annulled', unresolvable: 'Unresolvable', resolved: 'Resolved' };
export const KIND_LABELS = { prediction: 'Prediction', allegation: 'Allegation' };
export const BEARING_LABELS = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' };
export const STANCE_LABELS = { asserts: 'Asserts', denies: 'Denies' };
export const VERDICT_LABELS = { right: 'Right', wrong: 'Wrong', pending: 'Pending', 'not-scored': 'Not scored' };
export const SOURCE_TYPE_LABELS = {
  person: 'Person',
  government: 'Government',
  organisation: 'Organisation',
  media: 'Media outlet',
  'forecasting-platform': 'Forecasting platform',
  forecaster: 'Forecaster',
  'international-body': 'International body',
  other: 'Other',
};

/** Capitalised label from one of the maps above, or the raw value. */
export function label(map, value) {
  return map[value] ?? String(value ?? DASH);
}
