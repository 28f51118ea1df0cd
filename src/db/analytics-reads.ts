/**
 * Reads behind the analytics routes (survival, base rates, overview). With no filter and
 * `asOf` on or after the latest date on record (the usual "today"), each is a read of the
 * analytics counters (analytics_counts: a few rows per group and duration, or per month);
 * otherwise the entries are read from allegation_entries and claim_analytics (one row per
 * entry) and put through the same definitions (src/domain/survival/entries.ts).
 */
import type { InValue } from '@libsql/client';
import type { ReadRows, ReadTarget } from './fast-read.js';
import { allSources } from './queries.js';
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

/** Whether the counters answer for this day: it is on or after every date they were made from. */
async function countersCover(rows: ReadRows, asOfDay: number): Promise<boolean> {
  const [r] = await rows("SELECT max(day) FROM analytics_counts WHERE scope = 'days'");
  const latest = r?.[0];
  return latest === null || latest === undefined || asOfDay >= Number(latest);
}

/**
 * Each entry's span as of a day, read one row per entry: with `by = none` one per allegation
 * (its earliest asserting stance among those kept), else one per (source, allegation, stance kind).
 */
async function entrySpans(rows: ReadRows, by: Scope, stances: Array<'asserts' | 'denies'>, asOfDay: number, f: EntryFilters) {
  const where = [`e.stance IN (${stances.map(() => '?').join(', ')})`, 'e.start_day <= ?'];
  const args: InValue[] = [...stances, asOfDay];
  if (f.country) where.push('e.country = ?'), args.push(f.country);
  if (f.tag) where.push('e.claim_id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)'), args.push(f.tag);
  const read = await rows(
    `SELECT ${KEY_COLUMN[by]}, e.stance, min(e.start_day), a.status, a.known_day, e.source_id
     FROM allegation_entries e JOIN claim_analytics a ON a.claim_id = e.claim_id
     WHERE ${where.join(' AND ')} GROUP BY e.claim_id, e.stance${by === 'none' ? '' : ', e.source_id'}`,
    args,
  );
  const out: Array<{ key: string | null; sourceId: string; stance: 'asserts' | 'denies'; days: number; startDay: number; endDay: number; end: EntryEnd }> = [];
  for (const [key, stance, start, status, known, sourceId] of read) {
    const span = spanOfDays(Number(start), String(status) as ClaimStatus, known === null ? null : Number(known), asOfDay);
    if (span) out.push({ key: keyOf(key), sourceId: String(sourceId), stance: String(stance) as 'asserts' | 'denies', days: span.endDay - span.startDay, ...span });
  }
  return out;
}

/** Counter rows of a scope (and stance), as (key, stance, outcome, day, n). */
async function counters(rows: ReadRows, scope: string, where = '', args: InValue[] = []) {
  const read = await rows(`SELECT key, stance, outcome, day, n FROM analytics_counts WHERE scope = ?${where}`, [scope, ...args]);
  return read.map(([key, stance, outcome, day, n]) => ({ key: String(key), stance: String(stance), outcome: String(outcome), day: Number(day), n: Number(n) }));
}

/** Survival tallies for `by`, as of a day. */
export async function survivalTallies(_db: ReadTarget, rows: ReadRows, by: 'none' | 'source' | 'sourceType', asOfDay: number, f: EntryFilters): Promise<KeyedTally[]> {
  if (!f.tag && !f.country && (await countersCover(rows, asOfDay))) {
    return (await counters(rows, by, " AND stance = 'asserts'")).map((c) => {
      const key = by === 'none' ? null : keyOf(c.key);
      if (c.outcome === 'open') return { key, days: asOfDay - c.day, confirmed: 0, refuted: 0, censored: c.n };
      return { key, days: c.day, confirmed: c.outcome === 'confirmed' ? c.n : 0, refuted: c.outcome === 'refuted' ? c.n : 0, censored: c.outcome === 'confirmed' || c.outcome === 'refuted' ? 0 : c.n };
    });
  }
  return (await entrySpans(rows, by, ['asserts'], asOfDay, f)).map((e) => tallyOf(e.key, e));
}

/** Base-rate tallies (asserting and denying entries) for `by`, as of a day. */
export async function baseRateTallies(_db: ReadTarget, rows: ReadRows, by: 'sourceType' | 'country' | 'source', asOfDay: number, f: EntryFilters): Promise<BaseRateTally[]> {
  if (!f.tag && (await countersCover(rows, asOfDay))) {
    const read = await rows(`SELECT key, stance, outcome, sum(n) FROM analytics_counts WHERE scope = ? AND outcome IN ('open', 'confirmed', 'refuted') GROUP BY key, stance, outcome`, [by]);
    return read.map(([key, stance, outcome, n]) => ({ key: keyOf(key), stance: String(stance) as 'asserts' | 'denies', end: String(outcome) as EntryEnd, count: Number(n) }));
  }
  return (await entrySpans(rows, by, ['asserts', 'denies'], asOfDay, f)).map((e) => ({ key: e.key, stance: e.stance, end: e.end, count: 1 }));
}

