/**
 * Reads behind the analytics routes (survival, base rates, overview). With no filter and
 * `asOf` on or after the latest date on record (the usual "today"), each is a read of the
 * analytics counters (analytics_counts: a few rows per group and duration, or per month);
 * otherwise the entries are read from allegation_entries and claim_analytics (one row per
 * entry) and put through the same definitions (src/domain/survival/entries.ts).
 */
import type { InValue } from '@libsql/client';
import type { ReadRows, ReadStatement, ReadTarget } from './fast-read.js';
import { ALL_SOURCES, sourcesOf } from './queries.js';
import { statusPeriods, type DayTally, type Interval, type Resolved } from '../domain/overview.js';
import type { BaseRateTally } from '../domain/survival/base-rates.js';
import { dayOfMonth } from '../domain/survival/contributions.js';
import { tallyOf, type KeyedTally } from '../domain/survival/curves.js';
import { DAY_MS, dayText, spanOfDays, type ClaimStatus, type EntryEnd } from '../domain/survival/entries.js';
import { talliesOfSpans, verdictsOverTime, type SourceTally } from '../domain/survival/verdicts-over-time.js';

export interface EntryFilters {
  tag?: string;
  /** Only stances of sources of this country (ISO 3166-1 alpha-2). */
  country?: string;
}

type Scope = 'none' | 'source' | 'sourceType' | 'country';
const KEY_COLUMN: Record<Scope, string> = { none: 'NULL', source: 'e.source_id', sourceType: 'e.source_type', country: 'e.country' };
/** Counter keys are never null: '' stands for "no country". */
const keyOf = (v: unknown): string | null => (v === null || v === '' ? null : String(v));

/** The latest day the counters were made from (coversDay reads it). */
const COVER: ReadStatement = { sql: "SELECT max(day) FROM analytics_counts WHERE scope = 'days'" };

/** Whether the counters answer for this day (from COVER's rows): it is on or after every date they were made from. */
function coversDay(read: unknown[][] | undefined, asOfDay: number): boolean {
  const latest = read?.[0]?.[0];
  return latest === null || latest === undefined || asOfDay >= Number(latest);
}

/**
 * Each entry's span as of a day, read one row per entry: with `by = none` one per allegation
 * (its earliest asserting stance among those kept), else one per (source, allegation, stance kind).
 */
function entrySpansStatement(by: Scope, stances: Array<'asserts' | 'denies'>, asOfDay: number, f: EntryFilters): ReadStatement {
  const where = [`e.stance IN (${stances.map(() => '?').join(', ')})`, 'e.start_day <= ?'];
  const args: InValue[] = [...stances, asOfDay];
  if (f.country) where.push('e.country = ?'), args.push(f.country);
  if (f.tag) where.push('e.claim_id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)'), args.push(f.tag);
  return {
    sql: `SELECT ${KEY_COLUMN[by]}, e.stance, min(e.start_day), a.status, a.known_day, e.source_id
     FROM allegation_entries e JOIN claim_analytics a ON a.claim_id = e.claim_id
     WHERE ${where.join(' AND ')} GROUP BY e.claim_id, e.stance${by === 'none' ? '' : ', e.source_id'}`,
    args,
  };
}

/** The entries' spans from entrySpansStatement's rows. */
function entrySpansOf(read: unknown[][], asOfDay: number) {
  const out: Array<{ key: string | null; sourceId: string; stance: 'asserts' | 'denies'; days: number; startDay: number; endDay: number; end: EntryEnd }> = [];
  for (const [key, stance, start, status, known, sourceId] of read) {
    const span = spanOfDays(Number(start), String(status) as ClaimStatus, known === null ? null : Number(known), asOfDay);
    if (span) out.push({ key: keyOf(key), sourceId: String(sourceId), stance: String(stance) as 'asserts' | 'denies', days: span.endDay - span.startDay, ...span });
  }
  return out;
}

async function entrySpans(rows: ReadRows, by: Scope, stances: Array<'asserts' | 'denies'>, asOfDay: number, f: EntryFilters) {
  const { sql, args } = entrySpansStatement(by, stances, asOfDay, f);
  return entrySpansOf(await rows(sql, args), asOfDay);
}

/** Counter rows of a scope (and stance), read as (key, stance, outcome, day, n) by countersOf. */
const countersStatement = (scope: string, where = '', args: InValue[] = []): ReadStatement => ({ sql: `SELECT key, stance, outcome, day, n FROM analytics_counts WHERE scope = ?${where}`, args: [scope, ...args] });

