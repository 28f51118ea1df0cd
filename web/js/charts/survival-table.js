/**
 * The time-to-verdict charts' data as tables (survival.js): every point of every group (the
 * full table, and the same as CSV), and, where that runs past LONG_TABLE rows (1,335 for 4,340
 * allegations), a default view of the curves read at evenly spaced days, as R's
 * `summary(survfit(…), times = …)` reads them
 * (https://rdrr.io/cran/survival/man/summary.survfit.html). Pure: API answer in, table specs out.
 */
import { count, pct, pctRange } from '../format.js';
import { atRiskAt, groupName, hasBand, pickGroups } from './survival.js';

/** Above this many rows a table opens on the evenly spaced view, the full one a click away. */
export const LONG_TABLE = 48;

/** Each group's last day with a point (-1 with none: no row). */
const lastDay = (g) => g.points.at(-1)?.days ?? -1;

/**
 * The days between two rows of the short view: the smallest 1, 2 or 5 × 10^k (the steps
 * Chart.js puts its ticks at, so the chart's tick days are mostly among the rows) for which
 * the rows at 0, step, 2·step … up to each group's last day come to at most `budget` in all.
 */
export function summaryStep(groups, budget = LONG_TABLE) {
  const rows = (step) => groups.reduce((n, g) => n + (lastDay(g) < 0 ? 0 : Math.floor(lastDay(g) / step) + 1), 0);
  for (let step = 1; ; step *= 10) {
    for (const d of [1, 2, 5]) if (rows(d * step) <= budget || d * step >= 1e6) return d * step;
  }
}

/** A group before its first point: all still without a verdict, none with one, bands collapsed (as R's survfit0 adds day 0). */
function startOf(group) {
  const edge = (v, field) => (hasBand(group, field) ? v : undefined);
  return { unresolved: 1, lower: 1, upper: 1, cumConfirmed: 0, cumConfirmedLower: edge(0, 'cumConfirmed'), cumConfirmedUpper: edge(0, 'cumConfirmed'), cumRefuted: 0, cumRefutedLower: edge(0, 'cumRefuted'), cumRefutedUpper: edge(0, 'cumRefuted') };
}

/**
 * A group's curves read at `times` (ascending), as summary.survfit(fit, times) does with
 * extend = FALSE: no row past the group's last point; the shares at t+0 (the last point on or
 * before t); `atRisk` at t−0 (atRiskAt); confirmed, refuted and censored summed since the
 * time before (for the first, from the start up to and including t).
 */
export function readAt(group, times) {
  const rows = [];
  let [i, at] = [0, startOf(group)];
  for (const t of times) {
    if (t > lastDay(group)) break;
    const row = { days: t, atRisk: atRiskAt(group, t), confirmed: 0, refuted: 0, censored: 0, at };
    for (; i < group.points.length && group.points[i].days <= t; i += 1) {
      const p = group.points[i];
      [row.confirmed, row.refuted, row.censored, row.at] = [row.confirmed + p.confirmed, row.refuted + p.refuted, row.censored + p.censored, p];
    }
    at = row.at;
    rows.push(row);
  }
  return rows;
}

/** A share and its band as one table cell: "16.7% (2.8–99.7%)", or the share alone where there is no band. */
function withBandCell(share, lower, upper) {
  return lower === null || lower === undefined ? pct(share) : `${pct(share)} (${pctRange([lower, upper])})`;
}

const num = (label) => ({ label, numeric: true });
const COUNTS = [num('At risk'), num('Confirmed'), num('Refuted'), num('Left the count')];
const SINCE = [num('At risk'), num('Confirmed since last row'), num('Refuted since last row'), num('Left the count since last row')];
const STILL = [num('Still without a verdict'), num('95% interval'), num('Confirmed by then'), num('Refuted by then')];
const stillCells = (p) => [pct(p.unresolved), p.lower === null ? '—' : pctRange([p.lower, p.upper]), pct(p.cumConfirmed), pct(p.cumRefuted)];
const incidenceCells = (p) => [withBandCell(p.cumConfirmed, p.cumConfirmedLower, p.cumConfirmedUpper), withBandCell(p.cumRefuted, p.cumRefutedLower, p.cumRefutedUpper)];

/**
 * The short view of a long table: the drawn groups (pickGroups) read every `summaryStep` days,
 * one section per group (its name once, above its rows), said in words; null when the full
 * table has at most LONG_TABLE rows.
 */