const emptyDay = (day: number): DayTally => ({ day, started: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0, resolved: 0 });

/** Claims begun and resolved per day (or per month's first day), by kind, as of a day. */
async function claimTallies(rows: ReadRows, asOfDay: number, covered: boolean): Promise<Array<DayTally & { kind: string }>> {
  const read = covered
    ? (await counters(rows, 'claimMonth')).map((c) => [c.key, c.outcome, dayOfMonth(c.day), c.n] as const)
    : [
        ...(await rows('SELECT kind, start_day, count(*) FROM claim_analytics WHERE start_day <= ? GROUP BY kind, start_day', [asOfDay])).map((r) => [String(r[0]), 'started', Number(r[1]), Number(r[2])] as const),
        ...(
          await rows(
            "SELECT kind, status, max(start_day, known_day) AS d, count(*) FROM claim_analytics WHERE status <> 'open' AND known_day <= ? AND start_day <= ? GROUP BY kind, status, d",
            [asOfDay, asOfDay],
          )
        ).map((r) => [String(r[0]), String(r[1]), Number(r[2]), Number(r[3])] as const),
      ];
  return read.map(([kind, outcome, day, n]) => {
    const t = { ...emptyDay(day), kind };
    if (outcome === 'started') t.started = n;
    else t[outcome as Resolved] = n;
    return t;
  });
}

/** Each source's tallies (the `limit` sources with the most entries) and how many sources have any. */
async function sourceTallies(rows: ReadRows, asOfDay: number, covered: boolean, limit: number): Promise<{ bySource: Map<string, SourceTally[]>; count: number }> {
  const bySource = new Map<string, SourceTally[]>();
  if (covered) {
    const totals = (await counters(rows, 'sourceTotal')).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
    const top = totals.slice(0, limit).map((t) => t.key);
    for (const key of top) bySource.set(key, []);
    if (top.length > 0) {
      for (const c of await counters(rows, 'sourceMonth', ` AND key IN (${top.map(() => '?').join(', ')})`, top)) {
        bySource.get(c.key)?.push({ day: dayOfMonth(c.day), stance: c.stance as 'asserts' | 'denies', outcome: c.outcome as SourceTally['outcome'], n: c.n });
      }
    }
    return { bySource, count: totals.length };
  }
  const spans = new Map<string, Array<Awaited<ReturnType<typeof entrySpans>>[number]>>();
  for (const s of await entrySpans(rows, 'source', ['asserts', 'denies'], asOfDay, {})) {
    const list = spans.get(s.sourceId) ?? [];
    list.push(s);
    spans.set(s.sourceId, list);
  }
  const ranked = [...spans].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  for (const [id, list] of ranked) bySource.set(id, talliesOfSpans(list));
  return { bySource, count: spans.size };
}

/** The overview answer (see the route's description). */
export async function overviewData(db: ReadTarget, rows: ReadRows, interval: Interval, asOfDay: number, maxSources: number, useCounters = true) {
  const covered = useCounters && (await countersCover(rows, asOfDay));
  const claims = await claimTallies(rows, asOfDay, covered);
  const periods = statusPeriods(claims, interval, asOfDay);
  const totals = { claims: 0, predictions: 0, allegations: 0, open: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0, resolved: 0 };
  for (const t of claims) {
    const kind = t.kind === 'prediction' ? 'predictions' : 'allegations';
    totals.claims += t.started;
    totals[kind] += t.started;
    totals.open += t.started - t.confirmed - t.refuted - t.annulled - t.unresolvable - t.resolved;
    for (const s of ['confirmed', 'refuted', 'annulled', 'unresolvable', 'resolved'] as const) totals[s] += t[s];
  }
  const { bySource: tallies, count } = await sourceTallies(rows, asOfDay, covered, maxSources);
  const sources = new Map((await allSources(db.client)).map((s) => [s.id, s]));
  const periodDays = periods.map((p) => ({ period: p.period, startDay: Date.parse(p.start) / DAY_MS, endDay: Date.parse(p.end) / DAY_MS }));
  const bySource = [...tallies].map(([sourceId, list]) => {
    const [now] = verdictsOverTime(list, [{ period: '', startDay: -Infinity, endDay: Infinity }]);
    const entries = list.reduce((n, t) => n + (t.outcome === 'started' ? t.n : 0), 0);
    return { sourceId, name: sources.get(sourceId)?.name ?? sourceId, type: sources.get(sourceId)?.type ?? 'other', entries, right: now!.right, wrong: now!.wrong, pending: now!.pending, periods: verdictsOverTime(list, periodDays) };
  });
  return { interval, asOf: dayText(asOfDay), totals, periods, bySource, sourcesWithStances: count };
}