function countersOf(read: unknown[][] | undefined) {
  return (read ?? []).map(([key, stance, outcome, day, n]) => ({ key: String(key), stance: String(stance), outcome: String(outcome), day: Number(day), n: Number(n) }));
}

/**
 * Survival tallies for `by`, as of a day. Whether the counters answer is asked with the
 * counters themselves (one snapshot, one request); if they do not, the entries are read.
 */
export async function survivalTallies(_db: ReadTarget, rows: ReadRows, by: 'none' | 'source' | 'sourceType', asOfDay: number, f: EntryFilters): Promise<KeyedTally[]> {
  if (!f.tag && !f.country) {
    const [cover, read] = await rows.batch([COVER, countersStatement(by, " AND stance = 'asserts'")]);
    if (coversDay(cover, asOfDay)) {
      return countersOf(read).map((c) => {
        const key = by === 'none' ? null : keyOf(c.key);
        if (c.outcome === 'open') return { key, days: asOfDay - c.day, confirmed: 0, refuted: 0, censored: c.n };
        return { key, days: c.day, confirmed: c.outcome === 'confirmed' ? c.n : 0, refuted: c.outcome === 'refuted' ? c.n : 0, censored: c.outcome === 'confirmed' || c.outcome === 'refuted' ? 0 : c.n };
      });
    }
  }
  return (await entrySpans(rows, by, ['asserts'], asOfDay, f)).map((e) => tallyOf(e.key, e));
}

/** Base-rate tallies (asserting and denying entries) for `by`, as of a day (the counters as survivalTallies reads them). */
export async function baseRateTallies(_db: ReadTarget, rows: ReadRows, by: 'sourceType' | 'country' | 'source', asOfDay: number, f: EntryFilters): Promise<BaseRateTally[]> {
  if (!f.tag) {
    const sums = { sql: `SELECT key, stance, outcome, sum(n) FROM analytics_counts WHERE scope = ? AND outcome IN ('open', 'confirmed', 'refuted') GROUP BY key, stance, outcome`, args: [by] };
    const [cover, read] = await rows.batch([COVER, sums]);
    if (coversDay(cover, asOfDay)) return (read ?? []).map(([key, stance, outcome, n]) => ({ key: keyOf(key), stance: String(stance) as 'asserts' | 'denies', end: String(outcome) as EntryEnd, count: Number(n) }));
  }
  return (await entrySpans(rows, by, ['asserts', 'denies'], asOfDay, f)).map((e) => ({ key: e.key, stance: e.stance, end: e.end, count: 1 }));
}

const emptyDay = (day: number): DayTally => ({ day, started: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0, resolved: 0 });

/** What the overview reads (claim tallies, source tallies, the sources), by whether the counters answer. */
function overviewStatements(covered: boolean, asOfDay: number, limit: number): ReadStatement[] {
  if (covered) {
    // Each source's months, for the `limit` sources with the most entries (as sourceTalliesOf ranks them).
    const top = "SELECT key FROM analytics_counts WHERE scope = 'sourceTotal' ORDER BY n DESC, key LIMIT ?";
    return [countersStatement('claimMonth'), countersStatement('sourceTotal'), countersStatement('sourceMonth', ` AND key IN (${top})`, [limit]), ALL_SOURCES];
  }
  return [
    { sql: 'SELECT kind, start_day, count(*) FROM claim_analytics WHERE start_day <= ? GROUP BY kind, start_day', args: [asOfDay] },
    { sql: "SELECT kind, status, max(start_day, known_day) AS d, count(*) FROM claim_analytics WHERE status <> 'open' AND known_day <= ? AND start_day <= ? GROUP BY kind, status, d", args: [asOfDay, asOfDay] },
    entrySpansStatement('source', ['asserts', 'denies'], asOfDay, {}),
    ALL_SOURCES,
  ];
}

