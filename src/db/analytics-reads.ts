/**
 * Reads behind the analytics routes (survival, base rates, overview): the facts of each
 * (source, allegation) entry — earliest non-retracted stance, the claim's current status and
 * knownOn — for the pure functions in src/domain/survival.
 */
import type { InValue } from '@libsql/client';
import type { ReadRows, ReadTarget } from './fast-read.js';
import { allSources } from './queries.js';
import { statusPeriods, type DayTally, type Interval, type Resolved } from '../domain/overview.js';
import type { BaseRateTally } from '../domain/survival/base-rates.js';
import { tallyOf, type KeyedTally } from '../domain/survival/curves.js';
import { DAY_MS, dayNumber, dayText, entrySpan, survivalEntry, type ClaimStatus, type EntryFacts } from '../domain/survival/entries.js';
import { verdictsOverTime, type SourceSpan } from '../domain/survival/verdicts-over-time.js';

export type GroupBy = 'none' | 'source' | 'sourceType' | 'country';

export interface EntryFilters {
  tag?: string;
  /** Only stances of sources of this country (ISO 3166-1 alpha-2). */
  country?: string;
}

export interface EntryRow extends EntryFacts {
  key: string | null;
  stance: 'asserts' | 'denies';
}

const KEY_COLUMN: Record<GroupBy, string> = { none: 'NULL', source: 's.source_id', sourceType: 'src.type', country: 'src.country' };

/**
 * Entry facts: with `by = none` one per allegation with a non-retracted asserting stance (its
 * earliest), else one per (source, allegation, stance kind) with the source's earliest. Partial
 * dates compare as text in date order (a prefix — `2023` of `2023-01-01` — starts on the same day or earlier).
 */
export async function entryFacts(rows: ReadRows, by: GroupBy, stances: Array<'asserts' | 'denies'>, f: EntryFilters): Promise<EntryRow[]> {
  const where = ["c.kind = 'allegation'", 's.retracted_seq IS NULL', `s.stance IN (${stances.map(() => '?').join(', ')})`];
  const args: InValue[] = [...stances];
  if (f.country) where.push('src.country = ?'), args.push(f.country);
  if (f.tag) where.push('s.claim_id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)'), args.push(f.tag);
  const group = by === 'none' ? 's.claim_id, s.stance' : 's.claim_id, s.source_id, s.stance';
  const read = await rows(
    `SELECT ${KEY_COLUMN[by]}, s.stance, min(s.date), c.status, c.known_on
     FROM stances s JOIN claims c ON c.id = s.claim_id JOIN sources src ON src.id = s.source_id
     WHERE ${where.join(' AND ')} GROUP BY ${group}`,
    args,
  );
  return read.map(([key, stance, start, status, knownOn]) => ({
    key: key === null ? null : String(key),
    stance: String(stance) as 'asserts' | 'denies',
    start: String(start),
    status: String(status) as ClaimStatus,
    knownOn: knownOn === null ? null : String(knownOn),
  }));
}

/** Survival tallies (one per entry) for `by`, as of a day. */
export async function survivalTallies(_db: ReadTarget, rows: ReadRows, by: 'none' | 'source' | 'sourceType', asOfDay: number, f: EntryFilters): Promise<KeyedTally[]> {
  const out: KeyedTally[] = [];
  for (const r of await entryFacts(rows, by, ['asserts'], f)) {
    const e = survivalEntry(r, asOfDay);
    if (e) out.push(tallyOf(r.key, e));
  }
  return out;
}

/** Base-rate tallies (one per entry, asserting and denying) for `by`, as of a day. */
export async function baseRateTallies(_db: ReadTarget, rows: ReadRows, by: 'sourceType' | 'country' | 'source', asOfDay: number, f: EntryFilters): Promise<BaseRateTally[]> {
  const out: BaseRateTally[] = [];
  for (const r of await entryFacts(rows, by, ['asserts', 'denies'], f)) {
    const e = survivalEntry(r, asOfDay);
    if (e) out.push({ key: r.key, stance: r.stance, end: e.end, count: 1 });
  }
  return out;
}

/** Per-day tallies of claims begun and resolved (each claim's start: the earliest of its world dates). */
async function claimDayTallies(rows: ReadRows): Promise<DayTally[]> {
  const read = await rows(`
    SELECT c.status, c.known_on, c.created_at, c.opened_at,
      (SELECT min(made_at) FROM forecasts f WHERE f.claim_id = c.id),
      (SELECT min(date) FROM stances s WHERE s.claim_id = c.id),
      (SELECT min(date) FROM evidence e WHERE e.claim_id = c.id)
    FROM claims c`);
  const byDay = new Map<number, DayTally>();
  const at = (day: number) => {
    let t = byDay.get(day);
    if (!t) byDay.set(day, (t = { day, started: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0 }));
    return t;
  };
  for (const [status, knownOn, ...dates] of read) {
    const starts = dates.filter((d) => d !== null).map((d) => dayNumber(String(d))).filter((d): d is number => d !== null);
    if (starts.length === 0) continue;
    const start = Math.min(...starts);
    at(start).started++;
    const known = status === 'open' || knownOn === null ? null : dayNumber(String(knownOn));
    if (known !== null) at(Math.max(start, known))[status as Resolved]++;
  }
  return [...byDay.values()];
}

/** The overview answer (see the route's description). */
export async function overviewData(db: ReadTarget, rows: ReadRows, interval: Interval, asOfDay: number, maxSources: number) {
  const periods = statusPeriods(await claimDayTallies(rows), interval, asOfDay);
  const totals = { claims: 0, predictions: 0, allegations: 0, open: 0, confirmed: 0, refuted: 0, annulled: 0, unresolvable: 0 };
  for (const [kind, status, n] of await rows('SELECT kind, status, count(*) FROM claims GROUP BY kind, status')) {
    totals.claims += Number(n);
    totals[kind === 'prediction' ? 'predictions' : 'allegations'] += Number(n);
    totals[status as keyof typeof totals] += Number(n);
  }
  const spans = new Map<string, SourceSpan[]>();
  for (const r of await entryFacts(rows, 'source', ['asserts', 'denies'], {})) {
    const s = entrySpan(r, asOfDay);
    if (!s || r.key === null) continue;
    const list = spans.get(r.key) ?? [];
    list.push({ ...s, stance: r.stance });
    spans.set(r.key, list);
  }
  const names = new Map((await allSources(db.client)).map((s) => [s.id, s]));
  const periodDays = periods.map((p) => ({ period: p.period, startDay: Date.parse(p.start) / DAY_MS, endDay: Date.parse(p.end) / DAY_MS }));
  const bySource = [...spans]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxSources)
    .map(([sourceId, list]) => {
      const now = verdictsOverTime(list, [{ period: '', startDay: -Infinity, endDay: asOfDay + 1 }])[0]!;
      return { sourceId, name: names.get(sourceId)?.name ?? sourceId, type: names.get(sourceId)?.type ?? 'other', entries: list.length, right: now.right, wrong: now.wrong, pending: now.pending, periods: verdictsOverTime(list, periodDays) };
    });
  return { interval, asOf: dayText(asOfDay), totals, periods, bySource, sourcesWithStances: spans.size };
}