function shortView(survival, label, full, caption, columns, cells) {
  if (full.rows.length <= LONG_TABLE) return null;
  const { drawn, hidden } = pickGroups(survival);
  const step = summaryStep(drawn);
  const times = Array.from({ length: Math.floor(Math.max(0, ...drawn.map(lastDay)) / step) + 1 }, (_, k) => k * step);
  const sections = drawn.map((g) => ({ heading: groupName(g, label), rows: readAt(g, times).map((r) => [count(r.days), count(r.atRisk), count(r.confirmed), count(r.refuted), count(r.censored), ...cells(r.at)]) }));
  const rows = sections.flatMap((s) => s.rows);
  const which = hidden.length ? ` for the ${drawn.length} groups drawn` : '';
  const spec = { caption: `${caption}, every ${count(step)} days${which}`, columns: [num('Day'), ...SINCE, ...columns], rowHeader: true, rows };
  return {
    step,
    spec: drawn.length > 1 || drawn[0]?.key !== null ? { ...spec, sections } : spec,
    words: `Every ${count(step)} days from day 0${which}: ${count(rows.length)} of the ${count(full.rows.length)} rows, one for each day on which an allegation was confirmed, refuted or left the count${hidden.length ? ` (all ${count(drawn.length + hidden.length)} groups)` : ''}. “Since last row” counts the days in between.`,
  };
}

/** Every point of every group as a table (drawn or not), in key and day order; a short view where that is long; the full data as CSV. */
export function survivalTable(survival, label = (k) => k) {
  const rows = (survival?.groups ?? []).flatMap((g) => g.points.map((p) => [groupName(g, label), count(p.days), count(p.atRisk), count(p.confirmed), count(p.refuted), count(p.censored), ...stillCells(p)]));
  const full = { caption: 'Time to verdict, at each day on which an allegation was confirmed, refuted or left the count', columns: ['Group', num('Day'), ...COUNTS, ...STILL], rowHeader: true, rows };
  return { ...full, summary: shortView(survival, label, full, 'Time to verdict', STILL, stillCells), csv: () => survivalCsv(survival, label) };
}

/** Every point of every group with both cumulative incidences and their 95 % intervals, in key and day order; a short view where that is long. */
export function incidenceTable(survival, label = (k) => k) {
  const rows = (survival?.groups ?? []).flatMap((g) => g.points.map((p) => [groupName(g, label), count(p.days), count(p.atRisk), count(p.confirmed), count(p.refuted), count(p.censored), ...incidenceCells(p)]));
  const banded = (survival?.groups ?? []).some((g) => hasBand(g, 'cumConfirmed'));
  const columns = [num('Confirmed by then'), num('Refuted by then')];
  const full = { caption: `Confirmed and refuted by then${banded ? ' (95% interval in brackets)' : ''}, at each day an allegation was confirmed, refuted or left the count`, columns: ['Group', num('Day'), ...COUNTS, ...columns], rowHeader: true, rows };
  return { ...full, summary: shortView(survival, label, full, `Confirmed and refuted by then${banded ? ' (95% interval in brackets)' : ''}`, columns, incidenceCells), csv: () => survivalCsv(survival, label) };
}

/** The API's point fields, in its order; the bands' only where the answer has them. */
const FIELDS = ['days', 'atRisk', 'confirmed', 'refuted', 'censored', 'unresolved', 'lower', 'upper', 'cumConfirmed', 'cumRefuted'];
const BAND_FIELDS = ['cumConfirmedStdErr', 'cumConfirmedLower', 'cumConfirmedUpper', 'cumRefutedStdErr', 'cumRefutedLower', 'cumRefutedUpper'];

/** A CSV field (RFC 4180): quoted where it holds a comma, quote or line break; null and undefined empty. */
function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Every point of every group as CSV (RFC 4180, CRLF): the group's name and key, then the
 * point's fields as GET /api/survival names them, numbers unrounded.
 */
export function survivalCsv(survival, label = (k) => k) {
  const groups = survival?.groups ?? [];
  const fields = groups.some((g) => hasBand(g, 'cumConfirmed')) ? [...FIELDS, ...BAND_FIELDS] : FIELDS;
  const lines = [['group', 'key', ...fields], ...groups.flatMap((g) => g.points.map((p) => [groupName(g, label), g.key, ...fields.map((f) => p[f])]))];
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