/** Claims begun and resolved per day (or per month's first day), by kind, from overviewStatements' first rows. */
function claimTalliesOf(covered: boolean, read: Array<unknown[][] | undefined>): Array<DayTally & { kind: string }> {
  const tallies = covered
    ? countersOf(read[0]).map((c) => [c.key, c.outcome, dayOfMonth(c.day), c.n] as const)
    : [
        ...(read[0] ?? []).map((r) => [String(r[0]), 'started', Number(r[1]), Number(r[2])] as const),
        ...(read[1] ?? []).map((r) => [String(r[0]), String(r[1]), Number(r[2]), Number(r[3])] as const),
      ];
  return tallies.map(([kind, outcome, day, n]) => {
    const t = { ...emptyDay(day), kind };
    if (outcome === 'started') t.started = n;
    else t[outcome as Resolved] = n;
    return t;
  });
}

/** Each source's tallies (the `limit` sources with the most entries) and how many sources have any, from overviewStatements' rows. */
function sourceTalliesOf(covered: boolean, read: Array<unknown[][] | undefined>, asOfDay: number, limit: number): { bySource: Map<string, SourceTally[]>; count: number } {
  const bySource = new Map<string, SourceTally[]>();
  if (covered) {
    const totals = countersOf(read[1]).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
    for (const t of totals.slice(0, limit)) bySource.set(t.key, []);
    for (const c of countersOf(read[2])) {
      bySource.get(c.key)?.push({ day: dayOfMonth(c.day), stance: c.stance as 'asserts' | 'denies', outcome: c.outcome as SourceTally['outcome'], n: c.n });
    }
    return { bySource, count: totals.length };
  }
  const spans = new Map<string, ReturnType<typeof entrySpansOf>>();
  for (const s of entrySpansOf(read[2] ?? [], asOfDay)) {
    const list = spans.get(s.sourceId) ?? [];
    list.push(s);
    spans.set(s.sourceId, list);
  }
  const ranked = [...spans].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  for (const [id, list] of ranked) bySource.set(id, talliesOfSpans(list));
  return { bySource, count: spans.size };
}

/**
 * The overview's rows, of one state of the database: with the counters (and whether they
 * answer for the day) in one batch, or else the entries in another — the totals, the sources'
 * tallies and their names never from two states.
 */
async function overviewRows(rows: ReadRows, asOfDay: number, limit: number, useCounters: boolean): Promise<{ covered: boolean; read: Array<unknown[][] | undefined> }> {
  if (useCounters) {
    const [cover, ...read] = await rows.batch([COVER, ...overviewStatements(true, asOfDay, limit)]);
    if (coversDay(cover, asOfDay)) return { covered: true, read };
  }
  return { covered: false, read: await rows.batch(overviewStatements(false, asOfDay, limit)) };
}

/** The overview answer (see the route's description). */
export async function overviewData(_db: ReadTarget, rows: ReadRows, interval: Interval, asOfDay: number, maxSources: number, useCounters = true) {
  const { covered, read } = await overviewRows(rows, asOfDay, maxSources, useCounters);
  const claims = claimTalliesOf(covered, read);
  const periods = statusPeriods(claims, interval, asOfDay);
  const totals = { claims: 0, predictions: 0, allegations: 0, open: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0, resolved: 0 };
  for (const t of claims) {
    const kind = t.kind === 'prediction' ? 'predictions' : 'allegations';
    totals.claims += t.started;
    totals[kind] += t.started;
    totals.open += t.started - t.confirmed - t.refuted - t.annulled - t.unresolvable - t.resolved;
    for (const s of ['confirmed', 'refuted', 'annulled', 'unresolvable', 'resolved'] as const) totals[s] += t[s];
  }
  const { bySource: tallies, count } = sourceTalliesOf(covered, read, asOfDay, maxSources);
  const sources = new Map(sourcesOf(read[3] ?? []).map((s) => [s.id, s]));
  const periodDays = periods.map((p) => ({ period: p.period, startDay: Date.parse(p.start) / DAY_MS, endDay: Date.parse(p.end) / DAY_MS }));
  const bySource = [...tallies].map(([sourceId, list]) => {
    const [now] = verdictsOverTime(list, [{ period: '', startDay: -Infinity, endDay: Infinity }]);
    const entries = list.reduce((n, t) => n + (t.outcome === 'started' ? t.n : 0), 0);
    return { sourceId, name: sources.get(sourceId)?.name ?? sourceId, type: sources.get(sourceId)?.type ?? 'other', entries, right: now!.right, wrong: now!.wrong, pending: now!.pending, periods: verdictsOverTime(list, periodDays) };
  });
  return { interval, asOf: dayText(asOfDay), totals, periods, bySource, sourcesWithStances: count };
}
